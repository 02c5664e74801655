//! The search index a build writes under `/search/` (fixture `search`): every
//! published briefing and nothing else, each word's postings with where it stands,
//! companies and ecosystems as filters, a record per briefing; and `search = false`,
//! which writes none of it and links to none of it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{Out, Site};

const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

fn json(out: &Out, url: &str) -> Value {
    let text = out.page(url);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{url} is not JSON: {e}\n{text}"))
}

/// Every term of the index with its postings, (briefing, weight), as `search.js`
/// reads them: the shards named by `index.json`, each term's string decoded.
fn terms(out: &Out) -> BTreeMap<String, Vec<(u64, u64)>> {
    let index = json(out, "/search/index.json");
    let shards = index["term_shards"].as_u64().unwrap();
    let mut terms = BTreeMap::new();
    for shard in 0..shards {
        let object = json(out, &format!("/search/terms/{shard}.json"));
        for (term, postings) in object.as_object().unwrap() {
            let mut decoded = Vec::new();
            let (mut number, mut briefing) = (0u64, 0u64);
            for c in postings.as_str().unwrap().chars() {
                let digit = DIGITS.find(c).unwrap() as u64;
                number = number * 32 + (digit & 31);
                if digit < 32 {
                    briefing += number >> 4;
                    decoded.push((briefing, number & 15));
                    number = 0;
                }
            }
            terms.insert(term.clone(), decoded);
        }
    }
    terms
}

/// The titles of the briefings with `term`, by their records.
fn titles(out: &Out, terms: &BTreeMap<String, Vec<(u64, u64)>>, term: &str) -> Vec<String> {
    terms
        .get(term)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|(briefing, _)| {
            let record = json(out, &format!("/search/records/{briefing}.json"));
            record["title"].as_str().unwrap().to_string()
        })
        .collect()
}

const RALLY: &str = "Hong Kong chip stocks rally on the domestic AI push";
const CAPACITY: &str = "SMIC adds capacity at its Beijing fab";
const MICRON: &str = "Micron hits a record high on memory pricing";

#[test]
fn the_index_has_every_published_briefing_and_no_draft_future_briefing_or_page() {
    let site = Site::fixture("search");
    let built = site.build();
    let out = &built.out;
    let index = json(out, "/search/index.json");
    assert_eq!(index["briefings"], 3);
    assert_eq!(index["term_shards"], 1);
    let companies: Vec<(&str, Vec<&str>)> = index["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let tickers = c["tickers"].as_array().unwrap();
            (
                c["key"].as_str().unwrap(),
                tickers.iter().map(|t| t.as_str().unwrap()).collect(),
            )
        })
        .collect();
    assert_eq!(
        companies,
        [
            ("hua-hong", vec!["1347.HK"]),
            ("micron", vec!["MU"]),
            ("smic", vec!["0981.HK", "688981.SS"]),
        ]
    );
    assert_eq!(index["ecosystems"][0]["url"], "/ecosystems/china/");

    let terms = terms(out);
    // Numbered from the oldest: the rally is 0, the Micron briefing 2.
    assert_eq!(titles(out, &terms, "domestic"), [RALLY, MICRON]);
    assert!(!terms.contains_key("zanzibar"), "drafts, future and pages");
    assert!(!terms.contains_key("draft"));
    // Where a word stands: in the title (8), the written summary (4), and how often
    // in the text (1 once, 2 for two or three times, 3 for more).
    assert_eq!(terms["domestic"], [(0, 8 | 4 | 1), (2, 1)]);
    assert_eq!(terms["smic"], [(0, 4), (1, 8)]);
    // Companies and ecosystems are filters, by their keys.
    assert_eq!(titles(out, &terms, "c:smic"), [RALLY, CAPACITY]);
    assert_eq!(titles(out, &terms, "c:hua-hong"), [RALLY]);
    assert_eq!(titles(out, &terms, "e:us-allies"), [MICRON]);

    let record = json(out, "/search/records/0.json");
    assert_eq!(record["url"], "/2025/10/hong-kong-chip-rally/");
    assert_eq!(record["date"], "2025-10-02T01:30:00+00:00");
    assert_eq!(record["shown"], "2 October 2025, 01:30 UTC");
    assert_eq!(record["companies"], serde_json::json!([2, 0]));
    assert_eq!(record["ecosystems"], serde_json::json!([0]));
    let text = record["text"].as_str().unwrap();
    assert!(
        text.starts_with("SMIC jumps nearly 11% as domestic models ship on domestic silicon. Shares of the foundry rose"),
        "{text}"
    );
    assert!(
        text.contains("years. What moved Hua Hong followed"),
        "{text}"
    );
    assert!(!out.has("/search/records/3.json"));

    // The page, its script, and a link to it from every page's navigation.
    let page = out.page("/search/");
    assert!(page.contains("<script src=\"/search/search.js\" defer></script>"));
    assert!(out.page("/search/search.js").starts_with("\"use strict\";"));
    for url in ["/", "/companies/smic/", "/2025/10/smic-capacity/"] {
        assert!(
            out.page(url).contains("<a href=\"/search/\">Search</a>"),
            "{url}"
        );
    }
    assert!(page.contains("<a href=\"/search/\" aria-current=\"page\">Search</a>"));
    // Not for crawlers: the search page is in no sitemap.
    assert!(!out.page("/sitemap.xml").contains("/search/"));
}

#[test]
fn drafts_and_future_briefings_are_searched_when_the_build_publishes_them() {
    let site = Site::fixture("search");
    let built = site.build_with(&["--drafts", "--future"]);
    let index = json(&built.out, "/search/index.json");
    assert_eq!(index["briefings"], 5);
    let terms = terms(&built.out);
    assert_eq!(terms["zanzibar"].len(), 2, "the draft and the future one");
}

#[test]
fn without_javascript_the_search_page_says_how_to_browse_and_no_other_page_has_a_script() {
    let site = Site::fixture("search");
    let built = site.build();
    let page = built.out.page("/search/");
    let fallback = &page[page.find("<noscript>").unwrap()..page.find("</noscript>").unwrap()];
    assert!(
        fallback.contains("<a href=\"/companies/\">by company</a>"),
        "{fallback}"
    );
    assert!(
        fallback.contains("<a href=\"/ecosystems/\">by ecosystem</a>"),
        "{fallback}"
    );
    assert!(page.contains(
        "role=\"search\" action=\"/search/\" method=\"get\" data-index=\"/search/index.json\" hidden>"
    ));
    for (url, html) in built.out.html_pages() {
        let scripts = html.matches("<script").count();
        let data = html
            .matches("<script type=\"application/ld+json\">")
            .count();
        let expected = usize::from(url == "search/index.html");
        assert_eq!(scripts - data, expected, "{url}");
    }
}

#[test]
fn search_false_writes_no_search_page_no_index_and_no_link() {
    let site = Site::fixture("search");
    site.replace("site.toml", "title = ", "search = false\ntitle = ");
    let built = site.build();
    let files = built.out.files();
    assert!(!files.iter().any(|f| f.starts_with("search")), "{files:?}");
    for (url, html) in built.out.html_pages() {
        assert!(!html.contains("/search/"), "{url} links to search");
        assert!(!html.contains("<script src"), "{url} has a script");
    }
}

#[test]
fn a_search_key_that_is_not_true_or_false_is_an_error_at_its_line() {
    let site = Site::fixture("search");
    site.replace("site.toml", "title = ", "search = \"yes\"\ntitle = ");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("site.toml:4:10: error"), "{stderr}");
}

#[test]
fn a_site_can_replace_the_search_page_and_its_script() {
    let site = Site::fixture("search");
    site.write(
        "templates/search.js",
        "{% raw %}console.log(\"{{ own }}\");{% endraw %}",
    );
    site.write(
        "templates/search.html",
        "{% extends \"base.html\" %}{% block main %}<p>Our own search at {{ index_url }}</p>{% endblock main %}",
    );
    let built = site.build();
    assert_eq!(
        built.out.page("/search/search.js"),
        "console.log(\"{{ own }}\");"
    );
    assert!(
        built
            .out
            .page("/search/")
            .contains("<p>Our own search at /search/index.json</p>")
    );
}

#[test]
fn a_new_briefing_leaves_the_records_of_the_others_as_they_were() {
    let site = Site::fixture("search");
    let before = site.build().out;
    let records: Vec<Vec<u8>> = (0..3)
        .map(|n| before.bytes(&format!("search/records/{n}.json")))
        .collect();
    site.write(
        "content/2025/10/newer.md",
        "+++\ntitle = \"Newer\"\ndate = 2025-10-09\n+++\n\nA newer briefing.\n",
    );
    let after = site.build().out;
    for (n, bytes) in records.iter().enumerate() {
        assert_eq!(
            &after.bytes(&format!("search/records/{n}.json")),
            bytes,
            "record {n}"
        );
    }
    let newest = json(&after, "/search/records/3.json");
    assert_eq!(newest["title"], "Newer");
}
