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
            // The notes' heading, hidden on screen, names their section for screen readers.
            ("h2".to_string(), "fn-label-features".to_string()),
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

#[test]
fn inline_code_in_a_heading_is_kept_with_its_text_in_the_id_and_the_table_of_contents() {
    let site = Site::fixture("from-other-generators");
    let page = site.build().out.page("/2024/10/code-heading/");
    let body = prose(&page);
    assert!(
        body.contains("<h2 id=\"nth-invocation-count\"><code>nth</code>: invocation count"),
        "{body}"
    );
    assert!(
        body.contains(
            "<h3 id=\"the-t-in-vec-t\">The <code>&lt;T&gt;</code> in <code>Vec&lt;T&gt;</code>"
        ),
        "{body}"
    );
    let toc = html::section(&page, "nav", "toc").expect("a table of contents");
    assert!(
        toc.contains("<a href=\"#nth-invocation-count\">nth: invocation count</a>"),
        "{toc}"
    );
    assert!(
        toc.contains("<a href=\"#the-t-in-vec-t\">The &lt;T&gt; in Vec&lt;T&gt;</a>"),
        "{toc}"
    );
}

#[test]
fn scripts_frames_and_remote_embeds_are_warned_about_at_their_line_and_published_as_written() {
    let site = Site::fixture("raw-html");
    let built = site.build();
    let warnings: Vec<&str> = built
        .stderr
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/embeds.md:8:10: warning: the URL `javascript:alert(1)` in content: the site promises pages without scripts",
            "content/embeds.md:8:44: warning: `<img>` loads `https://cdn.example.com/chart.png` from another host",
            "content/embeds.md:10:1: warning: `<script>` in content: the site promises pages without scripts",
            "content/embeds.md:12:1: warning: `<iframe>` in content: the site promises pages without scripts",
            "content/embeds.md:14:19: warning: `<img>` loads `https://tracker.example/pixel.gif` from another host",
            "content/embeds.md:17:11: warning: `<video>` loads `https://cdn.example.com/poster.jpg` from another host",
            "content/embeds.md:18:16: warning: `<source>` loads `https://cdn.example.com/clip.mp4` from another host",
            "content/embeds.md:21:13: warning: `<audio>` loads `https://cdn.example.com/a.mp3` from another host",
            "content/embeds.md:22:15: warning: `<object>` loads `https://x.example/a.swf` from another host",
            "content/embeds.md:23:13: warning: `<embed>` loads `https://x.example/b.swf` from another host",
            "content/embeds.md:24:30: warning: `<link>` loads `https://fonts.example.com/css` from another host",
            "content/embeds.md:25:14: warning: `<img>` loads `https://cdn.example.com/a.png` from another host",
            "content/embeds.md:26:10: warning: the URL `&#106;avascript:steal()` in content: the site promises pages without scripts",
            "content/embeds.md:26:44: warning: the `onclick` attribute in content: the site promises pages without scripts",
        ],
        "{}",
        built.stderr
    );
    assert_snapshot!(built.stderr);
    // A warning, not a refusal: the writer's HTML is published as written.
    let page = built.out.page("/embeds/");
    assert!(page.contains("<script>track()</script>"));
    assert!(page.contains("<img src=\"https://tracker.example/pixel.gif\" alt=\"\">"));
    assert!(!built.stderr.contains("content/clean.md"));
}

#[test]
fn control_characters_and_noncharacters_never_reach_a_page() {
    let site = Site::fixture("markdown");
    site.replace(
        "site.toml",
        "name = \"SMIC\"",
        "name = \"SMIC\\u0000\\u001b[31m\"",
    );
    site.write(
        "content/2024/10/pasted.md",
        "+++\ntitle = \"Pasted\\u0002 from a PDF\"\ndate = 2024-10-03T09:00:00Z\n\
         summary = \"A summary\\u0008 with a backspace\"\necosystem = \"china\"\ntickers = [\"0981.HK\"]\n+++\n\n\
         Page one\u{C}page two, \u{1} \u{7F} \u{85} \u{FFFE} \u{FFFF}.\n\n    code\u{1b}[0m block\n\n\
         ## Heading\u{3}\n",
    );
    let built = site.build();
    let pages = built.out.html_pages();
    assert!(pages.len() > 5, "{pages:?}");
    for (file, text) in pages {
        let bad: Vec<String> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                    || (c as u32 & 0xFFFE) == 0xFFFE
            })
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(bad.is_empty(), "{file} has {bad:?}");
    }
    let page = built.out.page("/2024/10/pasted/");
    assert!(page.contains("Pasted from a PDF"));
    assert!(page.contains("Page onepage two"));
    assert!(built.out.page("/companies/smic/").contains("SMIC[31m"));
}
