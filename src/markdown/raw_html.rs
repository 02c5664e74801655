//! What in a Markdown body breaks the site's promise of no scripts and no requests to
//! other hosts: `<script>` and `<iframe>` elements, `on…` event handlers and
//! `javascript:` URLs in raw HTML or links, and files loaded from another host by raw
//! HTML or a Markdown image.
//!
//! Found, not removed: brief publishes the writer's HTML as written, and says where it
//! is, so a writer who embeds a video on purpose can, and one who pasted a tracking
//! pixel learns of it.

use std::ops::Range;

use super::tags::{StartTag, start_tags};

/// One thing in a body that runs a script or loads from another host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte range in the body.
    pub range: Range<usize>,
    pub kind: Breach,
}

/// How a finding breaks the promise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// A `<script>`, `<iframe>` or `<frame>` element; its name as written.
    Element(String),
    /// An event-handler attribute (`onclick`, `onerror`); its name as written.
    Handler(String),
    /// A `javascript:` (or `vbscript:`) URL, as written.
    ScriptUrl(String),
    /// A URL on another host that the page loads as it opens.
    Remote {
        /// The element that loads it (`img` for a Markdown image).
        element: String,
        url: String,
    },
}

/// Elements that run or frame other content wherever their source is.
const SCRIPTING_ELEMENTS: &[&str] = &["script", "iframe", "frame"];

/// Attributes whose URL the browser fetches as the page loads, on any element.
const LOADING_ATTRIBUTES: &[&str] = &["src", "poster", "data", "background"];

/// Elements whose `href` is fetched as the page loads (a stylesheet, an SVG image).
const LOADING_HREF_ELEMENTS: &[&str] = &["link", "image", "use"];

/// The findings in raw HTML that starts at `offset` in the body.
pub fn in_html(html: &str, offset: usize, found: &mut Vec<Finding>) {
    for tag in start_tags(html) {
        in_tag(&tag, offset, found);
    }
}

fn in_tag(tag: &StartTag, offset: usize, found: &mut Vec<Finding>) {
    let at = |range: Range<usize>| offset + range.start..offset + range.end;
    // A script or a frame is one finding, whatever its source: where it loads from
    // adds nothing the writer needs to know.
    let scripting = SCRIPTING_ELEMENTS.iter().any(|e| tag.is(e));
    if scripting {
        found.push(Finding {
            range: at(tag.range.clone()),
            kind: Breach::Element(tag.name.to_string()),
        });
    }
    for attribute in &tag.attributes {
        let name = attribute.name;
        let range = at(attribute.value_range.clone());
        if name.len() > 2
            && name[..2].eq_ignore_ascii_case("on")
            && name[2..].bytes().all(|b| b.is_ascii_alphabetic())
        {
            found.push(Finding {
                range,
                kind: Breach::Handler(name.to_string()),
            });
            continue;
        }
        let urls: Vec<&str> = if name.eq_ignore_ascii_case("srcset") {
            attribute
                .value
                .split(',')
                .filter_map(|candidate| candidate.split_whitespace().next())
                .collect()
        } else {
            vec![attribute.value]
        };
        for url in urls {
            let normalized = normalized_url(url);
            if is_script_url(&normalized) {
                found.push(Finding {
                    range: range.clone(),
                    kind: Breach::ScriptUrl(url.to_string()),
                });
            } else if !scripting
                && is_remote(&normalized)
                && (LOADING_ATTRIBUTES
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(name))
                    || name.eq_ignore_ascii_case("srcset")
                    || (name.eq_ignore_ascii_case("href")
                        && LOADING_HREF_ELEMENTS.iter().any(|e| tag.is(e))))
            {
                found.push(Finding {
                    range: range.clone(),
                    kind: Breach::Remote {
                        element: tag.name.to_ascii_lowercase(),
                        url: url.to_string(),
                    },
                });
            }
        }
    }
}

/// The finding of a Markdown link or image's destination (already decoded by the
/// Markdown parser), if it has one.
pub fn in_destination(destination: &str, image: bool, range: Range<usize>) -> Option<Finding> {
    let normalized = normalized_url(destination);
    let kind = if is_script_url(&normalized) {
        Breach::ScriptUrl(destination.to_string())
    } else if image && is_remote(&normalized) {
        Breach::Remote {
            element: "img".to_string(),
            url: destination.to_string(),
        }
    } else {
        return None;
    };
    Some(Finding { range, kind })
}

/// A URL as a browser reads it before looking at its scheme: character references
/// decoded, tabs and line breaks removed, leading spaces and controls trimmed, lower
/// case. So `&#106;ava&#x09;script:` is seen for what it is.
fn normalized_url(url: &str) -> String {
    let decoded = decode_references(url);
    decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Numeric character references and the few named ones that spell a scheme.
fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |k| k + 1);
        let name = &rest[1..end];
        let decoded = match name.strip_prefix('#') {
            Some(number) => match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse::<u32>().ok(),
            }
            .and_then(char::from_u32),
            None => match name.to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                _ => None,
            },
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let after = if rest[end..].starts_with(';') {
                    end + 1
                } else {
                    end
                };
                rest = &rest[after..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_script_url(normalized: &str) -> bool {
    normalized.starts_with("javascript:") || normalized.starts_with("vbscript:")
}

/// Loaded from another host: a URL with a scheme that fetches (not `data:`), or one
/// that starts with `//`.
fn is_remote(normalized: &str) -> bool {
    if normalized.starts_with("//") || normalized.starts_with("\\\\") {
        return true;
    }
    match normalized.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && scheme != "data"
        }
        None => false,
    }
}

/// Whether `url`, as written in a site's registry, is a script rather than an address.
pub fn is_script_address(url: &str) -> bool {
    is_script_url(&normalized_url(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(html: &str) -> Vec<Breach> {
        let mut found = Vec::new();
        in_html(html, 0, &mut found);
        found.into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn scripts_frames_handlers_and_script_urls_are_found() {
        assert_eq!(
            kinds("<script>alert(1)</script><IFRAME src=\"/local/\"></IFRAME>"),
            [
                Breach::Element("script".into()),
                Breach::Element("IFRAME".into())
            ]
        );
        assert_eq!(
            kinds("<img src=\"x.png\" onerror=\"alert(1)\">"),
            [Breach::Handler("onerror".into())]
        );
        assert_eq!(
            kinds("<a href=\" &#106;ava&#x09;script&colon;alert(1)\">x</a>"),
            [Breach::ScriptUrl(
                " &#106;ava&#x09;script&colon;alert(1)".into()
            )]
        );
    }

    #[test]
    fn remote_loads_are_found_and_local_ones_and_plain_links_are_not() {
        assert_eq!(
            kinds(
                "<img src=\"https://tracker.example/p.gif\"><video poster=\"//cdn.example/p.jpg\" src=\"clip.mp4\">\
                 <img srcset=\"a.png 1x, https://cdn.example/b.png 2x\"><link rel=stylesheet href=\"http://x.example/s.css\">\
                 <a href=\"https://example.org/\">fine</a><img src=\"data:image/png;base64,AAAA\"><audio src=\"/a.mp3\">"
            ),
            [
                Breach::Remote {
                    element: "img".into(),
                    url: "https://tracker.example/p.gif".into()
                },
                Breach::Remote {
                    element: "video".into(),
                    url: "//cdn.example/p.jpg".into()
                },
                Breach::Remote {
                    element: "img".into(),
                    url: "https://cdn.example/b.png".into()
                },
                Breach::Remote {
                    element: "link".into(),
                    url: "http://x.example/s.css".into()
                },
            ]
        );
    }

    #[test]
    fn markdown_destinations_are_looked_at_too() {
        assert!(in_destination("https://x.example/a.png", true, 0..1).is_some());
        assert!(in_destination("https://x.example/", false, 0..1).is_none());
        assert!(in_destination("JavaScript:void(0)", false, 0..1).is_some());
        assert!(in_destination("chart.png", true, 0..1).is_none());
    }
}
