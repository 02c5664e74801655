//! Every local `<img>` of an article's HTML, as the page shows it: its `width` and
//! `height` from the image file (so nothing moves as it loads), `loading="lazy"` and
//! `decoding="async"` unless it may be on the first screen, and, for an image the
//! images stage made copies of, a `srcset` and `sizes` (in a `<picture>` with a WebP
//! `<source>` when the copies are WebP and the image is not).
//!
//! The rule for the first screen: the first image of an article's body loads at once,
//! as it may be the first thing a reader sees; every later one, and every image of a
//! summary on a list page, loads when scrolled near.
//!
//! Works on HTML as written on a page (after the base URL's prefix went in), so images
//! written in raw HTML are dressed as well as Markdown's; attributes a writer gave
//! (`width`, `loading`, `srcset`) are kept, never doubled.

use std::borrow::Cow;
use std::fmt::Write;

use crate::images::{Format, Image, Images, SIZES, site_path};
use crate::markdown::tags::{self, StartTag};

/// `html`, from the page at site path `page` of a site under `prefix`, with each local
/// `<img>` dressed; `first_eager` when its first image may be on the first screen.
pub fn dress<'a>(
    html: Cow<'a, str>,
    images: &Images,
    page: &str,
    prefix: &str,
    first_eager: bool,
) -> Cow<'a, str> {
    if images.is_empty() || !html.contains("<img") {
        return html;
    }
    let imgs: Vec<StartTag> = tags::start_tags(&html)
        .into_iter()
        .filter(|tag| tag.is("img"))
        .collect();
    let mut out = String::with_capacity(html.len() + imgs.len() * 160);
    let mut copied = 0;
    for (index, tag) in imgs.iter().enumerate() {
        let Some(image) = attribute(tag, "src")
            .and_then(|src| site_path(&decode_entities(src), page, prefix))
            .and_then(|path| images.get(&path))
        else {
            continue;
        };
        let src = attribute(tag, "src").unwrap_or_default();
        let eager = first_eager && index == 0;
        let (before, after) = wrapping(tag, image, prefix);
        out.push_str(&html[copied..tag.range.start]);
        out.push_str(&before);
        // The attributes go straight after `<img`, where no other attribute can end.
        let name_end = tag.range.start + 4;
        out.push_str(&html[tag.range.start..name_end]);
        out.push_str(&attributes(tag, image, src, prefix, eager));
        out.push_str(&html[name_end..tag.range.end]);
        out.push_str(&after);
        copied = tag.range.end;
    }
    if copied == 0 {
        return html;
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

fn attribute<'a>(tag: &StartTag<'a>, name: &str) -> Option<&'a str> {
    tag.attributes
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| a.value)
}

fn has(tag: &StartTag, name: &str) -> bool {
    attribute(tag, name).is_some()
}

/// What goes into the `<img>` tag: size, loading, and its own format's copies.
fn attributes(tag: &StartTag, image: &Image, src: &str, prefix: &str, eager: bool) -> String {
    let mut added = String::new();
    if let Some(size) = image.size
        && !has(tag, "width")
        && !has(tag, "height")
    {
        let _ = write!(
            added,
            " width=\"{}\" height=\"{}\"",
            size.width, size.height
        );
    }
    if !eager && !has(tag, "loading") {
        added.push_str(" loading=\"lazy\"");
    }
    if !eager && !has(tag, "decoding") {
        added.push_str(" decoding=\"async\"");
    }
    if responsive(tag, image) {
        let mut candidates = srcset(image, image.format, prefix);
        if let Some(size) = image.size {
            let _ = write!(candidates, ", {src} {}w", size.width);
        }
        let _ = write!(added, " srcset=\"{candidates}\" sizes=\"{SIZES}\"");
    }
    added
}

/// Whether the image gets a `srcset` here: it has copies, and the writer gave none.
fn responsive(tag: &StartTag, image: &Image) -> bool {
    !image.copies.is_empty() && !has(tag, "srcset")
}

/// The `<picture>` and `<source>`s around the tag, when copies come in a format other
/// than the image's own; empty strings otherwise.
fn wrapping(tag: &StartTag, image: &Image, prefix: &str) -> (String, String) {
    if !responsive(tag, image) {
        return (String::new(), String::new());
    }
    let mut others: Vec<Format> = Vec::new();
    for copy in &image.copies {
        if copy.format != image.format && !others.contains(&copy.format) {
            others.push(copy.format);
        }
    }
    if others.is_empty() {
        return (String::new(), String::new());
    }
    let mut before = String::from("<picture>");
    for format in others {
        let _ = write!(
            before,
            "<source type=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\">",
            format.media_type(),
            srcset(image, format, prefix)
        );
    }
    (before, "</picture>".to_string())
}

/// The copies of `image` in `format`, as a `srcset`: each URL under the base URL's path
/// `prefix`, escaped as an `href` (so a space cannot split a candidate).
fn srcset(image: &Image, format: Format, prefix: &str) -> String {
    let mut candidates = String::new();
    for copy in image.copies.iter().filter(|c| c.format == format) {
        if !candidates.is_empty() {
            candidates.push_str(", ");
        }
        let _ =
            pulldown_cmark_escape::escape_href(&mut candidates, &format!("{prefix}{}", copy.url));
        let _ = write!(candidates, " {}w", copy.width);
    }
    candidates
}

/// The few entities an escaped URL holds (`&amp;` above all).
fn decode_entities(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    Cow::Owned(
        value
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}
