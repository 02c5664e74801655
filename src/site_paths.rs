//! URLs a writer types into front matter (`path`, `aliases`): kept exactly as written,
//! dots and capitals included, since a site moved here must answer at its old URLs,
//! but refused when they could not be a URL of the site, or would name a file outside
//! the output (`..`), or could never be requested as written (`?`, `#`, `%`).
//!
//! Pure, and a leaf beside `urls`: text in, a site path or the reason it is not one out.

use std::fmt;

use crate::urls;

/// Why a written URL cannot be a site path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// It does not start with `/`.
    Relative,
    /// It has a scheme or a host (`https://…`, `//host/…`).
    Absolute,
    /// A `.` or `..` part: it would climb, or name the same page twice.
    DotPart,
    /// `//` inside it.
    EmptyPart,
    /// A `?` or `#`: a query or fragment is not part of a page's address.
    QueryOrFragment(char),
    /// A `%` escape: the file is named by the text itself.
    Escape,
    /// A space, a control character or a backslash.
    Character(char),
    /// A `path` that names a file (`/a/b.html`): an article is a folder's page.
    NotAFolder,
    /// An alias whose last part has an extension other than `.html` or `.htm`: a
    /// redirect is an HTML page.
    NotHtml,
    /// A part longer than a file name may be.
    TooLong(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Relative => f.write_str("does not start with /"),
            Problem::Absolute => f.write_str("names another site, not a path of this one"),
            Problem::DotPart => f.write_str("has a `.` or `..` part"),
            Problem::EmptyPart => f.write_str("has an empty part (`//`)"),
            Problem::QueryOrFragment(c) => write!(f, "has a `{c}`, which ends a path"),
            Problem::Escape => f.write_str("has a `%` escape"),
            Problem::Character(c) => write!(f, "has the character {c:?}"),
            Problem::NotAFolder => f.write_str("names a file rather than a folder"),
            Problem::NotHtml => f.write_str("names a file that is not an HTML page"),
            Problem::TooLong(part) => write!(
                f,
                "has a part of {} bytes, longer than a file name may be ({} bytes)",
                part.len(),
                urls::MAX_PART_BYTES
            ),
        }
    }
}

impl Problem {
    /// What the writer can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            Problem::Relative | Problem::Absolute => {
                "write the path from the site's root, as it was in the old URL: \"/2015/05/15/Rust-1.0/\""
            }
            Problem::DotPart | Problem::EmptyPart => {
                "write each part of the path once, without `.`, `..` or `//`"
            }
            Problem::QueryOrFragment(_) => "leave out the `?` or `#` and what follows it",
            Problem::Escape => "write the character itself (`/a b/` rather than `/a%20b/`)",
            Problem::Character(_) => {
                "write the path without spaces, backslashes or control characters"
            }
            Problem::NotAFolder => {
                "end `path` with / (\"/2015/05/15/Rust-1.0/\"), and keep the old file URL in `aliases`, which redirects it"
            }
            Problem::NotHtml => "an alias ends with /, .html or .htm",
            Problem::TooLong(_) => "shorten that part of the path",
        }
    }
}

/// The site path of an article's `path`: as written, with `/` added at the end when
/// it is left out.
pub fn path(written: &str) -> Result<String, Problem> {
    let checked = parts(written)?;
    if checked.ends_with('/') {
        return Ok(checked.to_string());
    }
    if is_html_file(checked) {
        return Err(Problem::NotAFolder);
    }
    Ok(format!("{checked}/"))
}

/// The site path of an alias: a folder (`/old/url/`, or `/old/url` with the `/` put
/// in) or an HTML file (`/2015/05/15/rust-1.0.html`), as written.
pub fn alias(written: &str) -> Result<String, Problem> {
    let checked = parts(written)?;
    if checked.ends_with('/') || is_html_file(checked) {
        return Ok(checked.to_string());
    }
    let last = checked.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return Err(Problem::NotHtml);
    }
    Ok(format!("{checked}/"))
}

fn is_html_file(path: &str) -> bool {
    let last = path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    last.ends_with(".html") || last.ends_with(".htm")
}

/// `written` trimmed, when every part of it can be a folder or file name of the site.
fn parts(written: &str) -> Result<&str, Problem> {
    let written = written.trim();
    if written.starts_with("//") || written.contains("://") {
        return Err(Problem::Absolute);
    }
    let Some(rest) = written.strip_prefix('/') else {
        return Err(Problem::Relative);
    };
    if let Some(c) = written.chars().find(|c| matches!(c, '?' | '#')) {
        return Err(Problem::QueryOrFragment(c));
    }
    if written.contains('%') {
        return Err(Problem::Escape);
    }
    if let Some(c) = written
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == '\\')
    {
        return Err(Problem::Character(c));
    }
    let parts: Vec<&str> = rest.split('/').collect();
    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        if *part == "." || *part == ".." {
            return Err(Problem::DotPart);
        }
        if part.is_empty() && i != last {
            return Err(Problem::EmptyPart);
        }
        if part.len() > urls::MAX_PART_BYTES {
            return Err(Problem::TooLong(part.to_string()));
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_kept_as_written_dots_and_capitals_included() {
        assert_eq!(
            path("/2015/05/15/Rust-1.0/").unwrap(),
            "/2015/05/15/Rust-1.0/"
        );
        assert_eq!(path("/2021/Rust-1.52.0").unwrap(), "/2021/Rust-1.52.0/");
        assert_eq!(path("/Größe/").unwrap(), "/Größe/");
    }

    #[test]
    fn a_path_that_cannot_be_a_folder_of_the_site_is_refused() {
        for (written, problem) in [
            ("2015/rust/", Problem::Relative),
            ("https://old.example.org/a/", Problem::Absolute),
            ("//old.example.org/a/", Problem::Absolute),
            ("/a/../../etc/", Problem::DotPart),
            ("/a/./b/", Problem::DotPart),
            ("/a//b/", Problem::EmptyPart),
            ("/a/?page=2", Problem::QueryOrFragment('?')),
            ("/a/#top", Problem::QueryOrFragment('#')),
            ("/a%20b/", Problem::Escape),
            ("/a b/", Problem::Character(' ')),
            ("/a\\b/", Problem::Character('\\')),
            ("/2015/rust.html", Problem::NotAFolder),
        ] {
            assert_eq!(path(written), Err(problem), "{written}");
        }
        let long = format!("/{}/", "x".repeat(256));
        assert!(matches!(path(&long), Err(Problem::TooLong(_))));
    }

    #[test]
    fn an_alias_is_a_folder_or_an_html_file() {
        assert_eq!(alias("/old/url/").unwrap(), "/old/url/");
        assert_eq!(alias("/old/url").unwrap(), "/old/url/");
        assert_eq!(
            alias("/2015/05/15/rust-1.0.html").unwrap(),
            "/2015/05/15/rust-1.0.html"
        );
        assert_eq!(alias("/feed.xml"), Err(Problem::NotHtml));
        assert_eq!(alias("/a/../b/"), Err(Problem::DotPart));
    }
}
