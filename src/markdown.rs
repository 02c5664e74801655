//! Markdown to HTML: pulldown-cmark with the options brief promises, heading anchors,
//! article-scoped footnote ids, summaries and links to other content files.
//!
//! A pure leaf: no file access. Which link targets exist is asked of the caller.

use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

mod accessible;

/// What became of a link's destination.
pub enum LinkTarget {
    /// Not a link to a content file: leave it as written.
    Keep,
    /// A content file: link to its URL instead.
    Rewrite(String),
    /// A `.md` file that does not exist.
    Broken,
}

/// A heading of the body, for anchors and tables of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// One Markdown body, rendered.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The HTML before `<!-- more -->`, else the first paragraph; None for an empty body.
    pub summary_html: Option<String>,
    pub headings: Vec<Heading>,
    /// Byte ranges in the body, and destinations, of links to `.md` files that do not exist.
    pub broken_links: Vec<(Range<usize>, String)>,
    /// Every link and image of the body, for `check` to follow in the built site.
    pub references: Vec<Reference>,
    pub words: usize,
}

/// A link or an image in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// The destination as the writer wrote it.
    pub written: String,
    /// The destination as the HTML has it: a link to a content file is already its URL.
    pub href: String,
    pub image: bool,
}

/// Marks the end of a hand-picked summary, as in Zola and Hugo.
const MORE_MARKER: &str = "<!-- more -->";

/// The Markdown brief reads (the benchmark's floor parses with the same).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Ids the theme's layout uses; a heading called "Main" must not take one.
const RESERVED_IDS: &[&str] = &[
    "main",
    "brief-toc-title",
    "brief-related-title",
    "brief-listing-title",
    "brief-companies-title",
];

/// Events, with the pieces brief writes itself kept apart so that the full body and the
/// summary can render them differently (the summary shares pages with other articles,
/// so it carries no ids that could collide).
#[derive(Clone)]
enum Piece<'a> {
    Event(Event<'a>),
    /// Where a heading's opening tag goes once its text, and so its id, is known.
    HeadingPending,
    HeadingOpen {
        level: HeadingLevel,
        id: String,
        classes: Vec<CowStr<'a>>,
    },
    HeadingClose {
        level: HeadingLevel,
        id: String,
    },
    FootnoteReference {
        number: usize,
        first: bool,
    },
    FootnoteOpen {
        number: usize,
    },
    FootnoteClose {
        number: usize,
        referenced: bool,
    },
}

/// Renders `body`. `scope` makes footnote ids unique to this article; `resolve` decides
/// what each link destination means.
pub fn render(body: &str, scope: &str, resolve: &dyn Fn(&str) -> LinkTarget) -> Rendered {
    let mut rendered = Rendered::default();
    // About one event for every 16 bytes of Markdown, so the list rarely grows.
    let mut pieces: Vec<Piece> = Vec::with_capacity(body.len() / 16);
    let mut footnotes: HashMap<String, usize> = HashMap::new();
    let mut referenced: HashMap<usize, bool> = HashMap::new();
    let mut heading: Option<(usize, Vec<CowStr>, Option<String>, String)> = None;
    let mut used_ids: HashMap<String, usize> =
        RESERVED_IDS.iter().map(|id| (id.to_string(), 1)).collect();
    let mut more_at = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let piece = match event {
            Event::Start(Tag::Heading { id, classes, .. }) => {
                heading = Some((
                    pieces.len(),
                    classes,
                    id.map(|i| i.to_string()),
                    String::new(),
                ));
                Piece::HeadingPending
            }
            Event::End(TagEnd::Heading(level)) => {
                let Some((start, classes, explicit, text)) = heading.take() else {
                    continue;
                };
                let id = unique_id(
                    explicit.unwrap_or_else(|| slug_or(&text, "section")),
                    &mut used_ids,
                );
                pieces[start] = Piece::HeadingOpen {
                    level,
                    id: id.clone(),
                    classes,
                };
                rendered.headings.push(Heading {
                    level: level as u8,
                    id: id.clone(),
                    text: text.trim().to_string(),
                });
                Piece::HeadingClose { level, id }
            }
            Event::Text(text) | Event::Code(text) if heading.is_some() => {
                if let Some((.., heading_text)) = heading.as_mut() {
                    heading_text.push_str(&text);
                }
                rendered.words += count_words(&text);
                Piece::Event(Event::Text(text))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let written = dest_url.to_string();
                let dest_url = match resolve(&dest_url) {
                    LinkTarget::Keep => dest_url,
                    LinkTarget::Rewrite(url) => url.into(),
                    LinkTarget::Broken => {
                        rendered
                            .broken_links
                            .push((range.clone(), dest_url.to_string()));
                        dest_url
                    }
                };
                rendered.references.push(Reference {
                    range,
                    written,
                    href: dest_url.to_string(),
                    image: false,
                });
                Piece::Event(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                rendered.references.push(Reference {
                    range,
                    written: dest_url.to_string(),
                    href: dest_url.to_string(),
                    image: true,
                });
                Piece::Event(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::FootnoteReference(name) => {
                let next = footnotes.len() + 1;
                let number = *footnotes.entry(name.to_string()).or_insert(next);
                let first = !referenced.contains_key(&number);
                referenced.insert(number, true);
                Piece::FootnoteReference { number, first }
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let next = footnotes.len() + 1;
                let number = *footnotes.entry(name.to_string()).or_insert(next);
                Piece::FootnoteOpen { number }
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let number = pieces
                    .iter()
                    .rev()
                    .find_map(|p| match p {
                        Piece::FootnoteOpen { number } => Some(*number),
                        _ => None,
                    })
                    .unwrap_or(0);
                Piece::FootnoteClose {
                    number,
                    referenced: referenced.contains_key(&number),
                }
            }
            Event::Html(html) | Event::InlineHtml(html) if html.trim() == MORE_MARKER => {
                more_at.get_or_insert(pieces.len());
                continue;
            }
            Event::Text(text) => {
                rendered.words += count_words(&text);
                Piece::Event(Event::Text(text))
            }
            other => Piece::Event(other),
        };
        pieces.push(piece);
    }

    let summary = more_at
        .map(|end| 0..end)
        .or_else(|| first_paragraph(&pieces));
    rendered.summary_html = summary
        .map(|range| write_html(pieces[range].iter().cloned(), scope, false, 64))
        .map(exact);
    rendered.html = exact(write_html(pieces, scope, true, body.len() * 2));
    rendered
}

/// The same text in an allocation of its own size. Rendered HTML is kept for the whole
/// build, and a string grown by doubling can be nearly twice its length: at 100,000
/// briefings that slack was half a gigabyte. (Shrinking in place is not enough: the
/// allocator keeps a block that is at least half used.)
fn exact(text: String) -> String {
    if text.capacity() > text.len() + text.len() / 8 {
        text.as_str().to_owned()
    } else {
        text
    }
}

/// Words in a run of text, for reading time: the places where a word starts. Counted
/// on bytes, several times faster than decoding characters: other than in ASCII, only a
/// few characters are whitespace, and text that has one of them (rare) is decoded.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !text.is_ascii() && has_unicode_space(bytes) {
        return text.split_whitespace().count();
    }
    // ASCII's whitespace: the space, and tab through carriage return (9 to 13). Bytes
    // of other characters are never whitespace here, so they count as word bytes.
    let space = |b: u8| (b == b' ') | (b.wrapping_sub(b'\t') < 5);
    let first = bytes.first().is_some_and(|&b| !space(b));
    let (before, at) = (bytes, &bytes[1.min(bytes.len())..]);
    // Summed in bytes, 255 pairs at a time, so the sum vectorises across 16 lanes.
    let starts: usize = before
        .chunks(255)
        .zip(at.chunks(255))
        .map(|(before, at)| {
            let starts = before
                .iter()
                .zip(at)
                .fold(0u8, |sum, (&b, &a)| sum + u8::from(space(b) & !space(a)));
            usize::from(starts)
        })
        .sum();
    usize::from(first) + starts
}

/// Whether UTF-8 text holds a whitespace character beyond ASCII (U+0085, U+00A0,
/// U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), by its bytes.
fn has_unicode_space(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &lead)| {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match lead {
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            0xE1 => next(1) == 0x9A && next(2) == 0x80,
            0xE2 => matches!(
                (next(1), next(2)),
                (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
            ),
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            _ => false,
        }
    })
}

fn first_paragraph(pieces: &[Piece]) -> Option<Range<usize>> {
    let start = pieces
        .iter()
        .position(|p| matches!(p, Piece::Event(Event::Start(Tag::Paragraph))))?;
    let end = pieces[start..]
        .iter()
        .position(|p| matches!(p, Piece::Event(Event::End(TagEnd::Paragraph))))?;
    Some(start..start + end + 1)
}

fn write_html<'a>(
    pieces: impl IntoIterator<Item = Piece<'a>>,
    scope: &str,
    with_ids: bool,
    capacity: usize,
) -> String {
    let mut html = String::with_capacity(capacity);
    let events = pieces.into_iter().map(|piece| match piece {
        Piece::Event(event) => event,
        // A heading that never closed: pulldown-cmark always closes them.
        Piece::HeadingPending => Event::Html("".into()),
        Piece::HeadingOpen { level, id, classes } => {
            let mut tag = format!("<{level}");
            if with_ids {
                let _ = write!(tag, " id=\"{}\"", escape(&id));
            }
            if !classes.is_empty() {
                let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                let _ = write!(tag, " class=\"{}\"", escape(&classes.join(" ")));
            }
            tag.push('>');
            Event::Html(tag.into())
        }
        Piece::HeadingClose { level, id } if with_ids => Event::Html(
            format!(
                " <a class=\"anchor\" href=\"#{0}\" aria-label=\"Link to this section\">#</a></{level}>\n",
                escape(&id)
            )
            .into(),
        ),
        Piece::HeadingClose { level, .. } => Event::Html(format!("</{level}>\n").into()),
        Piece::FootnoteReference { number, first } if with_ids => {
            let id = if first {
                format!(" id=\"fnref-{scope}-{number}\"")
            } else {
                String::new()
            };
            Event::Html(
                format!("<sup class=\"footnote-reference\"{id}><a href=\"#fn-{scope}-{number}\">{number}</a></sup>")
                    .into(),
            )
        }
        Piece::FootnoteReference { number, .. } => {
            Event::Html(format!("<sup class=\"footnote-reference\">{number}</sup>").into())
        }
        Piece::FootnoteOpen { number } => {
            let id = if with_ids { format!(" id=\"fn-{scope}-{number}\"") } else { String::new() };
            Event::Html(
                format!("<div class=\"footnote-definition\"{id}><sup class=\"footnote-definition-label\">{number}</sup>")
                    .into(),
            )
        }
        Piece::FootnoteClose { number, referenced } => {
            let back = if with_ids && referenced {
                format!(" <a class=\"footnote-backref\" href=\"#fnref-{scope}-{number}\" aria-label=\"Back to reference {number}\">↩</a>")
            } else {
                String::new()
            };
            Event::Html(format!("{back}</div>\n").into())
        }
    });
    pulldown_cmark::html::push_html(&mut html, events.flat_map(accessible::accessible));
    html
}

/// A URL-safe id or slug from any text, with `fallback` when nothing is left of it.
pub fn slug_or(text: &str, fallback: &str) -> String {
    let slug = slug::slugify(text);
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

fn unique_id(id: String, used: &mut HashMap<String, usize>) -> String {
    let count = used.entry(id.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        id
    } else {
        let candidate = format!("{id}-{}", *count - 1);
        unique_id(candidate, used)
    }
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    escape_with(text, false)
}

/// Escapes text for HTML or XML; with `xml`, also drops the control characters XML 1.0
/// forbids. Copies runs of plain text whole: every page and feed goes through here.
pub fn escape_with(text: &str, xml: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut plain_from = 0;
    for (i, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F if xml => "",
            _ => continue,
        };
        out.push_str(&text[plain_from..i]);
        out.push_str(replacement);
        plain_from = i + 1;
    }
    out.push_str(&text[plain_from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str) -> LinkTarget {
        LinkTarget::Keep
    }

    #[test]
    fn headings_get_unique_ids_and_an_anchor_link() {
        let out = render(
            "## Market move\n\n## Market move\n\n### Note {#custom}\n",
            "a",
            &keep,
        );
        assert!(out.html.contains(
            "<h2 id=\"market-move\">Market move <a class=\"anchor\" href=\"#market-move\""
        ));
        assert!(out.html.contains("<h2 id=\"market-move-1\">"));
        assert!(out.html.contains("<h3 id=\"custom\">"));
        let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["market-move", "market-move-1", "custom"]);
    }

    #[test]
    fn footnote_ids_are_scoped_to_the_article() {
        let out = render("Fact.[^src]\n\n[^src]: A source.\n", "rally", &keep);
        assert!(out.html.contains("href=\"#fn-rally-1\""), "{}", out.html);
        assert!(out.html.contains("id=\"fn-rally-1\""));
        assert!(out.html.contains("href=\"#fnref-rally-1\""));
    }

    #[test]
    fn summary_is_text_before_the_more_marker() {
        let out = render("First.\n\nSecond.\n\n<!-- more -->\n\nThird.\n", "a", &keep);
        let summary = out.summary_html.unwrap();
        assert!(summary.contains("Second."));
        assert!(!summary.contains("Third."));
        assert!(!out.html.contains("more -->"));
    }

    #[test]
    fn summary_falls_back_to_the_first_paragraph_without_ids() {
        let out = render(
            "## Head\n\nOpening line.[^1]\n\nLater.\n\n[^1]: Note.\n",
            "a",
            &keep,
        );
        assert_eq!(
            out.summary_html.unwrap(),
            "<p>Opening line.<sup class=\"footnote-reference\">1</sup></p>\n"
        );
    }

    #[test]
    fn links_are_rewritten_or_reported_broken_with_their_range() {
        let resolve = |dest: &str| match dest {
            "ok.md" => LinkTarget::Rewrite("/2026/10/ok/".into()),
            "gone.md" => LinkTarget::Broken,
            _ => LinkTarget::Keep,
        };
        let body = "See [ok](ok.md) and [gone](gone.md).";
        let out = render(body, "a", &resolve);
        assert!(out.html.contains("href=\"/2026/10/ok/\""));
        assert_eq!(out.broken_links.len(), 1);
        let (range, dest) = &out.broken_links[0];
        assert_eq!(dest, "gone.md");
        assert_eq!(&body[range.start..range.start + 6], "[gone]");
    }

    #[test]
    fn links_and_images_are_kept_as_references_for_check() {
        let resolve = |dest: &str| match dest {
            "ok.md" => LinkTarget::Rewrite("/2026/10/ok/".into()),
            _ => LinkTarget::Keep,
        };
        let body = "See [ok](ok.md).\n\n![Chart](chart.png)\n";
        let out = render(body, "a", &resolve);
        let found: Vec<(&str, bool)> = out
            .references
            .iter()
            .map(|r| (r.href.as_str(), r.image))
            .collect();
        assert_eq!(found, [("/2026/10/ok/", false), ("chart.png", true)]);
        assert_eq!(
            &body[out.references[1].range.clone()],
            "![Chart](chart.png)"
        );
    }

    #[test]
    fn escaping_replaces_markup_and_keeps_other_text_whole() {
        assert_eq!(
            escape("AT&T <Labs> \"x\" 'y' 中国"),
            "AT&amp;T &lt;Labs&gt; &quot;x&quot; &#39;y&#39; 中国"
        );
        assert_eq!(escape_with("a\u{c}b\u{1b}c\td\n", true), "abc\td\n");
        assert_eq!(escape_with("a\u{c}b", false), "a\u{c}b");
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nnewline\x0bvertical\x0cfeed\rreturn",
            "中国 芯片\u{3000}rally",
            "ends with space ",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
        for space in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            let text = format!("’a{space}b—c ");
            assert_eq!(count_words(&text), 2, "U+{:04X}", space as u32);
        }
        assert_eq!(count_words("don’t — stop"), 3);
    }

    #[test]
    fn smart_punctuation_tables_and_task_lists_are_on() {
        let out = render(
            "\"Quoted\" -- dash\n\n| a |\n|---|\n| 1 |\n\n- [x] done\n",
            "a",
            &keep,
        );
        assert!(out.html.contains("“Quoted” – dash"));
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("type=\"checkbox\""));
    }
}
