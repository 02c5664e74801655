//! A small reader of HTML start tags and their attributes, enough to look at raw HTML
//! in Markdown (what it loads, what it runs) and at the links of rendered HTML.
//!
//! Not a full HTML parser: it skips comments and the insides of other markup, and
//! reads attribute values as written (entities still encoded), with their positions.

use std::ops::Range;

/// An attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute<'a> {
    pub name: &'a str,
    /// The value as written, without its quotes; empty when the attribute has none.
    pub value: &'a str,
    /// Where the value is in the HTML (an empty range after the name when it has none).
    pub value_range: Range<usize>,
}

/// A start tag: `<img src="chart.png">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag<'a> {
    pub name: &'a str,
    /// From `<` to `>` inclusive.
    pub range: Range<usize>,
    pub attributes: Vec<Attribute<'a>>,
}

impl StartTag<'_> {
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// Every start tag of `html`, in order.
pub fn start_tags(html: &str) -> Vec<StartTag<'_>> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|k| i + k) {
        if html[at..].starts_with("<!--") {
            i = html[at + 4..]
                .find("-->")
                .map_or(html.len(), |k| at + 4 + k + 3);
            continue;
        }
        i = at + 1;
        if !bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        if let Some(tag) = start_tag(html, at) {
            i = tag.range.end;
            tags.push(tag);
        }
    }
    tags
}

/// The start tag whose `<` is at `at`, if it closes.
fn start_tag(html: &str, at: usize) -> Option<StartTag<'_>> {
    let bytes = html.as_bytes();
    let name_end = (at + 1..bytes.len())
        .find(|&k| !(bytes[k].is_ascii_alphanumeric() || bytes[k] == b'-'))
        .unwrap_or(bytes.len());
    let name = &html[at + 1..name_end];
    let mut attributes = Vec::new();
    let mut i = name_end;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                return Some(StartTag {
                    name,
                    range: at..i + 1,
                    attributes,
                });
            }
            _ => {
                let start = i;
                while i < bytes.len()
                    && !bytes[i].is_ascii_whitespace()
                    && !matches!(bytes[i], b'=' | b'>' | b'/')
                {
                    i += 1;
                }
                if i == start {
                    // A stray `=`: skip it like a browser would.
                    i += 1;
                    continue;
                }
                let name = &html[start..i];
                let mut after = i;
                while after < bytes.len() && bytes[after].is_ascii_whitespace() {
                    after += 1;
                }
                if bytes.get(after) != Some(&b'=') {
                    attributes.push(Attribute {
                        name,
                        value: "",
                        value_range: i..i,
                    });
                    continue;
                }
                i = after + 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let value_range = match bytes.get(i)? {
                    &quote @ (b'"' | b'\'') => {
                        let end = html[i + 1..].find(quote as char)? + i + 1;
                        let range = i + 1..end;
                        i = end + 1;
                        range
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        start..i
                    }
                };
                attributes.push(Attribute {
                    name,
                    value: &html[value_range.clone()],
                    value_range,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_tags_are_read_with_their_attributes_and_comments_are_skipped() {
        let html = "<p>x > y</p><!-- <script> --><img src=\"a.png\" alt='it\"s' hidden data-x=1 />\n<VIDEO\n  poster = p.jpg>";
        let tags = start_tags(html);
        let names: Vec<&str> = tags.iter().map(|t| t.name).collect();
        assert_eq!(names, ["p", "img", "VIDEO"]);
        let img = &tags[1];
        let attributes: Vec<(&str, &str)> =
            img.attributes.iter().map(|a| (a.name, a.value)).collect();
        assert_eq!(
            attributes,
            [
                ("src", "a.png"),
                ("alt", "it\"s"),
                ("hidden", ""),
                ("data-x", "1")
            ]
        );
        assert_eq!(&html[img.attributes[0].value_range.clone()], "a.png");
        assert!(tags[2].is("video"));
        assert_eq!(tags[2].attributes[0].name, "poster");
        assert_eq!(tags[2].attributes[0].value, "p.jpg");
    }

    #[test]
    fn an_unclosed_tag_is_no_tag() {
        assert!(start_tags("a < b and <img src=\"x").is_empty());
    }
}
