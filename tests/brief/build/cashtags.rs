//! Cashtags (fixture `cashtags`, a site under the path `/desk`): `$SMIC`, `$0981.HK`,
//! `$huawei` in a briefing's body and summary link to the company's page; money, code,
//! links, raw HTML and escaped dollars are left alone; an unknown `$` word is a warning;
//! `cashtags = false` turns them off.

use crate::support::{Site, html};

const RALLY: &str = "/2024/10/rally/";

fn prose(page: &str) -> String {
    html::section(page, "div", "prose")
        .expect("an article body")
        .to_string()
}

/// Each cashtag link of `html` as (its text, href, title).
fn cashtags(html: &str) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<a class=\"cashtag\"") {
        let tag_end = at + rest[at..].find('>').unwrap() + 1;
        let close = tag_end + rest[tag_end..].find("</a>").unwrap();
        let tag = &html::tags(&rest[at..tag_end])[0];
        found.push((
            rest[tag_end..close].to_string(),
            tag.get("href").unwrap().to_string(),
            tag.get("title").unwrap().to_string(),
        ));
        rest = &rest[close..];
    }
    found
}

fn tag(text: &str, company: &str, title: &str) -> (String, String, String) {
    (
        text.to_string(),
        format!("/desk/companies/{company}/"),
        title.to_string(),
    )
}

#[test]
fn cashtags_in_the_body_link_to_the_company_page_under_the_site_path() {
    let site = Site::fixture("cashtags");
    let body = prose(&site.build().out.page(RALLY));
    assert_eq!(
        cashtags(&body),
        [
            tag("$0981.HK", "smic", "SMIC"),
            tag("$smic", "smic", "SMIC"),
            tag("$688981.ss", "smic", "SMIC"),
            tag("$huawei", "huawei", "Huawei"),
            tag("$MU", "micron", "Micron Technology"),
            tag("$Micron", "micron", "Micron Technology"),
            tag("$NVDA", "nvidia", "Nvidia"),
        ]
    );
    // The text stays as written around them: an apostrophe, a bracket, a full stop.
    assert!(body.contains("</a>’s Shanghai line ("), "{body}");
    assert!(body.contains(">$688981.ss</a>)."), "{body}");
    assert!(body.contains(">$NVDA</a>. all moved"), "{body}");
}

#[test]
fn money_code_links_raw_html_and_escaped_dollars_are_left_as_written() {
    let site = Site::fixture("cashtags");
    let body = prose(&site.build().out.page(RALLY));
    assert!(
        body.contains("a $500 billion plan, $5.2bn, $1,000 and $.5 a share."),
        "{body}"
    );
    assert!(body.contains("<code>$MU</code>"), "{body}");
    assert!(body.contains("$MU in a block\n</code></pre>"), "{body}");
    assert!(
        body.contains("<a href=\"https://example.org/mu\">read $MU</a>"),
        "{body}"
    );
    assert!(
        body.contains("<abbr title=\"Micron\">$MU</abbr> in raw HTML"),
        "{body}"
    );
    assert!(body.contains("An escaped $MU stays text."), "{body}");
    assert!(body.contains("$NVDAA is not a listing, and neither is $SMIC2."));
}

#[test]
fn a_markdown_summary_links_cashtags_on_list_pages_and_in_feeds() {
    let site = Site::fixture("cashtags");
    let out = site.build().out;
    let home = out.page("/");
    let summary = html::section(&home, "div", "card-summary").expect("a summary");
    assert_eq!(
        cashtags(summary),
        [
            tag("$SMIC", "smic", "SMIC"),
            tag("$MU", "micron", "Micron Technology")
        ]
    );
    assert!(summary.contains("<em><a class=\"cashtag\""), "{summary}");
    // Feeds make every link absolute, cashtags' too.
    let feed = out.page("/atom.xml");
    assert!(
        feed.contains("href=&quot;https://cashtags.example.org/desk/companies/micron/&quot;"),
        "{feed}"
    );
}

#[test]
fn a_cashtag_does_not_list_the_briefing_on_the_company_page() {
    let site = Site::fixture("cashtags");
    let out = site.build().out;
    // Only `tickers` names companies: $huawei and $MU link to pages that do not list it.
    assert!(!out.page("/companies/huawei/").contains(RALLY));
    assert!(!out.page("/companies/micron/").contains(RALLY));
    assert!(out.page("/companies/smic/").contains(RALLY));
}

#[test]
fn an_unregistered_cashtag_is_a_warning_at_its_line_naming_the_closest_ticker() {
    let site = Site::fixture("cashtags");
    let built = site.build();
    assert_snapshot!(built.stderr);
    let check = site.brief(&["check", "--format", "json"]);
    let cashtag_lines: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.contains("\"code\":\"unregistered-cashtag\""))
        .collect();
    assert_eq!(cashtag_lines.len(), 3, "{check:?}");
    assert!(
        cashtag_lines[0].contains("\"line\":4,\"column\":45") && cashtag_lines[0].contains("NVDAA"),
        "the summary's: {check:?}"
    );
    assert!(
        cashtag_lines[1].contains("\"line\":23,\"column\":1"),
        "{check:?}"
    );
    assert!(
        cashtag_lines[2].contains("\"line\":23,\"column\":41"),
        "{check:?}"
    );
    assert_eq!(site.brief(&["check", "--strict"]).code, 1);
}

#[test]
fn cashtags_false_in_site_toml_leaves_every_dollar_as_text() {
    let site = Site::fixture("cashtags");
    site.replace(
        "site.toml",
        "base_url = \"https://cashtags.example.org/desk\"",
        "base_url = \"https://cashtags.example.org/desk\"\ncashtags = false",
    );
    let built = site.build();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    let page = built.out.page(RALLY);
    assert!(!page.contains("class=\"cashtag\""), "{page}");
    assert!(page.contains("$0981.HK jumped"));
    assert!(!built.out.page("/").contains("class=\"cashtag\""));
}
