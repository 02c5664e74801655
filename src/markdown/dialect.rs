//! The Markdown brief reads, and what a link's destination can come to: shared by the
//! body, the inline summaries and the benchmark's floor, which parses with the same.

use pulldown_cmark::Options;

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
