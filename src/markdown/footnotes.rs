//! Footnotes as Hugo, Zola (with `bottom_footnotes`) and GitHub show them: numbered in
//! the order the text first refers to them, wherever the writer defined them, and
//! collected in a list at the end of the article, each note with a link back to every
//! place that refers to it.
//!
//! `render` notes where each definition's pieces are while it reads the body; here they
//! are taken out of the text, numbered, and written as the list.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, TagEnd};

use super::Piece;

/// A footnote definition: its label and where its events are among the body's.
pub(super) struct Definition {
    pub label: String,
    pub pieces: Range<usize>,
}

/// A footnote reference's place in the list of notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mark {
    pub number: usize,
    /// 1 for the first reference to this note, 2 for the second, and so on.
    pub occurrence: usize,
}

/// Labels are matched as CommonMark matches link labels: without regard to case.
pub(super) fn normalize(label: &str) -> String {
    label.to_lowercase()
}

/// The notes' numbers, given in the order of their first reference, and how many
/// references each has.
pub(super) struct Numbering {
    numbers: HashMap<String, usize>,
    uses: HashMap<usize, usize>,
}

impl Numbering {
    pub fn new() -> Numbering {
        Numbering {
            numbers: HashMap::new(),
            uses: HashMap::new(),
        }
    }

    /// The mark of the next reference to `label`, numbering the note if it is new.
    pub fn refer(&mut self, label: &str) -> Mark {
        let next = self.numbers.len() + 1;
        let number = *self.numbers.entry(normalize(label)).or_insert(next);
        let uses = self.uses.entry(number).or_insert(0);
        *uses += 1;
        Mark {
            number,
            occurrence: *uses,
        }
    }

    pub fn number(&self, label: &str) -> Option<usize> {
        self.numbers.get(&normalize(label)).copied()
    }

    /// How many places refer to note `number`.
    pub fn uses(&self, number: usize) -> usize {
        self.uses.get(&number).copied().unwrap_or(0)
    }

    /// Gives a number to a note nothing refers to, after every referenced one, so its
    /// text is still published.
    pub fn unreferenced(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(normalize(label)).or_insert(next)
    }
}

/// The id of note `number` of the article `scope`.
pub(super) fn note_id(scope: &str, number: usize) -> String {
    format!("fn-{scope}-{number}")
}

/// The id of a reference to note `number`: the first keeps the plain form.
pub(super) fn reference_id(scope: &str, mark: Mark) -> String {
    if mark.occurrence == 1 {
        format!("fnref-{scope}-{}", mark.number)
    } else {
        format!("fnref-{scope}-{}-{}", mark.number, mark.occurrence)
    }
}

/// The id of the heading of the list of notes, which each reference is described by.
pub(super) fn label_id(scope: &str) -> String {
    format!("fn-label-{scope}")
}

/// A reference in the text, as a superscript link to its note.
pub(super) fn reference(scope: &str, mark: Mark, with_ids: bool) -> String {
    if !with_ids {
        // A summary shares its page with other articles and has no notes to go to.
        return format!("<sup class=\"footnote-reference\">{}</sup>", mark.number);
    }
    format!(
        "<sup class=\"footnote-reference\" id=\"{}\"><a href=\"#{}\" aria-describedby=\"{}\">{}</a></sup>",
        reference_id(scope, mark),
        note_id(scope, mark.number),
        label_id(scope),
        mark.number
    )
}

/// The start of the list of notes.
pub(super) fn list_open(scope: &str) -> String {
    format!(
        "<section class=\"footnotes\" aria-labelledby=\"{0}\">\n<h2 class=\"visually-hidden\" id=\"{0}\">Notes</h2>\n<ol class=\"footnote-list\">\n",
        label_id(scope)
    )
}

pub(super) const LIST_CLOSE: &str = "</ol>\n</section>\n";

/// The start of note `number`'s item.
pub(super) fn note_open(scope: &str, number: usize) -> String {
    format!(
        "<li class=\"footnote-definition\" id=\"{}\">\n",
        note_id(scope, number)
    )
}

/// The links from note `number` back to each of its `uses` references: an arrow each,
/// the second and later with their count raised beside it (`↩²`), as GitHub shows them,
/// so a reader sees which link goes where. The name a screen reader says holds that
/// count as a word, so speech input that says the visible number finds the link.
pub(super) fn back_links(scope: &str, number: usize, uses: usize) -> String {
    let mut html = String::new();
    for occurrence in 1..=uses {
        let mark = Mark { number, occurrence };
        let (label, count) = if occurrence == 1 {
            (format!("Back to reference {number}"), String::new())
        } else {
            (
                format!("Back to reference {number}, place {occurrence}"),
                format!("<sup>{occurrence}</sup>"),
            )
        };
        html.push_str(&format!(
            " <a class=\"footnote-backref\" href=\"#{}\" aria-label=\"{label}\">↩{count}</a>",
            reference_id(scope, mark)
        ));
    }
    html
}

/// The body's pieces with the footnote definitions taken out and every reference
/// numbered, and the notes in the order of their numbers.
pub(super) struct Notes<'a> {
    pub main: Vec<Piece<'a>>,
    /// Where the summary ends in `main`.
    pub more_at: Option<usize>,
    /// Each note's number, how many references it has, and its pieces.
    pub notes: Vec<(usize, usize, Vec<Piece<'a>>)>,
}

pub(super) fn collect<'a>(
    pieces: Vec<Piece<'a>>,
    definitions: Vec<Definition>,
    more_at: Option<usize>,
) -> Notes<'a> {
    if definitions.is_empty()
        && !pieces
            .iter()
            .any(|p| matches!(p, Piece::FootnoteReference(_)))
    {
        return Notes {
            main: pieces,
            more_at,
            notes: Vec::new(),
        };
    }
    let mut slots: Vec<Option<Piece>> = pieces.into_iter().map(Some).collect();
    let mut in_note = vec![false; slots.len()];
    for definition in &definitions {
        in_note[definition.pieces.clone()].fill(true);
    }
    let defined: HashMap<String, usize> = definitions
        .iter()
        .enumerate()
        .rev()
        .map(|(i, d)| (normalize(&d.label), i))
        .collect();
    let mut numbering = Numbering::new();
    let number_in =
        |range: Range<usize>, slots: &mut [Option<Piece<'a>>], numbering: &mut Numbering| {
            for slot in &mut slots[range] {
                if let Some(Piece::FootnoteReference(label)) = slot {
                    *slot = Some(if defined.contains_key(&normalize(label)) {
                        Piece::Footnote(numbering.refer(label))
                    } else {
                        Piece::Event(Event::Text(format!("[^{label}]").into()))
                    });
                }
            }
        };
    // The text's references first, in reading order; then each note's own, note by note.
    let text: Vec<usize> = (0..slots.len()).filter(|&i| !in_note[i]).collect();
    for &i in &text {
        number_in(i..i + 1, &mut slots[..], &mut numbering);
    }
    let mut order: Vec<usize> = Vec::new();
    let mut placed = vec![false; definitions.len()];
    loop {
        let next = order.len() + 1;
        let found = definitions.iter().enumerate().find(|(i, d)| {
            !placed[*i]
                && defined[&normalize(&d.label)] == *i
                && numbering.number(&d.label) == Some(next)
        });
        let index = match found {
            Some((i, _)) => i,
            // No reference left to follow: a note nothing refers to still keeps its text.
            None => match (0..definitions.len())
                .find(|&i| !placed[i] && defined[&normalize(&definitions[i].label)] == i)
            {
                Some(i) => {
                    numbering.unreferenced(&definitions[i].label);
                    continue;
                }
                None => break,
            },
        };
        placed[index] = true;
        order.push(index);
        number_in(
            definitions[index].pieces.clone(),
            &mut slots[..],
            &mut numbering,
        );
    }
    let notes = order
        .into_iter()
        .map(|i| {
            let number = numbering.number(&definitions[i].label).unwrap_or_default();
            let pieces = definitions[i]
                .pieces
                .clone()
                .filter_map(|k| slots[k].take())
                .collect();
            (number, numbering.uses(number), pieces)
        })
        .collect();
    let more_at = more_at.map(|end| text.partition_point(|&i| i < end));
    let main = text.into_iter().filter_map(|i| slots[i].take()).collect();
    Notes {
        main,
        more_at,
        notes,
    }
}

/// The list of notes at the end of the article, each with its links back to the text.
pub(super) fn list<'a>(notes: Vec<(usize, usize, Vec<Piece<'a>>)>, scope: &str) -> Vec<Piece<'a>> {
    let html = |text: String| Piece::Event(Event::Html(text.into()));
    let mut list = vec![html(list_open(scope))];
    for (number, uses, mut pieces) in notes {
        list.push(html(note_open(scope, number)));
        let back = html(back_links(scope, number, uses));
        // Inside the note's last paragraph, as the arrow ends its text.
        match pieces.last() {
            Some(Piece::Event(Event::End(TagEnd::Paragraph))) => {
                let end = pieces.len() - 1;
                pieces.insert(end, back);
            }
            _ => pieces.push(back),
        }
        list.extend(pieces);
        list.push(html("</li>\n".to_string()));
    }
    list.push(html(LIST_CLOSE.to_string()));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_numbered_by_first_reference_and_count_their_uses() {
        let mut numbering = Numbering::new();
        assert_eq!(
            numbering.refer("b"),
            Mark {
                number: 1,
                occurrence: 1
            }
        );
        assert_eq!(
            numbering.refer("A"),
            Mark {
                number: 2,
                occurrence: 1
            }
        );
        assert_eq!(
            numbering.refer("b"),
            Mark {
                number: 1,
                occurrence: 2
            }
        );
        assert_eq!(numbering.number("a"), Some(2));
        assert_eq!(numbering.uses(1), 2);
        assert_eq!(numbering.unreferenced("c"), 3);
        assert_eq!(numbering.uses(3), 0);
    }

    #[test]
    fn each_back_link_has_a_name_shows_its_count_and_goes_to_its_reference() {
        assert_eq!(
            back_links("rally", 2, 3),
            " <a class=\"footnote-backref\" href=\"#fnref-rally-2\" aria-label=\"Back to reference 2\">↩</a> \
             <a class=\"footnote-backref\" href=\"#fnref-rally-2-2\" aria-label=\"Back to reference 2, place 2\">↩<sup>2</sup></a> \
             <a class=\"footnote-backref\" href=\"#fnref-rally-2-3\" aria-label=\"Back to reference 2, place 3\">↩<sup>3</sup></a>"
        );
    }
}
