//! `brief new` and `brief init`: the files a writer starts from.
//!
//! Producing text is kept apart from writing it: `slug`, `archetype` and `starter` make
//! strings, and every file goes to disk through `write`, which only ever creates new
//! files inside the site's folder and never overwrites one.

mod archetype;
mod editor;
mod init;
mod new;
pub mod slug;
mod write;

pub use archetype::BUILT_IN_ARCHETYPE;
pub use editor::open_in_editor;
pub use init::{InitOptions, InitReport, init};
pub use new::{NewOptions, NewReport, new_article};
