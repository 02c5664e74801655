//! Markdown as a site moved from Hugo, Zola or Jekyll writes it (fixture
//! `moved-markdown`): code blocks highlighted at build time in several languages,
//! footnotes collected at the end, definition lists, heading attributes, and the other
//! generators' template syntax kept as written, with a warning at each.

use crate::support::{Site, html};

const MOVED: &str = "/2025/10/moved/";

fn prose(page: &str) -> String {
    html::section(page, "div", "prose")
        .expect("an article body")
        .to_string()
}

/// The `<pre>` whose `<code>` is in `language`, whole.
fn code_block<'a>(body: &'a str, language: &str) -> &'a str {
    let open = format!("<code class=\"language-{language}\">");
    let at = body
        .find(&open)
        .unwrap_or_else(|| panic!("a {language} block in {body}"));
    let start = body[..at].rfind("<pre").expect("its <pre>");
    let end = at + body[at..].find("</pre>").expect("its end") + "</pre>".len();
    &body[start..end]
}

#[test]
fn code_blocks_are_highlighted_as_classes_and_the_fence_info_after_the_language_is_ignored() {
    let site = Site::fixture("moved-markdown");
    let body = prose(&site.build().out.page(MOVED));
    // `rust,ignore` is Rust and `go {linenos=true}` is Go; `python title="..."` Python.
    for (language, token) in [
        ("sql", "<span class=\"hl-keyword\">SELECT</span>"),
        (
            "python",
            "<span class=\"hl-keyword\">def</span> <span class=\"hl-entity hl-name hl-function\">change</span>",
        ),
        ("rust", "<span class=\"hl-keyword\">fn</span>"),
        ("go", "<span class=\"hl-keyword\">func</span>"),
        ("toml", "hl-constant hl-numeric"),
    ] {
        let block = code_block(&body, language);
        assert!(
            block.starts_with("<pre tabindex=\"0\" class=\"highlight\">"),
            "{block}"
        );
        assert!(block.contains(token), "{language}: {token} in {block}");
    }
    assert!(
        code_block(&body, "rust").contains("<span class=\"hl-comment\">// HK$</span>"),
        "comments are classed"
    );
    // A language without a grammar is plain, escaped text, as written.
    assert_eq!(
        code_block(&body, "klingon"),
        "<pre tabindex=\"0\"><code class=\"language-klingon\">Qapla&#39; &lt;batlh&gt; &amp; &quot;honour&quot;\n</code></pre>"
    );
    assert!(!body.contains("<script"), "highlighted without scripts");
}

#[test]
fn footnotes_are_listed_at_the_end_in_the_order_they_are_first_referred_to() {
    let site = Site::fixture("moved-markdown");
    let body = prose(&site.build().out.page(MOVED));
    // `close` is defined last but referred to first, so it is note 1, twice referred to.
    let references: Vec<(String, String)> = html::tags(&body)
        .windows(2)
        .filter(|w| w[0].get("class") == Some("footnote-reference"))
        .map(|w| {
            (
                w[0].get("id").unwrap_or_default().to_string(),
                w[1].get("href").unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        references,
        [
            ("fnref-moved-1".to_string(), "#fn-moved-1".to_string()),
            ("fnref-moved-2".to_string(), "#fn-moved-2".to_string()),
            ("fnref-moved-1-2".to_string(), "#fn-moved-1".to_string()),
        ]
    );
    // The notes come after everything else in the body, in a list of their own.
    let notes = html::section(&body, "section", "footnotes").expect("the list of notes");
    let list_at = body.find("<section class=\"footnotes\"").unwrap();
    assert!(
        body.rfind("</pre>").unwrap() < list_at && body.rfind("</dl>").unwrap() < list_at,
        "the notes come after the rest of the article"
    );
    let items: Vec<(String, String)> = html::tags(notes)
        .into_iter()
        .filter(|t| t.name == "li")
        .map(|t| (t.get("id").unwrap_or_default().to_string(), String::new()))
        .collect();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].0, "fn-moved-1");
    assert_eq!(items[1].0, "fn-moved-2");
    let first = notes.find("The Hong Kong close").expect("note 1's text");
    let second = notes.find("In April").expect("note 2's text");
    assert!(first < second, "note 1 first: {notes}");
    // Each note links back to every reference to it, each link with a name.
    let back: Vec<(String, String)> = html::tags(notes)
        .into_iter()
        .filter(|t| t.get("class") == Some("footnote-backref"))
        .map(|t| {
            (
                t.get("href").unwrap_or_default().to_string(),
                t.get("aria-label").unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        back,
        [
            (
                "#fnref-moved-1".to_string(),
                "Back to reference 1".to_string()
            ),
            (
                "#fnref-moved-1-2".to_string(),
                "Back to reference 1, place 2".to_string()
            ),
            (
                "#fnref-moved-2".to_string(),
                "Back to reference 2".to_string()
            ),
        ]
    );
    // The second link to the same note shows its count, which its name holds too.
    assert!(
        notes.contains(
            "href=\"#fnref-moved-1-2\" aria-label=\"Back to reference 1, place 2\">↩<sup>2</sup></a>"
        ),
        "{notes}"
    );
    assert!(
        notes.contains("local time. <a class=\"footnote-backref\""),
        "the arrow ends the note's paragraph: {notes}"
    );
    let ids = html::ids(&body);
    for (href, _) in &back {
        assert!(ids.contains(href.trim_start_matches('#')), "{href} exists");
    }
}

#[test]
fn definition_lists_and_heading_attributes_render() {
    let site = Site::fixture("moved-markdown");
    let body = prose(&site.build().out.page(MOVED));
    assert!(
        body.contains(
            "<dl>\n<dt>Close</dt>\n<dd>The last traded price of the day.</dd>\n<dt>Move</dt>\n<dd>The change from the previous close, in percent.</dd>\n</dl>"
        ),
        "{body}"
    );
    assert!(
        body.contains("<h2 id=\"pulling\" class=\"method\">How the desk pulls the closes <a class=\"anchor\" href=\"#pulling\""),
        "{body}"
    );
}

#[test]
fn other_generators_template_syntax_is_kept_as_written_with_a_warning_at_its_line() {
    let site = Site::fixture("moved-markdown");
    let built = site.build();
    assert_snapshot!(built.stderr);
    let text = html::plain_text(&prose(&built.out.page(MOVED)));
    // Straight quotes, as written: smart punctuation would make the URL invalid.
    for written in [
        "{{< figure src=\"/images/smic.png\" title=\"SMIC's day\" >}}",
        "{{% notice tip %}}",
        "{{ page.title }}",
        "{% include chart.html ticker=\"0981.HK\" %}",
    ] {
        assert!(text.contains(written), "{written} in {text}");
    }
    // `check` finds the same, and code spans and blocks are left alone.
    let check = site.brief(&["check", "--format", "json"]);
    assert_eq!(check.code, 0, "warnings only: {check:?}");
    let places: Vec<(u64, u64)> = crate::support::commands::json_lines(&check)
        .iter()
        .filter(|w| w["code"] == "foreign-syntax")
        .map(|w| (w["line"].as_u64().unwrap(), w["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(places, [(55, 1), (57, 15), (57, 52), (59, 1)], "{check:?}");
    assert_eq!(site.brief(&["check", "--strict"]).code, 1);
}
