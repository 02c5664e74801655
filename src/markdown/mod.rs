//! Markdown to HTML: pulldown-cmark with the options brief promises, heading anchors,
//! article-scoped footnote ids, summaries and links to other content files.
//!
//! A pure leaf: no file access. Which link targets exist is asked of the caller; a
//! link to one is written as a site path, and the HTML notes where (`site_html`), so
//! the base URL's path prefix goes in only where a page is written.
//! Also here, as pure text functions the later stages share: escaping and the
//! characters brief never publishes (`escape`), resolving relative links away from
//! their page (`relative`), and what in raw HTML breaks the site's promises (`raw_html`).

use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

mod accessible;
pub mod cashtags;
mod dialect;
mod escape;
mod figure;
mod footnotes;
pub mod foreign;
mod highlight;
mod inline;
mod lexicon;
pub mod raw_html;
pub mod relative;
mod scan;
mod site_html;
pub mod tags;
mod words;

pub use cashtags::Lookup;
pub use dialect::{Destination, LinkTarget, options};
pub use escape::{escape, escape_with, is_unpublishable, publishable, unpublishable};
pub use inline::{Inline, render_inline};
use raw_html::Finding;
pub use site_html::SiteHtml;
use site_html::{Mark, Written};
use words::count_words;

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
    pub html: SiteHtml,
    /// The HTML before `<!-- more -->`, else the first paragraph; None for an empty body.
    pub summary_html: Option<SiteHtml>,
    pub headings: Vec<Heading>,
    /// Byte ranges in the body, and destinations, of links to `.md` files that do not exist.
    pub broken_links: Vec<(Range<usize>, String)>,
    /// Every link and image of the body, for `check` to follow in the built site.
    pub references: Vec<Reference>,
    /// Scripts and loads from other hosts, in raw HTML, links and images.
    pub breaches: Vec<Finding>,
    /// Byte ranges in the body, and words, of `$` words that start with a letter and
    /// name no company (`$NVDAA`), left as written.
    pub unknown_cashtags: Vec<(Range<usize>, String)>,
    /// Another generator's template syntax (`{{< figure >}}`), kept as written.
    pub foreign: Vec<foreign::Foreign>,
    pub words: usize,
}

/// A link or an image in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// The destination as the writer wrote it, and as the HTML has it unless it is
    /// a link into the site.
    pub written: String,
    /// For a link to a content file: its site path (with the `#fragment` written).
    pub site_path: Option<String>,
    pub image: bool,
}

/// Whether raw HTML is the marker that ends a hand-picked summary: `<!-- more -->`
/// as Zola writes it, `<!--more-->` as Hugo does, and any spacing or case between.
fn is_more_marker(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim().eq_ignore_ascii_case("more"))
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
    /// An event with a site path in it (a link's start, a cashtag's tag): written as
    /// any other, with the path's place noted for the base URL's path prefix.
    Marked(Written<'a>),
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
    /// A footnote reference, by its label, until the notes are numbered.
    FootnoteReference(String),
    /// A footnote reference, numbered.
    Footnote(footnotes::Mark),
}

/// Renders `body`. `scope` makes footnote ids unique to this article; `resolve` decides
/// what each link destination means; `cashtags`, when the site links them, which
/// company a `$` word names.
pub fn render(
    body: &str,
    scope: &str,
    resolve: &dyn Fn(&str) -> LinkTarget,
    cashtags: Option<&Lookup>,
) -> Rendered {
    let mut rendered = Rendered::default();
    // About one event for every 16 bytes of Markdown, so the list rarely grows.
    let mut pieces: Vec<Piece> = Vec::with_capacity(body.len() / 16);
    // Each footnote definition's label and the index of its first piece, while it is read;
    // its pieces are moved to the list of notes at the end.
    let mut definition: Option<(String, usize)> = None;
    let mut definitions: Vec<footnotes::Definition> = Vec::new();
    // A code block's language and text, gathered to be highlighted whole.
    let mut code: Option<(String, String)> = None;
    let mut heading: Option<(usize, Vec<CowStr>, Option<String>, String)> = None;
    let mut used_ids: HashMap<String, usize> =
        RESERVED_IDS.iter().map(|id| (id.to_string(), 1)).collect();
    let mut more_at = None;
    // An HTML block arrives a line at a time, and a tag may span lines: its lines are
    // looked at together, each with its offset in the body.
    let mut html_block: Option<Vec<(usize, CowStr)>> = None;
    let mut prose = cashtags::Prose::default();

    let mut literal = foreign::Literal::new(body);
    let events = literal.events(Parser::new_ext(body, options()).into_offset_iter());
    for (event, range, as_written) in events {
        prose.follow(&event);
        if let (Some(lookup), Event::Text(text)) = (cashtags, &event)
            && prose.is_prose()
            && !as_written
            && text.contains('$')
        {
            if let Some((.., heading_text)) = heading.as_mut() {
                heading_text.push_str(text);
            }
            rendered.words += count_words(text);
            let escaped = cashtags::is_escaped(body, range.start, text);
            let (parts, unknown) = cashtags::split(text, escaped, lookup);
            let written = &body[range.clone()];
            for word in unknown {
                let start =
                    cashtags::in_source(written, text, word.offset, &word.word) + range.start;
                rendered
                    .unknown_cashtags
                    .push((start..start + word.word.len() + 1, word.word));
            }
            pieces.extend(cashtags::events(parts).map(|w| match w.mark {
                Mark::Plain => Piece::Event(w.event.into_static()),
                _ => Piece::Marked(w.into_static()),
            }));
            continue;
        }
        let piece = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match &kind {
                    CodeBlockKind::Fenced(info) => highlight::language(info).to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
                continue;
            }
            Event::Text(ref text) if code.is_some() => {
                rendered.words += count_words(text);
                if let Some((_, gathered)) = code.as_mut() {
                    gathered.push_str(text);
                }
                continue;
            }
            Event::End(TagEnd::CodeBlock) => {
                let (language, text) = code.take().unwrap_or_default();
                Piece::Event(Event::Html(highlight::code_block(&language, &text).into()))
            }
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
            Event::Text(ref text) | Event::Code(ref text) if heading.is_some() => {
                if let Some((.., heading_text)) = heading.as_mut() {
                    heading_text.push_str(text);
                }
                rendered.words += count_words(text);
                Piece::Event(event)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let written = dest_url.to_string();
                rendered
                    .breaches
                    .extend(raw_html::in_destination(&written, false, range.clone()));
                let destination = LinkTarget::apply(dest_url, resolve);
                if destination.broken {
                    rendered.broken_links.push((range.clone(), written.clone()));
                }
                rendered.references.push(Reference {
                    range,
                    written,
                    site_path: destination.site_path.then(|| destination.url.to_string()),
                    image: false,
                });
                let tag = Tag::Link {
                    link_type,
                    dest_url: destination.url,
                    title,
                    id,
                };
                if destination.site_path {
                    Piece::Marked(Written {
                        event: Event::Start(tag),
                        mark: Mark::SiteLink,
                    })
                } else {
                    Piece::Event(Event::Start(tag))
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                rendered
                    .breaches
                    .extend(raw_html::in_destination(&dest_url, true, range.clone()));
                rendered.references.push(Reference {
                    range,
                    written: dest_url.to_string(),
                    site_path: None,
                    image: true,
                });
                Piece::Event(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::FootnoteReference(label) => Piece::FootnoteReference(label.to_string()),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                definition = Some((label.to_string(), pieces.len()));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, start)) = definition.take() {
                    definitions.push(footnotes::Definition {
                        label,
                        pieces: start..pieces.len(),
                    });
                }
                continue;
            }
            Event::Html(html) | Event::InlineHtml(html) if is_more_marker(&html) => {
                more_at.get_or_insert(pieces.len());
                continue;
            }
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some(Vec::new());
                Piece::Event(event)
            }
            Event::Html(ref html) if html_block.is_some() => {
                if let Some(lines) = html_block.as_mut() {
                    lines.push((range.start, html.clone()));
                }
                Piece::Event(event)
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(lines) = html_block.take() {
                    block_breaches(&lines, &mut rendered.breaches);
                }
                Piece::Event(event)
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                raw_html::in_html(html, range.start, &mut rendered.breaches);
                Piece::Event(event)
            }
            Event::Text(text) => {
                rendered.words += count_words(&text);
                Piece::Event(Event::Text(text))
            }
            other => Piece::Event(other),
        };
        pieces.push(piece);
    }

    figure::captioned_images(&mut pieces);
    rendered.foreign = literal.into_found();
    let footnotes::Notes {
        main,
        more_at,
        notes,
    } = footnotes::collect(pieces, definitions, more_at);
    let pieces = main;
    let summary = more_at
        .map(|end| 0..end)
        .or_else(|| first_paragraph(&pieces));
    rendered.summary_html = summary.map(|range| {
        // A marker inside a paragraph ends the summary there: what it leaves open
        // is closed, so the summary is whole HTML on any page.
        let summary = &pieces[range];
        let closing = unclosed(summary).into_iter().rev().map(Piece::Event);
        write_html(summary.iter().cloned().chain(closing), scope, false, 64)
    });
    let list = (!notes.is_empty()).then(|| footnotes::list(notes, scope));
    rendered.html = write_html(
        pieces.into_iter().chain(list.into_iter().flatten()),
        scope,
        true,
        body.len() * 2,
    );
    rendered
}

/// The breaches of an HTML block, read as one text so that a tag may span its lines.
fn block_breaches(lines: &[(usize, CowStr)], found: &mut Vec<Finding>) {
    let text: String = lines.iter().map(|(_, line)| line.as_ref()).collect();
    let mut in_text = Vec::new();
    raw_html::in_html(&text, 0, &mut in_text);
    // Where each line starts in `text`, to map a finding back to the body.
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for (_, line) in lines {
        starts.push(at);
        at += line.len();
    }
    let to_body = |offset: usize| {
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        lines[line].0 + (offset - starts[line])
    };
    found.extend(in_text.into_iter().map(|mut finding| {
        let start = to_body(finding.range.start);
        finding.range = start..start + finding.range.len();
        finding
    }));
}

/// The ends of the tags that `pieces` opens and does not close, innermost last.
fn unclosed<'a>(pieces: &[Piece<'a>]) -> Vec<Event<'a>> {
    let mut open = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Event(Event::Start(tag))
            | Piece::Marked(Written {
                event: Event::Start(tag),
                ..
            }) => open.push(Event::End(tag.to_end())),
            Piece::Event(Event::End(_)) => {
                open.pop();
            }
            _ => {}
        }
    }
    open
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
) -> SiteHtml {
    let events = pieces.into_iter().flat_map(|piece| {
        let (event, mark) = match piece {
            Piece::Marked(written) => (written.event, written.mark),
            other => (event_of(other, scope, with_ids), Mark::Plain),
        };
        // A link's start and raw HTML come out of `accessible` as they went in, alone.
        accessible::accessible(event).map(move |event| Written { event, mark })
    });
    site_html::write(events, capacity)
}

/// The event that writes `piece`.
fn event_of<'a>(piece: Piece<'a>, scope: &str, with_ids: bool) -> Event<'a> {
    match piece {
        Piece::Event(event) => event,
        Piece::Marked(written) => written.event,
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
        // Numbered before anything is written; a label no note defines stays as text.
        Piece::FootnoteReference(label) => Event::Text(format!("[^{label}]").into()),
        Piece::Footnote(mark) => {
            Event::InlineHtml(footnotes::reference(scope, mark, with_ids).into())
        }
    }
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

#[cfg(test)]
mod tests;
