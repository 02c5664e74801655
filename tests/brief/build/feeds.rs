//! Atom feeds (fixture `site`, feed_limit = 3): well-formed XML in the Atom namespace,
//! absolute URLs only, newest first, limited, with full content and summary.

use crate::support::xml::{self, Element};
use crate::support::{Out, Site, html};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const BASE: &str = "https://chipwire.example.org";

fn feed(out: &Out, url: &str) -> Element {
    let text = out.page(url);
    xml::parse(&text).unwrap_or_else(|e| panic!("{url} is not well-formed XML: {e}\n{text}"))
}

/// The `alternate` link of each entry, in order.
fn entry_links(feed: &Element) -> Vec<String> {
    feed.all("entry")
        .map(|e| {
            e.all("link")
                .find(|l| l.attribute("rel") == Some("alternate"))
                .and_then(|l| l.attribute("href"))
                .expect("an entry links to its page")
                .to_string()
        })
        .collect()
}

/// Every feed the build wrote.
fn all_feeds(out: &Out) -> Vec<String> {
    out.files()
        .into_iter()
        .filter(|f| f.ends_with("atom.xml"))
        .map(|f| format!("/{f}"))
        .collect()
}

#[test]
fn the_site_feed() {
    let site = Site::fixture("site");
    let out = site.build().out;
    assert_snapshot!(out.page("/atom.xml"));
}

#[test]
fn every_feed_is_well_formed_atom_with_absolute_urls_only() {
    let site = Site::fixture("site");
    let out = site.build().out;
    let feeds = all_feeds(&out);
    assert_eq!(feeds.len(), 6, "{feeds:?}");
    for url in feeds {
        let root = feed(&out, &url);
        assert_eq!(root.name, "feed", "{url}");
        assert_eq!(
            root.attribute("xmlns"),
            Some(ATOM),
            "{url} is in the Atom namespace"
        );
        assert_eq!(root.child("id").text(), format!("{BASE}{url}"), "{url} id");
        let this = root
            .all("link")
            .find(|l| l.attribute("rel") == Some("self"))
            .and_then(|l| l.attribute("href"));
        assert_eq!(
            this,
            Some(format!("{BASE}{url}").as_str()),
            "{url} self link"
        );
        assert!(!root.child("title").text().is_empty());
        assert!(!root.child("updated").text().is_empty());
        for entry in root.all("entry") {
            for required in ["id", "title", "updated", "published", "summary", "content"] {
                assert!(
                    entry.all(required).next().is_some(),
                    "{url}: an entry has <{required}>"
                );
            }
            for link in entry.all("link") {
                let href = link.attribute("href").unwrap_or_default();
                assert!(href.starts_with(BASE), "{url}: entry link {href}");
            }
            // The HTML inside summary and content, once unescaped, has no
            // site-relative or fragment-only URLs: readers show it away from the site.
            for part in ["summary", "content"] {
                let html_text = entry.child(part).text();
                assert_eq!(entry.child(part).attribute("type"), Some("html"));
                for (_, reference) in html::references(&html_text) {
                    assert!(
                        reference.starts_with("https://") || reference.starts_with("http://"),
                        "{url}: {part} links to {reference:?}, which is not absolute"
                    );
                }
                assert!(
                    !html_text.contains("href=\"/"),
                    "{url}: {part} has href=\"/"
                );
                assert!(!html_text.contains("src=\"/"), "{url}: {part} has src=\"/");
            }
        }
    }
}

#[test]
fn feed_links_inside_content_point_at_the_site() {
    let site = Site::fixture("site");
    // hong-kong-rally links to ../09/foundry-expansion.md#capacity; it is too old for
    // the site's feed (feed_limit = 3) but in Huawei's.
    let out = site.build().out;
    let huawei = feed(&out, "/companies/huawei/atom.xml");
    let rally = huawei
        .all("entry")
        .find(|e| e.child("title").text() == "Hong Kong chip stocks rally")
        .expect("Huawei's feed holds the rally");
    let content = rally.child("content").text();
    assert!(
        content.contains(&format!(
            "href=\"{BASE}/2024/09/foundry-expansion/#capacity\""
        )),
        "{content}"
    );
}

#[test]
fn feeds_are_newest_first_and_hold_at_most_feed_limit_entries() {
    let site = Site::fixture("site");
    let out = site.build().out;
    // Six briefings, feed_limit = 3.
    assert_eq!(
        entry_links(&feed(&out, "/atom.xml")),
        [
            format!("{BASE}/2024/10/micron-results/"),
            format!("{BASE}/2024/10/ascend-roadmap/"),
            format!("{BASE}/2024/10/smic-jumps-11/"),
        ]
    );
    // SMIC is named by five: its feed holds its newest three.
    assert_eq!(
        entry_links(&feed(&out, "/companies/smic/atom.xml")),
        [
            format!("{BASE}/2024/10/micron-results/"),
            format!("{BASE}/2024/10/ascend-roadmap/"),
            format!("{BASE}/2024/10/smic-jumps-11/"),
        ]
    );
    // Micron's and the US stack's feeds hold their own two briefings only.
    let micron = [
        format!("{BASE}/2024/10/micron-results/"),
        format!("{BASE}/2024/09/memory-prices/"),
    ];
    assert_eq!(
        entry_links(&feed(&out, "/companies/micron/atom.xml")),
        micron
    );
    assert_eq!(entry_links(&feed(&out, "/ecosystems/us/atom.xml")), micron);
    assert_eq!(
        entry_links(&feed(&out, "/companies/huawei/atom.xml")),
        [
            format!("{BASE}/2024/10/ascend-roadmap/"),
            format!("{BASE}/2024/10/hong-kong-rally/"),
        ]
    );
    for url in all_feeds(&out) {
        let root = feed(&out, &url);
        let published: Vec<String> = root
            .all("entry")
            .map(|e| e.child("published").text())
            .collect();
        let mut newest_first = published.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        assert_eq!(published, newest_first, "{url} is newest first");
    }
}

#[test]
fn feed_entries_carry_the_full_content_and_the_summary() {
    let site = Site::fixture("site");
    let out = site.build().out;
    let root = feed(&out, "/companies/smic/atom.xml");
    let micron = root
        .all("entry")
        .find(|e| e.child("title").text() == "Micron beats on record data-centre demand")
        .expect("the Micron entry");
    let content = micron.child("content").text();
    assert!(content.contains("<p>Micron reported a record quarter on data-centre memory.</p>"));
    assert!(content.contains("<p>SMIC slipped in Hong Kong as investors rotated into memory.</p>"));
    // A front-matter summary is Markdown, with the body's smart punctuation.
    assert_eq!(
        micron.child("summary").text().trim(),
        "<p>Micron’s quarter beats forecasts; SMIC slips in sympathy.</p>"
    );
    // Without a summary in the front matter, the summary is the first paragraph, and
    // the content is still the whole text.
    let site_feed = feed(&out, "/companies/micron/atom.xml");
    let memory = site_feed
        .all("entry")
        .find(|e| e.child("title").text() == "Memory prices keep climbing")
        .expect("the memory entry");
    let summary = memory.child("summary").text();
    assert!(summary.contains("Contract prices for server memory rose again"));
    assert!(!summary.contains("Analysts expect"));
    assert!(
        memory
            .child("content")
            .text()
            .contains("Analysts expect the climb")
    );
    // Entries name their ecosystems and companies as categories.
    let terms: Vec<&str> = micron
        .all("category")
        .filter_map(|c| c.attribute("term"))
        .collect();
    assert_eq!(terms, ["us", "china", "MU", "0981.HK"]);
}

#[test]
fn a_feed_stays_well_formed_when_a_briefing_holds_control_characters() {
    let site = Site::fixture("site");
    // A form feed and an escape, as text pasted from a PDF or a terminal can carry:
    // fine in Markdown, but not allowed anywhere in an XML 1.0 document.
    site.append(
        "content/2024/10/micron-results.md",
        "\nPasted from the filing:\u{c} page two \u{1b}[0m.\n",
    );
    let out = site.build().out;
    for url in [
        "/atom.xml",
        "/companies/micron/atom.xml",
        "/ecosystems/us/atom.xml",
    ] {
        let text = out.page(url);
        if let Err(e) = xml::parse(&text) {
            panic!("{url} is not well-formed XML: {e}");
        }
    }
}

#[test]
fn characters_xml_forbids_never_reach_a_feed_or_the_sitemap() {
    let site = Site::fixture("site");
    // Noncharacters and controls in the title, the author, the summary and the body, as
    // pasted from a PDF.
    let pasted = "+++\ntitle = \"Pasted \u{FFFF}from a PDF\\u0001\"\ndate = 2024-10-20T09:00:00Z\n\
                  author = \"Desk\u{FFFE}\"\nsummary = \"Summary\\u0007 with a bell\"\n\
                  ecosystem = \"us\"\ntickers = [\"MU\"]\n+++\n\n\
                  Page one\u{C}page two\u{0}, a \u{FDD0} and a \u{9F} and a \u{1FFFF}.\n";
    site.write("content/2024/10/pasted.md", pasted);
    let out = site.build().out;
    let mut urls = all_feeds(&out);
    urls.push("/sitemap.xml".to_string());
    for url in urls {
        let text = out.page(&url);
        if let Err(e) = xml::parse(&text) {
            panic!("{url} is not well-formed XML: {e}");
        }
    }
    let feed = feed(&out, "/atom.xml");
    let entry = feed
        .all("entry")
        .find(|e| e.child("title").text() == "Pasted from a PDF")
        .expect("the pasted briefing, its title without the bad characters");
    assert_eq!(entry.child("author").child("name").text(), "Desk");
    assert!(entry.child("content").text().contains("Page onepage two"));
}
