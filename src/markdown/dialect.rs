//! The Markdown brief reads, and what a link's destination can come to: shared by the
//! body, the inline summaries and the benchmark's floor, which parses with the same.

use pulldown_cmark::{CowStr, Options};

/// What became of a link's destination.
pub enum LinkTarget {
    /// Not a link to a content file: leave it as written.
    Keep,
    /// A content file: link to its URL instead.
    Rewrite(String),
    /// A `.md` file that does not exist.
    Broken,
}

/// The Markdown brief reads (the benchmark's floor parses with the same).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

impl LinkTarget {
    /// What a link's destination `written` becomes through `resolve`: the destination
    /// to write, and whether it names a content file that does not exist (it is then
    /// kept as written, and reported).
    pub fn apply<'a>(
        written: CowStr<'a>,
        resolve: &dyn Fn(&str) -> LinkTarget,
    ) -> (CowStr<'a>, bool) {
        match resolve(&written) {
            LinkTarget::Keep => (written, false),
            LinkTarget::Rewrite(url) => (url.into(), false),
            LinkTarget::Broken => (written, true),
        }
    }
}
