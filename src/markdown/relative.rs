//! Relative links made to work away from their page: a summary on a list page or in a
//! feed, and a briefing's body in a feed reader.
//!
//! A writer's `[data](data.csv)` or `[x](#anchor)` means "beside this article", as the
//! browser reads it on the article's own page. Resolved here as RFC 3986 (section 5.2)
//! resolves a reference against a base, by hand rather than with the `url` crate,
//! because that crate re-encodes what it parses and the href must stay as written.

use std::borrow::Cow;
use std::ops::Range;

use super::escape;
use super::tags::start_tags;

/// The length of `href`'s scheme (`https`, `mailto`, `javascript`), if it has one.
fn scheme_len(href: &str) -> Option<usize> {
    let colon = href.find(':')?;
    let scheme = &href[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(colon)
}

/// Whether `href` depends on the page it is on: no scheme, and not from the site's root.
pub fn is_relative(href: &str) -> bool {
    scheme_len(href).is_none() && !href.starts_with('/')
}

/// `href` resolved against `base`: an absolute URL (`https://example.org/2026/10/rally/`)
/// or a path from the site's root (`/2026/10/rally/`). Anything absolute is kept as it is.
pub fn resolve<'a>(href: &'a str, base: &str) -> Cow<'a, str> {
    if scheme_len(href).is_some() {
        return Cow::Borrowed(href);
    }
    // The base's scheme and authority (`https://example.org`), and the rest of it.
    let (origin, rest) = match scheme_len(base) {
        Some(colon) if base[colon + 1..].starts_with("//") => {
            let after = colon + 3;
            let end = base[after..]
                .find(['/', '?', '#'])
                .map_or(base.len(), |i| after + i);
            base.split_at(end)
        }
        Some(colon) => base.split_at(colon + 1),
        None => ("", base),
    };
    if let Some(authority) = href.strip_prefix("//") {
        return match scheme_len(origin) {
            Some(colon) => Cow::Owned(format!("{}//{authority}", &origin[..=colon])),
            None => Cow::Borrowed(href),
        };
    }
    if href.starts_with('/') {
        return if origin.is_empty() {
            Cow::Borrowed(href)
        } else {
            Cow::Owned(format!("{origin}{href}"))
        };
    }
    let without_fragment = &rest[..rest.find('#').unwrap_or(rest.len())];
    let path = &without_fragment[..without_fragment.find('?').unwrap_or(without_fragment.len())];
    let resolved = if href.is_empty() {
        without_fragment.to_string()
    } else if href.starts_with('#') {
        format!("{without_fragment}{href}")
    } else if href.starts_with('?') {
        format!("{path}{href}")
    } else {
        let split = href.find(['?', '#']).unwrap_or(href.len());
        let (relative_path, tail) = href.split_at(split);
        let directory = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let merged = if directory.is_empty() {
            format!("/{relative_path}")
        } else {
            format!("{directory}{relative_path}")
        };
        format!("{}{tail}", remove_dot_segments(&merged))
    };
    Cow::Owned(format!("{origin}{resolved}"))
}

/// `/a/b/../c/./d` as `/a/c/d`; `..` never climbs above the root.
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." && out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            other => out.push(other),
        }
    }
    out.join("/")
}

/// Attributes whose value is one URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster"];

/// Where each URL of `html` is: the value of every `href`, `src` and `poster`, and each
/// candidate's URL in a `srcset`, as written (entities still encoded), in order.
pub fn urls_in_html(html: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for tag in start_tags(html) {
        for attribute in &tag.attributes {
            let start = attribute.value_range.start;
            if URL_ATTRIBUTES
                .iter()
                .any(|a| a.eq_ignore_ascii_case(attribute.name))
            {
                found.push(attribute.value_range.clone());
            } else if attribute.name.eq_ignore_ascii_case("srcset") {
                let mut at = start;
                for candidate in attribute.value.split(',') {
                    let trimmed = candidate.trim_start();
                    let url_start = at + (candidate.len() - trimmed.len());
                    let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
                    found.push(url_start..url_start + end);
                    at += candidate.len() + 1;
                }
            }
        }
    }
    found
}

/// Every `href`, `src`, `poster` and `srcset` of `html` that is relative to its page,
/// resolved against `base`, which is escaped as it goes in.
pub fn resolve_in_html(html: &str, base: &str) -> String {
    // Escaped once for all the page's links: a feed resolves every link of every entry.
    let base = escape(base);
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    for range in urls_in_html(html) {
        if let Cow::Owned(resolved) = resolve_against_escaped(&html[range.clone()], &base) {
            out.push_str(&html[copied..range.start]);
            out.push_str(&resolved);
            copied = range.end;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// `resolve` for a value as it stands in HTML: the base joins escaped.
pub(super) fn resolve_escaped<'a>(value: &'a str, base: &str) -> Cow<'a, str> {
    resolve_against_escaped(value, &escape(base))
}

/// `resolve_escaped` given the base already escaped.
fn resolve_against_escaped<'a>(value: &'a str, escaped_base: &str) -> Cow<'a, str> {
    if is_relative(value) || value.starts_with('/') {
        match resolve(value, escaped_base) {
            Cow::Borrowed(_) => Cow::Borrowed(value),
            owned => Cow::Owned(owned.into_owned()),
        }
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_against_an_article_path_as_a_browser_resolves_them() {
        let base = "/2026/10/rally/";
        for (href, expected) in [
            ("data.csv", "/2026/10/rally/data.csv"),
            ("./chart.png", "/2026/10/rally/chart.png"),
            ("../09/older/", "/2026/10/09/older/"),
            ("../../../../../up", "/up"),
            ("#the-move", "/2026/10/rally/#the-move"),
            ("?q=1", "/2026/10/rally/?q=1"),
            ("", "/2026/10/rally/"),
            ("/companies/smic/", "/companies/smic/"),
            ("https://example.com/x", "https://example.com/x"),
            ("mailto:desk@example.org", "mailto:desk@example.org"),
            ("//cdn.example.com/x.js", "//cdn.example.com/x.js"),
        ] {
            assert_eq!(resolve(href, base), expected, "{href:?}");
        }
    }

    #[test]
    fn references_resolve_against_an_absolute_permalink_for_feeds() {
        let base = "https://example.org/blog/2026/10/rally/";
        for (href, expected) in [
            (
                "data.csv",
                "https://example.org/blog/2026/10/rally/data.csv",
            ),
            ("#x", "https://example.org/blog/2026/10/rally/#x"),
            ("/blog/companies/", "https://example.org/blog/companies/"),
            ("//cdn.example.com/x", "https://cdn.example.com/x"),
            ("../", "https://example.org/blog/2026/10/"),
        ] {
            assert_eq!(resolve(href, base), expected, "{href:?}");
        }
    }

    #[test]
    fn html_attributes_are_resolved_and_text_is_left_alone() {
        let html = "<p>See <a href=\"data.csv\">data='x.csv'</a> <img src='chart.png' alt=\"a.png\"> \
                    <img srcset=\"s.png 1x, l.png 2x\"> <a href=\"https://x.org/\">x</a> <a href=\"#a\">a</a></p>";
        assert_eq!(
            resolve_in_html(html, "/2026/10/r&d/"),
            "<p>See <a href=\"/2026/10/r&amp;d/data.csv\">data='x.csv'</a> \
             <img src='/2026/10/r&amp;d/chart.png' alt=\"a.png\"> \
             <img srcset=\"/2026/10/r&amp;d/s.png 1x, /2026/10/r&amp;d/l.png 2x\"> \
             <a href=\"https://x.org/\">x</a> <a href=\"/2026/10/r&amp;d/#a\">a</a></p>"
        );
    }
}
