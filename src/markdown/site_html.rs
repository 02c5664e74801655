//! HTML of an article as brief keeps it: links into the site written as site paths
//! (`/2026/10/rally/`), with the place of each noted, so the base URL's path prefix
//! (`/blog`) goes in only where a page is written.
//!
//! Why not write the prefix in when the Markdown is rendered: an article is read and
//! rendered once, and `brief serve` keeps it while site.toml changes; with the prefix
//! in its HTML, a new `base_url` would mean reading every article again, and every
//! stage that looks at an article's links would have to take the prefix off. Why
//! places rather than a marker in the text: nothing in the HTML is reserved or searched
//! for, and a site at the root of its domain (no prefix) uses the HTML as it is.
//!
//! Any link brief writes to one of the site's pages is written this way, whatever
//! made it one: an event is marked (`Mark`) as the start of a Markdown link whose
//! destination is a site path (a link to a content file), or as raw HTML that brief
//! writes itself with a site path in it (a cashtag's link to its company's page).

use std::borrow::Cow;
use std::cell::Cell;

use pulldown_cmark::{Event, LinkType, Tag};

use super::escape;
use super::relative::{is_relative, resolve_escaped, urls_in_html};

/// HTML whose links into the site are site paths, and where each one is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteHtml {
    html: String,
    /// In the order they stand in `html`; none overlap.
    links: Vec<SiteLink>,
}

/// A URL in `SiteHtml` that depends on where the site lives. Byte offsets are `u32`:
/// every article keeps one of these for each link and cashtag for the whole build, and
/// no article's HTML comes near 4 GiB.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SiteLink {
    /// A site path starts at this byte: the prefix goes in front of it, escaped as the
    /// path was.
    Path { at: u32, escaping: Escaping },
    /// A URL relative to the article's page (`data.csv`, `#the-move`), in HTML shown
    /// away from that page (a summary on a list page): resolved against the page's URL,
    /// prefix included, as the browser resolves it on the page itself. Resolved when
    /// written, not before: `../../up` climbs into the prefix, which is not known here.
    Relative { start: u32, end: u32 },
}

/// A byte offset into an article's HTML, as `SiteLink` keeps it.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("an article's HTML is smaller than 4 GiB")
}

/// How a site path was escaped in the HTML, and so how the prefix must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escaping {
    /// As pulldown-cmark writes a link's destination.
    Href,
    /// As brief writes an attribute of its own tags (`markdown::escape`).
    Attribute,
}

impl SiteLink {
    fn start(&self) -> usize {
        match self {
            SiteLink::Path { at, .. } => *at as usize,
            SiteLink::Relative { start, .. } => *start as usize,
        }
    }
}

impl SiteHtml {
    /// HTML without links into the site.
    pub fn plain(html: String) -> SiteHtml {
        SiteHtml {
            html,
            links: Vec::new(),
        }
    }

    /// The HTML as a site under `prefix` (the base URL's path: `/blog`, or empty) has
    /// it on any of its pages; `page` is the site path of the article it comes from.
    pub fn write(&self, prefix: &str, page: &str) -> Cow<'_, str> {
        let relative = self
            .links
            .iter()
            .any(|l| matches!(l, SiteLink::Relative { .. }));
        if self.links.is_empty() || (prefix.is_empty() && !relative) {
            return Cow::Borrowed(&self.html);
        }
        // Each escaping works character by character: the prefix escaped, then the path
        // escaped, is the whole URL escaped.
        let mut href_prefix = String::with_capacity(prefix.len());
        let _ = pulldown_cmark_escape::escape_href(&mut href_prefix, prefix);
        let attribute_prefix = escape(prefix);
        let base = if relative {
            format!("{prefix}{page}")
        } else {
            String::new()
        };
        let mut out = String::with_capacity(self.html.len() + self.links.len() * prefix.len());
        let mut copied = 0;
        for link in &self.links {
            match link {
                SiteLink::Path { at, escaping } => {
                    let at = *at as usize;
                    out.push_str(&self.html[copied..at]);
                    out.push_str(match escaping {
                        Escaping::Href => &href_prefix,
                        Escaping::Attribute => &attribute_prefix,
                    });
                    copied = at;
                }
                SiteLink::Relative { start, end } => {
                    let (start, end) = (*start as usize, *end as usize);
                    out.push_str(&self.html[copied..start]);
                    out.push_str(&resolve_escaped(&self.html[start..end], &base));
                    copied = end;
                }
            }
        }
        out.push_str(&self.html[copied..]);
        Cow::Owned(out)
    }

    /// The same HTML, to be shown away from its article's page: its relative URLs are
    /// noted, to be resolved against the page's URL when written.
    pub fn away_from_its_page(mut self) -> SiteHtml {
        let relative: Vec<SiteLink> = urls_in_html(&self.html)
            .into_iter()
            .filter(|range| is_relative(&self.html[range.clone()]))
            .map(|value| SiteLink::Relative {
                start: offset(value.start),
                end: offset(value.end),
            })
            .collect();
        if !relative.is_empty() {
            self.links.extend(relative);
            self.links.sort_by_key(SiteLink::start);
        }
        self
    }

    /// The HTML with its site paths as they are, for tests and for reading its text.
    pub fn at_site_root(&self) -> &str {
        &self.html
    }

    /// Where the noted site paths start, for tests.
    #[cfg(test)]
    pub(super) fn site_paths(&self) -> Vec<usize> {
        self.links
            .iter()
            .filter_map(|l| match l {
                SiteLink::Path { at, .. } => Some(*at as usize),
                SiteLink::Relative { .. } => None,
            })
            .collect()
    }
}

/// An event to write, and what in it is a site path.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Written<'a> {
    pub event: Event<'a>,
    pub mark: Mark,
}

/// What in an event is a site path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Plain,
    /// The event starts a link whose destination is a site path (pulldown-cmark
    /// writes the tag and escapes the destination).
    SiteLink,
    /// The event is raw HTML that brief writes itself, with a site path, escaped as an
    /// attribute, right after this opening.
    SitePathAfter(&'static str),
}

impl Written<'_> {
    pub fn into_static(self) -> Written<'static> {
        Written {
            event: self.event.into_static(),
            mark: self.mark,
        }
    }
}

impl<'a> From<Event<'a>> for Written<'a> {
    fn from(event: Event<'a>) -> Written<'a> {
        Written {
            event,
            mark: Mark::Plain,
        }
    }
}

/// A site path noted while writing: where the HTML stood when the writer took its
/// event, what the event writes up to the path, and how the path is escaped.
struct Taken {
    at: usize,
    opening: &'static str,
    escaping: Escaping,
}

/// Writes `events` as pulldown-cmark writes HTML, noting where each site path lands.
pub(super) fn write<'a>(events: impl Iterator<Item = Written<'a>>, capacity: usize) -> SiteHtml {
    let written = Cell::new(0);
    let mut out = Counted {
        html: String::with_capacity(capacity),
        written: &written,
    };
    // The writer writes an event whole before it takes the next, so the event's HTML
    // starts where the HTML stood when it was taken; unless the writer is inside an
    // image, whose alt text takes a link as text alone and raw HTML escaped: each
    // place is checked against what was to be written there, once all is written.
    let mut taken: Vec<Taken> = Vec::new();
    let events = events.map(|w| {
        let at = written.get();
        match (w.mark, &w.event) {
            (Mark::SiteLink, Event::Start(Tag::Link { link_type, .. })) => taken.push(Taken {
                at,
                opening: match link_type {
                    LinkType::Email => "<a href=\"mailto:",
                    _ => "<a href=\"",
                },
                escaping: Escaping::Href,
            }),
            (Mark::SitePathAfter(opening), Event::Html(html) | Event::InlineHtml(html))
                if html.starts_with(opening) =>
            {
                taken.push(Taken {
                    at,
                    opening,
                    escaping: Escaping::Attribute,
                })
            }
            _ => {}
        }
        w.event
    });
    pulldown_cmark::html::write_html_fmt(&mut out, events).expect("a String takes any text");
    let html = out.html;
    // Extended rather than collected: collecting would keep `taken`'s allocation, sized
    // for its larger items and grown by doubling, for as long as the HTML is kept.
    let mut links = Vec::with_capacity(taken.len());
    links.extend(
        taken
            .into_iter()
            .filter(|t| html[t.at..].starts_with(t.opening))
            .map(|t| SiteLink::Path {
                at: offset(t.at + t.opening.len()),
                escaping: t.escaping,
            }),
    );
    SiteHtml {
        html: exact(html),
        links,
    }
}

/// The HTML written so far, with its length where the events can see it.
struct Counted<'c> {
    html: String,
    written: &'c Cell<usize>,
}

impl std::fmt::Write for Counted<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.html.push_str(text);
        self.written.set(self.html.len());
        Ok(())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn site_link(dest: &'static str) -> Written<'static> {
        Written {
            event: Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: dest.into(),
                title: "".into(),
                id: "".into(),
            }),
            mark: Mark::SiteLink,
        }
    }

    fn text(text: &'static str) -> Written<'static> {
        Event::Text(text.into()).into()
    }

    fn end_link() -> Written<'static> {
        Event::End(pulldown_cmark::TagEnd::Link).into()
    }

    #[test]
    fn the_prefix_goes_in_front_of_site_paths_only_when_written() {
        let html = write(
            [
                text("See "),
                site_link("/2026/10/rally/#move"),
                text("the rally"),
                end_link(),
            ]
            .into_iter(),
            0,
        );
        assert_eq!(
            html.at_site_root(),
            "See <a href=\"/2026/10/rally/#move\">the rally</a>"
        );
        assert!(matches!(html.write("", "/a/"), Cow::Borrowed(_)));
        assert_eq!(
            html.write("/sub/dir", "/a/"),
            "See <a href=\"/sub/dir/2026/10/rally/#move\">the rally</a>"
        );
        // As pulldown-cmark escapes the whole destination.
        assert_eq!(
            html.write("/r&d/café", "/a/"),
            "See <a href=\"/r&amp;d/caf%C3%A9/2026/10/rally/#move\">the rally</a>"
        );
    }

    #[test]
    fn a_site_link_inside_an_image_is_alt_text_and_not_noted() {
        let image = Event::Start(Tag::Image {
            link_type: LinkType::Inline,
            dest_url: "chart.png".into(),
            title: "".into(),
            id: "".into(),
        });
        let html = write(
            [
                image.into(),
                site_link("/2026/10/rally/"),
                text("rally"),
                end_link(),
                Event::End(pulldown_cmark::TagEnd::Image).into(),
                site_link("/2026/10/other/"),
                text("other"),
                end_link(),
            ]
            .into_iter(),
            0,
        );
        assert_eq!(
            html.at_site_root(),
            "<img src=\"chart.png\" alt=\"rally\" /><a href=\"/2026/10/other/\">other</a>"
        );
        let other = html.at_site_root().find("/2026/10/other/").unwrap();
        assert_eq!(html.site_paths(), [other]);
    }

    #[test]
    fn relative_urls_away_from_their_page_resolve_against_it_with_the_prefix() {
        let html = SiteHtml::plain(
            "<p><a href=\"data.csv\">d</a> <a href=\"../../../../up\">u</a> \
             <img srcset=\"s.png 1x, /l.png 2x\"> <a href=\"/companies/\">c</a></p>"
                .to_string(),
        )
        .away_from_its_page();
        assert_eq!(
            html.write("", "/2026/10/rally/"),
            "<p><a href=\"/2026/10/rally/data.csv\">d</a> <a href=\"/up\">u</a> \
             <img srcset=\"/2026/10/rally/s.png 1x, /l.png 2x\"> <a href=\"/companies/\">c</a></p>"
        );
        // `../../../../up` climbs into the prefix, as a browser reads it on the page.
        assert_eq!(
            html.write("/a/b/c", "/2026/10/rally/"),
            "<p><a href=\"/a/b/c/2026/10/rally/data.csv\">d</a> <a href=\"/a/b/up\">u</a> \
             <img srcset=\"/a/b/c/2026/10/rally/s.png 1x, /l.png 2x\"> <a href=\"/companies/\">c</a></p>"
        );
    }
}
