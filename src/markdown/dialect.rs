//! The Markdown brief reads, and what a link's destination can come to: shared by the
//! body, the inline summaries and the benchmark's floor, which parses with the same.

use pulldown_cmark::{CowStr, Options};

/// What became of a link's destination.
pub enum LinkTarget {
    /// Not a link to a content file: leave it as written.
    Keep,
    /// A content file: link to its site path (`/2026/10/rally/#move`) instead. The
    /// base URL's path prefix goes in front of it only where a page is written.
    Site(String),
    /// A `.md` file that does not exist.
    Broken,
}

/// A link's destination, resolved.
pub struct Destination<'a> {
    /// What the link's `href` has: as written, or a site path.
    pub url: CowStr<'a>,
    /// `url` is a site path, to be written as a site link.
    pub site_path: bool,
    /// It names a content file that does not exist: kept as written, and reported.
    pub broken: bool,
}

/// The Markdown brief reads (the benchmark's floor parses with the same).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

impl LinkTarget {
    /// What a link's destination `written` becomes through `resolve`.
    pub fn apply<'a>(written: CowStr<'a>, resolve: &dyn Fn(&str) -> LinkTarget) -> Destination<'a> {
        let (url, site_path, broken) = match resolve(&written) {
            LinkTarget::Keep => (written, false, false),
            LinkTarget::Site(path) => (path.into(), true, false),
            LinkTarget::Broken => (written, false, true),
        };
        Destination {
            url,
            site_path,
            broken,
        }
    }
}
