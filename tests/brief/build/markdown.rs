//! Markdown as brief promises it (fixture `markdown`): tables, footnotes,
//! strikethrough, task lists, heading ids with anchor links, smart punctuation, and
//! links to other content files that become article URLs.

use crate::support::{Site, html};

const FEATURES: &str = "/2024/10/features/";

fn prose(page: &str) -> String {
    html::section(page, "div", "prose")
        .expect("an article body")
        .to_string()
}

#[test]
fn an_article_page() {
    let site = Site::fixture("markdown");
    let out = site.build().out;
    assert_snapshot!(out.page(FEATURES));
}

#[test]
fn tables_footnotes_strikethrough_and_task_lists_render() {
    let site = Site::fixture("markdown");
    let body = prose(&site.build().out.page(FEATURES));
    assert!(body.contains("<table>"), "a table");
    assert!(
        body.contains("<th style=\"text-align: right\">Move</th>"),
        "column alignment"
    );
    assert!(body.contains("<td>0981.HK</td>"));
    assert!(body.contains("<del>HK$40</del>"), "strikethrough");
    // Task-list checkboxes are named for screen readers, and a table that is too wide
    // scrolls in a wrapper the keyboard can reach.
    assert!(
        body.contains("<input type=\"checkbox\" disabled checked aria-label=\"done\">"),
        "a done task"
    );
    assert!(
        body.contains("<input type=\"checkbox\" disabled aria-label=\"not done\">"),
        "an open task"
    );
    assert!(
        body.contains("<div class=\"table-scroll\" tabindex=\"0\">\n<table>"),
        "a table in a focusable wrapper"
    );
    // A footnote: the reference links to the note and the note back to the reference,
    // with ids scoped to the article so two articles on one page cannot collide.
    let ids = html::ids(&body);
    let reference = html::tags(&body)
        .into_iter()
        .find(|t| t.name == "sup" && t.get("class") == Some("footnote-reference"))
        .expect("a footnote reference");
    let reference_id = reference
        .get("id")
        .expect("the reference has an id")
        .to_string();
    let note_link = html::tags(&body)
        .windows(2)
        .find(|w| w[0].get("class") == Some("footnote-reference"))
        .and_then(|w| w[1].get("href").map(str::to_string))
        .expect("the reference links to its note");
    let note_id = note_link.trim_start_matches('#');
    assert!(ids.contains(note_id), "the note #{note_id} exists");
    assert!(
        note_id.contains("features"),
        "footnote ids are scoped to the article: {note_id}"
    );
    assert!(
        html::links_with_class(&body, "footnote-backref").contains(&format!("#{reference_id}")),
        "the note links back to #{reference_id}"
    );
    assert!(body.contains("The broker’s note of 2 October."));
}

#[test]
fn headings_get_unique_ids_and_anchor_links() {
    let site = Site::fixture("markdown");
    let body = prose(&site.build().out.page(FEATURES));
    let headings: Vec<(String, String)> = html::tags(&body)
        .into_iter()
        .filter(|t| matches!(t.name.as_str(), "h2" | "h3"))
        .map(|t| (t.name.clone(), t.get("id").unwrap_or_default().to_string()))
        .collect();
    assert_eq!(
        headings,
        [
            ("h2".to_string(), "the-day-s-moves".to_string()),
            ("h2".to_string(), "the-day-s-moves-1".to_string()),
            ("h3".to_string(), "custom-id".to_string()),
        ],
        "two headings with the same text get different ids; {{#custom-id}} is kept"
    );
    let anchors = html::links_with_class(&body, "anchor");
    assert_eq!(
        anchors,
        ["#the-day-s-moves", "#the-day-s-moves-1", "#custom-id"]
    );
}

#[test]
fn smart_punctuation_makes_quotes_dashes_and_ellipses_typographic() {
    let site = Site::fixture("markdown");
    let body = prose(&site.build().out.page(FEATURES));
    assert!(
        body.contains("<p>“Smart quotes” – and dashes — and it’s an ellipsis…</p>"),
        "{body}"
    );
}

#[test]
fn links_to_md_files_become_article_urls() {
    let site = Site::fixture("markdown");
    let out = site.build().out;
    let body = prose(&out.page(FEATURES));
    let links: Vec<String> = html::tags(&body)
        .into_iter()
        .filter(|t| t.name == "a" && t.get("class").is_none())
        .filter_map(|t| t.get("href").map(str::to_string))
        .filter(|h| !h.starts_with("#fn"))
        .collect();
    assert_eq!(
        links,
        [
            // [the rally](../09/rally.md)
            "/2024/09/rally/",
            // [the move](/2024/09/rally.md#the-move)
            "/2024/09/rally/#the-move",
            // [this section](#custom-id)
            "#custom-id",
        ]
    );
    assert!(html::ids(&out.page("/2024/09/rally/")).contains("the-move"));
    assert!(!body.contains(".md\""), "no link keeps its .md");
}
