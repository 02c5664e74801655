//! Unit tests of rendering: headings, footnotes, summaries, links, raw HTML.

use super::*;

fn keep(_: &str) -> LinkTarget {
    LinkTarget::Keep
}

#[test]
fn headings_get_unique_ids_and_an_anchor_link() {
    let out = render(
        "## Market move\n\n## Market move\n\n### Note {#custom}\n",
        "a",
        &keep,
        None,
    );
    assert!(
        out.html.at_site_root().contains(
            "<h2 id=\"market-move\">Market move <a class=\"anchor\" href=\"#market-move\""
        )
    );
    assert!(
        out.html
            .at_site_root()
            .contains("<h2 id=\"market-move-1\">")
    );
    assert!(out.html.at_site_root().contains("<h3 id=\"custom\">"));
    let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["market-move", "market-move-1", "custom"]);
}

#[test]
fn footnote_ids_are_scoped_to_the_article() {
    let out = render("Fact.[^src]\n\n[^src]: A source.\n", "rally", &keep, None);
    assert!(
        out.html.at_site_root().contains("href=\"#fn-rally-1\""),
        "{:?}",
        out.html
    );
    assert!(out.html.at_site_root().contains("id=\"fn-rally-1\""));
    assert!(out.html.at_site_root().contains("href=\"#fnref-rally-1\""));
}

#[test]
fn summary_is_text_before_the_more_marker() {
    let out = render(
        "First.\n\nSecond.\n\n<!-- more -->\n\nThird.\n",
        "a",
        &keep,
        None,
    );
    let summary = out.summary_html.unwrap();
    let summary = summary.at_site_root();
    assert!(summary.contains("Second."));
    assert!(!summary.contains("Third."));
    assert!(!out.html.at_site_root().contains("more -->"));
}

#[test]
fn summary_falls_back_to_the_first_paragraph_without_ids() {
    let out = render(
        "## Head\n\nOpening line.[^1]\n\nLater.\n\n[^1]: Note.\n",
        "a",
        &keep,
        None,
    );
    assert_eq!(
        out.summary_html.unwrap().at_site_root(),
        "<p>Opening line.<sup class=\"footnote-reference\">1</sup></p>\n"
    );
}

#[test]
fn links_are_rewritten_or_reported_broken_with_their_range() {
    let resolve = |dest: &str| match dest {
        "ok.md" => LinkTarget::Site("/2026/10/ok/".into()),
        "gone.md" => LinkTarget::Broken,
        _ => LinkTarget::Keep,
    };
    let body = "See [ok](ok.md) and [gone](gone.md).";
    let out = render(body, "a", &resolve, None);
    assert!(out.html.at_site_root().contains("href=\"/2026/10/ok/\""));
    assert_eq!(out.broken_links.len(), 1);
    let (range, dest) = &out.broken_links[0];
    assert_eq!(dest, "gone.md");
    assert_eq!(&body[range.start..range.start + 6], "[gone]");
}

#[test]
fn links_into_the_site_take_the_prefix_only_where_the_html_is_written() {
    let resolve = |dest: &str| match dest {
        "ok.md" => LinkTarget::Site("/2026/10/ok/".into()),
        "more.md" => LinkTarget::Site("/2026/10/more/#x".into()),
        // An e-mail autolink is written after `mailto:`, whatever its destination.
        "x@y.md" => LinkTarget::Site("/x/".into()),
        _ => LinkTarget::Keep,
    };
    // What the HTML was when the prefix went into every site path as it was resolved.
    let prefix = "/r&d blog";
    let prefixed = |dest: &str| match resolve(dest) {
        LinkTarget::Site(path) => LinkTarget::Site(format!("{prefix}{path}")),
        other => other,
    };
    let prefixed_companies = |word: &str| {
        companies(word).map(|linked| cashtags::Linked {
            site_path: format!("{prefix}{}", linked.site_path),
            ..linked
        })
    };
    for body in [
        "See [ok](ok.md), $MU, [root](/companies/) and ![a [ok](ok.md) chart](c.png).\n\n\
         | [more](more.md) $SMIC |\n|---|\n| [ok](ok.md 'Title') |\n\n<x@y.md>\n",
        "> Cut [inside <!-- more --> a link](more.md).\n\nLater [ok](ok.md).\n",
    ] {
        let out = render(body, "a", &resolve, Some(&companies));
        let expected = render(body, "a", &prefixed, Some(&prefixed_companies));
        assert_eq!(
            out.html.write(prefix, "/2026/10/today/"),
            expected.html.at_site_root()
        );
        assert_eq!(
            out.summary_html.unwrap().write(prefix, "/2026/10/today/"),
            expected.summary_html.unwrap().at_site_root()
        );
        assert!(
            expected
                .html
                .at_site_root()
                .contains("href=\"/r&amp;d%20blog/2026/10/")
        );
    }
    let out = render("$MU", "a", &keep, Some(&companies));
    assert!(
        out.html
            .write(prefix, "/2026/10/today/")
            .contains("href=\"/r&amp;d blog/companies/micron/\""),
        "a cashtag's own tag escapes the prefix as an attribute: {:?}",
        out.html
    );
}

#[test]
fn links_and_images_are_kept_as_references_for_check() {
    let resolve = |dest: &str| match dest {
        "ok.md" => LinkTarget::Site("/2026/10/ok/".into()),
        _ => LinkTarget::Keep,
    };
    let body = "See [ok](ok.md).\n\n![Chart](chart.png)\n";
    let out = render(body, "a", &resolve, None);
    let found: Vec<(&str, Option<&str>, bool)> = out
        .references
        .iter()
        .map(|r| (r.written.as_str(), r.site_path.as_deref(), r.image))
        .collect();
    assert_eq!(
        found,
        [
            ("ok.md", Some("/2026/10/ok/"), false),
            ("chart.png", None, true)
        ]
    );
    assert_eq!(
        &body[out.references[1].range.clone()],
        "![Chart](chart.png)"
    );
}

#[test]
fn inline_code_in_a_heading_stays_code_and_its_text_makes_the_id() {
    let out = render("## `nth`: invocation count\n", "a", &keep, None);
    assert!(
        out.html
            .at_site_root()
            .starts_with("<h2 id=\"nth-invocation-count\"><code>nth</code>: invocation count <a"),
        "{}",
        out.html.at_site_root()
    );
    assert_eq!(out.headings[0].text, "nth: invocation count");
}

#[test]
fn the_more_marker_is_read_in_the_spacings_hugo_and_zola_write() {
    for marker in [
        "<!-- more -->",
        "<!--more-->",
        "<!--  more-->",
        "<!-- MORE -->",
    ] {
        let out = render(&format!("One.\n\n{marker}\n\nTwo.\n"), "a", &keep, None);
        assert_eq!(
            out.summary_html.as_ref().map(SiteHtml::at_site_root),
            Some("<p>One.</p>\n"),
            "{marker}"
        );
    }
    let out = render(
        "One.\n\n<!-- more than this -->\n\nTwo.\n",
        "a",
        &keep,
        None,
    );
    assert_eq!(
        out.summary_html.as_ref().map(SiteHtml::at_site_root),
        Some("<p>One.</p>\n")
    );
    assert!(
        out.html.at_site_root().contains("more than this"),
        "an ordinary comment stays"
    );
}

#[test]
fn a_marker_inside_a_paragraph_ends_the_summary_with_the_paragraph_closed() {
    let out = render(
        "> Quoted *and <!--more--> cut*.\n\nLater.\n",
        "a",
        &keep,
        None,
    );
    assert_eq!(
        out.summary_html.as_ref().map(SiteHtml::at_site_root),
        Some("<blockquote>\n<p>Quoted <em>and </em></p>\n</blockquote>\n")
    );
}

#[test]
fn raw_html_that_runs_scripts_or_loads_from_elsewhere_is_found_at_its_offset() {
    let body = "Text.\n\n<div>\n<img alt=\"\"\n  src=\"https://x.example/p.gif\">\n</div>\n\nA <span onclick=\"f()\">b</span> and [c](javascript:f()).\n";
    let out = render(body, "a", &keep, None);
    let found: Vec<&str> = out
        .breaches
        .iter()
        .map(|f| &body[f.range.clone()])
        .collect();
    assert_eq!(
        found,
        ["https://x.example/p.gif", "f()", "[c](javascript:f())"]
    );
}

#[test]
fn smart_punctuation_tables_and_task_lists_are_on() {
    let out = render(
        "\"Quoted\" -- dash\n\n| a |\n|---|\n| 1 |\n\n- [x] done\n",
        "a",
        &keep,
        None,
    );
    assert!(out.html.at_site_root().contains("“Quoted” – dash"));
    assert!(out.html.at_site_root().contains("<table>"));
    assert!(out.html.at_site_root().contains("type=\"checkbox\""));
}

/// Cashtags in a registry of SMIC (0981.HK) and Micron (MU).
fn companies(word: &str) -> Option<cashtags::Linked> {
    let (key, name) = match word.to_uppercase().as_str() {
        "SMIC" | "0981.HK" => ("smic", "SMIC"),
        "MU" | "MICRON" => ("micron", "Micron Technology"),
        _ => return None,
    };
    Some(cashtags::Linked {
        site_path: format!("/companies/{key}/"),
        title: name.to_string(),
    })
}

/// HTML as the pages of a site under `/blog` have it.
fn shown(html: &SiteHtml) -> String {
    html.write("/blog", "/2026/10/a/").into_owned()
}

fn with_cashtags(body: &str) -> Rendered {
    render(body, "a", &keep, Some(&companies))
}

const MU: &str =
    "<a class=\"cashtag\" href=\"/blog/companies/micron/\" title=\"Micron Technology\">";

#[test]
fn cashtags_in_prose_link_to_the_company_and_keep_their_text() {
    let out = with_cashtags("$MU rose; $0981.hk rallied ($smic).\n");
    assert_eq!(
        shown(&out.html),
        format!(
            "<p>{MU}$MU</a> rose; <a class=\"cashtag\" href=\"/blog/companies/smic/\" title=\"SMIC\">$0981.hk</a> rallied (<a class=\"cashtag\" href=\"/blog/companies/smic/\" title=\"SMIC\">$smic</a>).</p>\n"
        )
    );
    assert_eq!(
        shown(&out.summary_html.unwrap()),
        shown(&out.html),
        "the summary links them too"
    );
    assert!(out.unknown_cashtags.is_empty());
}

#[test]
fn cashtags_are_linked_in_lists_tables_quotes_emphasis_and_headings() {
    let out = with_cashtags(
        "## Why $MU fell\n\n- *$MU*\n\n> $MU\n\n| a |\n| - |\n| $MU |\n\nNote.[^1]\n\n[^1]: $MU said so.\n",
    );
    assert_eq!(
        shown(&out.html).matches(MU).count(),
        5,
        "{}",
        shown(&out.html)
    );
    assert_eq!(out.headings[0].text, "Why $MU fell");
}

#[test]
fn cashtags_are_never_linked_in_code_links_images_or_raw_html() {
    let body = "`$MU` and\n\n```\n$MU\n```\n\n    $MU indented\n\n[buy $MU](https://example.org) \
                <https://example.org/$MU> ![$MU chart](chart.png)\n\n<abbr title=\"Micron\">$MU</abbr> \
                <a href=\"/x/\">$MU</a> <span>a <b>$MU</b></span>\n\n<div>\n$MU in a block\n</div>\n";
    let out = with_cashtags(body);
    assert!(
        !shown(&out.html).contains("cashtag"),
        "{}",
        shown(&out.html)
    );
    assert!(out.unknown_cashtags.is_empty());
    // Text after a raw element closes is prose again.
    let after = with_cashtags("<abbr>x</abbr> then $MU<br> and $MU\n");
    assert_eq!(
        shown(&after.html).matches(MU).count(),
        2,
        "{}",
        shown(&after.html)
    );
}

#[test]
fn money_is_never_a_cashtag() {
    let out = with_cashtags("A $500 billion plan, $5.2bn, $1,000 and $.5 a share.\n");
    assert_eq!(
        shown(&out.html),
        "<p>A $500 billion plan, $5.2bn, $1,000 and $.5 a share.</p>\n"
    );
    assert!(out.unknown_cashtags.is_empty());
}

#[test]
fn an_unregistered_cashtag_is_left_as_written_and_reported_at_its_place() {
    let body = "Intro.\n\n*Then* &amp; $NVDAA rose, as did $MU.\n";
    let out = with_cashtags(body);
    assert!(
        shown(&out.html).contains("$NVDAA rose"),
        "{}",
        shown(&out.html)
    );
    assert_eq!(out.unknown_cashtags.len(), 1);
    let (range, word) = &out.unknown_cashtags[0];
    assert_eq!(word, "NVDAA");
    assert_eq!(&body[range.clone()], "$NVDAA");
}

#[test]
fn without_a_lookup_cashtags_are_plain_text_and_nothing_is_reported() {
    let out = render("$MU and $NVDAA.\n", "a", &keep, None);
    assert_eq!(shown(&out.html), "<p>$MU and $NVDAA.</p>\n");
    assert!(out.unknown_cashtags.is_empty());
}

#[test]
fn a_summary_links_cashtags_as_the_body_does() {
    let out = render_inline(
        "*$MU* beat; [not $MU](x.md) `$MU` $NVDAA",
        &keep,
        Some(&companies),
    );
    assert_eq!(
        shown(&out.html),
        format!(
            "<p><em>{MU}$MU</a></em> beat; <a href=\"x.md\">not $MU</a> <code>$MU</code> $NVDAA</p>\n"
        )
    );
    assert_eq!(out.unknown_cashtags.len(), 1);
    assert_eq!(out.unknown_cashtags[0].1, "NVDAA");
    let off = render_inline("$MU", &keep, None);
    assert_eq!(shown(&off.html), "<p>$MU</p>\n");
}

#[test]
fn a_dollar_escaped_with_a_backslash_stays_text_without_a_warning() {
    let out = with_cashtags("\\$MU and \\$NVDAA, but \\\\$MU\n");
    assert_eq!(
        shown(&out.html),
        format!("<p>$MU and $NVDAA, but \\{MU}$MU</a></p>\n")
    );
    assert!(out.unknown_cashtags.is_empty());
    let inline = render_inline("\\$MU $MU", &keep, Some(&companies));
    assert_eq!(shown(&inline.html), format!("<p>$MU {MU}$MU</a></p>\n"));
}
