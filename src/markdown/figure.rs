//! Figures: an image with a title, alone in its paragraph (`![alt](chart.png "Caption")`),
//! becomes a `<figure>` whose `<figcaption>` shows the title, as Hugo's `figure`
//! shortcode and most themes present a captioned image. An image with a title inside
//! running text stays an image with a tooltip: a figure cannot stand inside a paragraph.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Piece;
use super::escape::escape;

/// Rewrites, in place, each paragraph that holds nothing but one titled image.
pub(super) fn captioned_images(pieces: &mut [Piece]) {
    let mut at = 0;
    while at + 1 < pieces.len() {
        let Some(end) = lone_titled_image(pieces, at) else {
            at += 1;
            continue;
        };
        let Piece::Event(Event::Start(Tag::Image { title, .. })) = &mut pieces[at + 1] else {
            unreachable!("lone_titled_image found an image here");
        };
        // The caption says it on the page; the same text again as a tooltip would not.
        let caption = std::mem::replace(title, "".into());
        pieces[at] = Piece::Event(Event::Html("<figure>".into()));
        pieces[end] = Piece::Event(Event::Html(
            format!(
                "<figcaption>{}</figcaption></figure>\n",
                escape(caption.trim())
            )
            .into(),
        ));
        at = end + 1;
    }
}

/// When `pieces[at]` opens a paragraph whose only content is an image with a title:
/// where the paragraph closes.
fn lone_titled_image(pieces: &[Piece], at: usize) -> Option<usize> {
    let Piece::Event(Event::Start(Tag::Paragraph)) = pieces[at] else {
        return None;
    };
    let Piece::Event(Event::Start(Tag::Image { title, .. })) = &pieces[at + 1] else {
        return None;
    };
    if title.trim().is_empty() {
        return None;
    }
    // The description may hold emphasis or even another image: count to the end of
    // this one.
    let mut depth = 0usize;
    for (offset, piece) in pieces[at + 1..].iter().enumerate() {
        match piece {
            Piece::Event(Event::Start(Tag::Image { .. })) => depth += 1,
            Piece::Event(Event::End(TagEnd::Image)) => {
                depth -= 1;
                if depth == 0 {
                    let close = at + 1 + offset + 1;
                    return matches!(
                        pieces.get(close),
                        Some(Piece::Event(Event::End(TagEnd::Paragraph)))
                    )
                    .then_some(close);
                }
            }
            _ => {}
        }
    }
    None
}
