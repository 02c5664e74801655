//! The integration tests of `brief build`, run as a writer runs it: the real binary on
//! a fixture site copied into a temporary folder, then checks on the folder it wrote.
//!
//! Fixtures live in `tests/fixtures/<name>/` (one behaviour each) and
//! `tests/fixtures/invalid/<name>/` (one reason to fail each); the harness is
//! `tests/brief/support/`; snapshots (insta) of pages, feeds, the sitemap, the list of
//! output paths and every error report are in `tests/snapshots/`.
//!
//! Briefings are dated in 2024 (long past) or 2999 (far future), so no test depends on
//! the clock.

mod archives;
mod bundles;
mod cashtags;
mod cli;
mod content;
mod errors;
mod feeds;
mod header;
mod images;
mod json_feed;
mod layout;
mod markdown;
mod market;
mod model;
mod moved_markdown;
mod moves;
mod old_urls;
mod output;
mod output_atomic;
mod prices;
mod search;
mod setup;
mod site;
mod social;
