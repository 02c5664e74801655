//! A front-matter `summary`, read as inline Markdown: emphasis, code, links (to other
//! content files too) and images, in one paragraph, as a writer moving from Hugo or Zola
//! expects of it.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::cashtags::{self, Lookup, Prose, in_source, is_escaped};
use super::dialect::{LinkTarget, options};
use super::raw_html::{self, Finding};
use super::site_html::{self, Mark, SiteHtml, Written};

/// A one-paragraph text, rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    /// `<p>…</p>\n`.
    pub html: SiteHtml,
    /// Byte ranges in the text, and destinations, of links to `.md` files that do not exist.
    pub broken_links: Vec<(Range<usize>, String)>,
    /// Scripts and loads from other hosts.
    pub breaches: Vec<Finding>,
    /// Byte ranges in the text, and words, of `$` words that name no company.
    pub unknown_cashtags: Vec<(Range<usize>, String)>,
}

/// Renders `text` as one paragraph of inline Markdown. Block structure (a heading's
/// `#`, a list's `-`, blank lines) does not apply: blocks are run together with a space.
/// Cashtags are linked as in the body, when `cashtags` is given.
pub fn render_inline(
    text: &str,
    resolve: &dyn Fn(&str) -> LinkTarget,
    cashtags: Option<&Lookup>,
) -> Inline {
    let mut inline = Inline::default();
    let mut events: Vec<Written> = Vec::new();
    let mut prose = Prose::default();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        prose.follow(&event);
        if let (Some(lookup), Event::Text(written)) = (cashtags, &event)
            && prose.is_prose()
            && written.contains('$')
        {
            let escaped = is_escaped(text, range.start, written);
            let (parts, unknown) = cashtags::split(written, escaped, lookup);
            for word in unknown {
                let start =
                    in_source(&text[range.clone()], written, word.offset, &word.word) + range.start;
                inline
                    .unknown_cashtags
                    .push((start..start + word.word.len() + 1, word.word));
            }
            for part in cashtags::events(parts) {
                events.push(part.into_static());
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                inline
                    .breaches
                    .extend(raw_html::in_destination(&dest_url, false, range.clone()));
                let destination = LinkTarget::apply(dest_url, resolve);
                if destination.broken {
                    inline
                        .broken_links
                        .push((range, destination.url.to_string()));
                }
                events.push(Written {
                    event: Event::Start(Tag::Link {
                        link_type,
                        dest_url: destination.url,
                        title,
                        id,
                    }),
                    mark: if destination.site_path {
                        Mark::SiteLink
                    } else {
                        Mark::Plain
                    },
                });
                continue;
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                inline
                    .breaches
                    .extend(raw_html::in_destination(dest_url, true, range));
                event
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                raw_html::in_html(html, range.start, &mut inline.breaches);
                Event::InlineHtml(html.clone())
            }
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript,
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image,
            )
            | Event::Text(_)
            | Event::Code(_)
            | Event::SoftBreak
            | Event::HardBreak => event,
            // Where a block ends, the next one's text follows after a space.
            Event::End(_) => Event::SoftBreak,
            _ => continue,
        };
        events.push(event.into());
    }
    while matches!(events.last(), Some(w) if matches!(w.event, Event::SoftBreak)) {
        events.pop();
    }
    let start = events
        .iter()
        .position(|w| !matches!(w.event, Event::SoftBreak))
        .unwrap_or(events.len());
    // The paragraph's tags are written as raw HTML: inside them are only inline
    // events, which pulldown-cmark writes the same wherever they stand.
    let paragraph = std::iter::once(Event::Html("<p>".into()).into())
        .chain(events.into_iter().skip(start))
        .chain(std::iter::once(Event::Html("</p>\n".into()).into()));
    inline.html = site_html::write(paragraph, text.len() * 2);
    inline
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str) -> LinkTarget {
        LinkTarget::Keep
    }

    #[test]
    fn a_summary_is_inline_markdown_in_one_paragraph() {
        let out = render_inline(
            "SMIC *jumps* on `nth` [data](data.csv) & \"more\"",
            &keep,
            None,
        );
        assert_eq!(
            out.html.at_site_root(),
            "<p>SMIC <em>jumps</em> on <code>nth</code> <a href=\"data.csv\">data</a> &amp; “more”</p>\n"
        );
    }

    #[test]
    fn blocks_run_together_and_links_to_content_files_are_resolved() {
        let resolve = |dest: &str| match dest {
            "ok.md" => LinkTarget::Site("/2026/10/ok/".into()),
            "gone.md" => LinkTarget::Broken,
            _ => LinkTarget::Keep,
        };
        let text = "# Rally\n\n- see [ok](ok.md)\n- and [gone](gone.md)";
        let out = render_inline(text, &resolve, None);
        assert_eq!(
            out.html.write("/blog", "/2026/10/today/"),
            "<p>Rally\nsee <a href=\"/blog/2026/10/ok/\">ok</a>\nand <a href=\"gone.md\">gone</a></p>\n"
        );
        assert_eq!(out.broken_links.len(), 1);
        assert_eq!(&text[out.broken_links[0].0.clone()], "[gone](gone.md)");
    }
}
