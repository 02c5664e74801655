//! The few tags pulldown-cmark writes that a keyboard or a screen reader cannot use as
//! they are, written another way: task-list checkboxes get a name, and tables, which
//! scroll sideways when too wide, can take the keyboard's focus, so a reader without a
//! mouse can scroll them (code blocks do too: `highlight` writes them whole).

use pulldown_cmark::{Event, Tag, TagEnd};

/// `event` as brief writes it: itself, or the HTML that replaces it, or itself with
/// the HTML that wraps it.
pub(super) fn accessible(event: Event<'_>) -> impl Iterator<Item = Event<'_>> {
    let (first, second) = match event {
        // A checkbox alone says nothing to a screen reader; its item's text follows it.
        Event::TaskListMarker(done) => {
            let (checked, name) = if done {
                (" checked", "done")
            } else {
                ("", "not done")
            };
            let html =
                format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{name}\">\n");
            (Event::InlineHtml(html.into()), None)
        }
        // The table itself stays pulldown-cmark's, which aligns its columns.
        Event::Start(Tag::Table(alignments)) => (
            Event::Html("<div class=\"table-scroll\" tabindex=\"0\">\n".into()),
            Some(Event::Start(Tag::Table(alignments))),
        ),
        Event::End(TagEnd::Table) => (
            Event::End(TagEnd::Table),
            Some(Event::Html("</div>\n".into())),
        ),
        other => (other, None),
    };
    std::iter::once(first).chain(second)
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Parser, html};

    use super::*;

    fn render(markdown: &str) -> String {
        let mut out = String::new();
        html::push_html(
            &mut out,
            Parser::new_ext(markdown, crate::markdown::options()).flat_map(accessible),
        );
        out
    }

    #[test]
    fn task_list_checkboxes_are_named() {
        let out = render("- [x] read the filing\n- [ ] call the analyst\n");
        assert!(
            out.contains(
                "<li><input type=\"checkbox\" disabled checked aria-label=\"done\">\nread the filing</li>"
            ),
            "{out}"
        );
        assert!(
            out.contains("<input type=\"checkbox\" disabled aria-label=\"not done\">\ncall"),
            "{out}"
        );
    }

    #[test]
    fn tables_scroll_in_a_focusable_wrapper_and_keep_their_alignment() {
        let out = render("| a | b |\n| --- | ---: |\n| 1 | 2 |\n");
        assert!(
            out.starts_with("<div class=\"table-scroll\" tabindex=\"0\">\n<table>"),
            "{out}"
        );
        assert!(
            out.contains("<td style=\"text-align: right\">2</td>"),
            "{out}"
        );
        assert!(out.ends_with("</table>\n</div>\n"), "{out}");
    }
}
