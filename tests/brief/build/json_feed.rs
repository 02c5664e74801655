//! JSON Feed 1.1 beside every Atom feed (fixtures `site`, feed_limit = 3, and `moves`):
//! each checked against the specification's required fields and types, with the same
//! entries as its Atom twin, full content, authors, tags and the moves.

use serde_json::{Map, Value};

use crate::support::xml::{self, Element};
use crate::support::{Out, Site};

const VERSION: &str = "https://jsonfeed.org/version/1.1";
const BASE: &str = "https://chipwire.example.org";

fn json(out: &Out, url: &str) -> Value {
    let text = out.page(url);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{url} is not JSON: {e}\n{text}"))
}

fn atom(out: &Out, url: &str) -> Element {
    xml::parse(&out.page(url)).unwrap_or_else(|e| panic!("{url}: {e}"))
}

fn string<'a>(object: &'a Map<String, Value>, key: &str, at: &str) -> &'a str {
    object
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{at}: `{key}` is a string: {object:?}"))
}

fn absolute(url: &str, at: &str) {
    assert!(
        url.starts_with(&format!("{BASE}/")),
        "{at}: {url} is absolute"
    );
}

/// The specification's rules for a feed object: required `version` (the 1.1 URL),
/// `title` and `items`; the optional fields used are of their types; each item has an
/// `id` (a string), `content_html`, and RFC 3339 dates.
fn check_json_feed(url: &str, feed: &Value) {
    let object = feed.as_object().expect("a feed is an object");
    assert_eq!(string(object, "version", url), VERSION);
    assert!(!string(object, "title", url).is_empty());
    absolute(string(object, "home_page_url", url), url);
    assert_eq!(string(object, "feed_url", url), format!("{BASE}{url}"));
    let authors = object["authors"].as_array().expect("authors is an array");
    assert!(!authors.is_empty());
    for author in authors {
        assert!(!string(author.as_object().unwrap(), "name", url).is_empty());
    }
    let items = object["items"].as_array().expect("items is an array");
    for item in items {
        let item = item.as_object().expect("an item is an object");
        let id = string(item, "id", url);
        absolute(id, url);
        assert_eq!(string(item, "url", url), id);
        assert!(!string(item, "title", url).is_empty());
        assert!(!string(item, "content_html", url).is_empty());
        string(item, "summary", url);
        for date in ["date_published", "date_modified"] {
            let text = string(item, date, url);
            text.parse::<jiff::Timestamp>()
                .unwrap_or_else(|e| panic!("{url}: {date} {text} is not RFC 3339: {e}"));
            assert!(text.contains('T'), "{url}: {date} {text} has a time");
        }
        if let Some(tags) = item.get("tags") {
            for tag in tags.as_array().expect("tags is an array") {
                assert!(tag.is_string(), "{url}: a tag is a string");
            }
        }
        if let Some(authors) = item.get("authors") {
            for author in authors.as_array().expect("an item's authors is an array") {
                assert!(author["name"].is_string());
            }
        }
        for known in item.keys() {
            assert!(
                [
                    "id",
                    "url",
                    "title",
                    "content_html",
                    "summary",
                    "date_published",
                    "date_modified",
                    "authors",
                    "tags"
                ]
                .contains(&known.as_str()),
                "{url}: {known} is a field of JSON Feed 1.1 items brief writes"
            );
        }
    }
}

fn item<'a>(feed: &'a Value, title: &str) -> &'a Map<String, Value> {
    feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_object().unwrap())
        .find(|i| i["title"] == title)
        .unwrap_or_else(|| panic!("an item titled {title}"))
}

#[test]
fn every_atom_feed_has_a_json_feed_beside_it_with_the_same_entries() {
    let site = Site::fixture("site");
    let out = site.build().out;
    let atom_feeds: Vec<String> = out
        .files()
        .into_iter()
        .filter(|f| f.ends_with("atom.xml"))
        .collect();
    assert_eq!(atom_feeds.len(), 6, "{atom_feeds:?}");
    for atom_file in atom_feeds {
        let atom_url = format!("/{atom_file}");
        let json_url = atom_url.replace("atom.xml", "feed.json");
        let feed = json(&out, &json_url);
        check_json_feed(&json_url, &feed);
        let atom = atom(&out, &atom_url);
        assert_eq!(feed["title"], atom.child("title").text(), "{json_url}");
        let atom_ids: Vec<String> = atom.all("entry").map(|e| e.child("id").text()).collect();
        let json_ids: Vec<&str> = feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        assert_eq!(json_ids, atom_ids, "{json_url} lists what {atom_url} lists");
        for entry in atom.all("entry") {
            let item = item(&feed, &entry.child("title").text());
            assert_eq!(
                item["content_html"],
                entry.child("content").text(),
                "{json_url}: the full content, as in Atom"
            );
            assert_eq!(item["date_published"], entry.child("published").text());
            assert_eq!(item["date_modified"], entry.child("updated").text());
        }
    }
}

#[test]
fn a_json_feed_item_has_its_tags_author_and_plain_summary() {
    let site = Site::fixture("site");
    site.replace(
        "content/2024/10/micron-results.md",
        "title = ",
        "author = \"Mei Lin\"\ntitle = ",
    );
    let out = site.build().out;
    let feed = json(&out, "/companies/smic/feed.json");
    assert_eq!(feed["home_page_url"], format!("{BASE}/companies/smic/"));
    let micron = item(&feed, "Micron beats on record data-centre demand");
    assert_eq!(
        micron["tags"],
        serde_json::json!(["MU", "0981.HK", "The US stack", "China's domestic stack"]),
        "tickers, then ecosystems"
    );
    assert_eq!(micron["authors"], serde_json::json!([{"name": "Mei Lin"}]));
    // JSON Feed's summary is plain text.
    assert_eq!(
        micron["summary"],
        "Micron’s quarter beats forecasts; SMIC slips in sympathy."
    );
    assert!(
        micron["content_html"]
            .as_str()
            .unwrap()
            .contains("<p>Micron reported a record quarter on data-centre memory.</p>")
    );
    // A briefing without an author of its own has none: the feed's author stands.
    let ascend = item(&feed, "Huawei publishes its Ascend roadmap");
    assert!(ascend.get("authors").is_none(), "{ascend:?}");
}

#[test]
fn json_feed_items_lead_with_the_moves_as_atom_entries_do() {
    let site = Site::fixture("moves");
    let out = site.build().out;
    for url in [
        "/feed.json",
        "/companies/hua-hong/feed.json",
        "/ecosystems/china/feed.json",
    ] {
        let feed = json(&out, url);
        let rally = item(&feed, "Hong Kong chip stocks rally");
        let html = rally["content_html"].as_str().unwrap();
        assert!(
            html.starts_with("<ul class=\"moves\"><li>SMIC 0981.HK ▲ 10.9 %</li>"),
            "{url}: {html}"
        );
        let summary = rally["summary"].as_str().unwrap();
        assert!(
            summary.starts_with("SMIC 0981.HK ▲ 10.9 %\nSMIC 688981.SS ▲ 8.3 %"),
            "{url}: {summary}"
        );
        assert!(summary.ends_with("Tencent slipped."), "{url}: {summary}");
    }
}

#[test]
fn pages_name_the_json_feeds_that_follow_them() {
    let site = Site::fixture("site");
    let out = site.build().out;
    let home = out.page("/");
    assert!(home.contains(&format!(
        "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Chip Wire\" href=\"{BASE}/feed.json\">"
    )));
    let smic = out.page("/companies/smic/");
    assert!(
        smic.contains(&format!(
            "type=\"application/feed+json\" title=\"SMIC on Chip Wire\" href=\"{BASE}/companies/smic/feed.json\">"
        )),
        "{smic}"
    );
    assert!(smic.contains(&format!(
        "<a class=\"feed-link\" href=\"{BASE}/companies/smic/feed.json\" type=\"application/feed+json\">"
    )));
    let article = out.page("/2024/10/micron-results/");
    for feed in [
        "/feed.json",
        "/companies/micron/feed.json",
        "/ecosystems/us/feed.json",
    ] {
        let link = "type=\"application/feed+json\" title=\"";
        let href = format!("href=\"{BASE}{feed}\">");
        assert!(
            article
                .lines()
                .any(|line| line.contains(link) && line.contains(&href)),
            "the briefing links {feed}"
        );
    }
}
