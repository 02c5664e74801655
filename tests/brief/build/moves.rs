//! What a reader sees of `[moves]` (fixture `moves`; its figures are made up for the
//! test): each company chip shows its move, the sign in the text and the words a
//! screen reader says, on the article, on every card and in every feed.

use crate::support::xml::{self, Element};
use crate::support::{Out, Site, html};

/// One company chip: where it links, what it shows, and what a screen reader says
/// (its text without what is hidden from it).
#[derive(Debug, PartialEq)]
struct Chip {
    href: String,
    shown: String,
    spoken: String,
}

/// The text of `html` without the elements that open with `open` (not nested).
fn without(html: &str, open: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</span>").expect("a closed span") + start;
        rest = &rest[end + "</span>".len()..];
    }
    out.push_str(rest);
    out
}

/// The chips of the first `ul.chips` in `html`.
fn chips(html: &str) -> Vec<Chip> {
    let list = html::section(html, "ul", "chips").expect("a list of chips");
    list.split("<a class=\"chip\" href=\"")
        .skip(1)
        .map(|chip| {
            let (href, rest) = chip.split_once('"').unwrap();
            let inner = &rest[1..rest.find("</a>").unwrap()];
            Chip {
                href: href.to_string(),
                shown: html::plain_text(&without(inner, "<span class=\"visually-hidden\">")),
                spoken: html::plain_text(&without(inner, "<span aria-hidden=\"true\">")),
            }
        })
        .collect()
}

fn chip(href: &str, shown: &str, spoken: &str) -> Chip {
    Chip {
        href: href.to_string(),
        shown: shown.to_string(),
        spoken: spoken.to_string(),
    }
}

/// The chips of rally.md: the ticker of each of SMIC's two moves is said, a private
/// company's flat move has a neutral sign, a company without a move shows none.
fn rally_chips() -> Vec<Chip> {
    vec![
        chip(
            "/companies/smic/",
            "SMIC 0981.HK ▲ 10.9 % 688981.SS ▲ 8.3 %",
            "SMIC 0981.HK up 10.9 percent 688981.SS up 8.3 percent",
        ),
        chip(
            "/companies/hua-hong/",
            "Hua Hong 1347.HK ▲ 7.0 %",
            "Hua Hong 1347.HK up 7.0 percent",
        ),
        chip(
            "/companies/huawei/",
            "Huawei ◆ 0.0 %",
            "Huawei unchanged, 0.0 percent",
        ),
        chip(
            "/companies/0700-hk/",
            "0700.HK ▼ 1.2 %",
            "0700.HK down 1.2 percent",
        ),
    ]
}

/// The card of `url` on a list page.
fn card<'a>(page: &'a str, url: &str) -> &'a str {
    // A company page links its briefings from its chart's table too: look in cards only.
    let link = format!("<a href=\"{url}\">");
    page.match_indices("<article class=\"card")
        .map(|(start, _)| {
            let end = page[start..].find("</article>").unwrap() + start;
            &page[start..end]
        })
        .find(|card| card.contains(&link))
        .unwrap_or_else(|| no_card(url, page))
}

fn no_card(url: &str, page: &str) -> ! {
    panic!("no card of {url} in:\n{page}")
}

#[test]
fn every_chip_shows_its_move_with_a_sign_in_the_text_and_words_for_screen_readers() {
    let site = Site::fixture("moves");
    let out = site.build().out;
    let article = out.page("/rally/");
    let header = html::section(&article, "header", "briefing-head").expect("a header");
    assert_eq!(chips(header), rally_chips(), "the article's header");
    // The sign and number are hidden from screen readers, which say the words.
    assert!(header.contains("<span aria-hidden=\"true\">▲ 10.9 %</span><span class=\"visually-hidden\">up 10.9 percent</span>"), "{header}");
    // The colour repeats the direction: a class a stylesheet can colour.
    assert!(header.contains("class=\"chip-move move-down\""), "{header}");
    assert!(header.contains("class=\"chip-move move-flat\""), "{header}");
    // Every card of the briefing: home, each company, its ecosystem.
    for list in [
        "/",
        "/companies/smic/",
        "/companies/0700-hk/",
        "/ecosystems/china/",
    ] {
        assert_eq!(
            chips(card(&out.page(list), "/rally/")),
            rally_chips(),
            "{list}"
        );
    }
    // The YAML briefing's move, with a close and a trading day of its own.
    let memory = chips(card(&out.page("/ecosystems/korea/"), "/memory/"));
    assert_eq!(
        memory,
        [chip(
            "/companies/sk-hynix/",
            "SK Hynix 000660.KS ▲ 12.0 %",
            "SK Hynix 000660.KS up 12.0 percent"
        )]
    );
}

fn feed(out: &Out, url: &str) -> Element {
    xml::parse(&out.page(url)).unwrap_or_else(|e| panic!("{url}: {e}"))
}

/// The text of an entry's `summary` or `content` (`what`), as HTML.
fn entry_html(feed: &Element, title: &str, what: &str) -> String {
    feed.all("entry")
        .find(|e| e.child("title").text() == title)
        .unwrap_or_else(|| panic!("no entry {title}"))
        .child(what)
        .text()
}

#[test]
fn feed_entries_carry_the_moves_in_their_text() {
    let site = Site::fixture("moves");
    let out = site.build().out;
    let moves = "<ul class=\"moves\">\
        <li>SMIC 0981.HK ▲ 10.9 %</li>\
        <li>SMIC 688981.SS ▲ 8.3 %</li>\
        <li>Hua Hong 1347.HK ▲ 7.0 %</li>\
        <li>Huawei ◆ 0.0 %</li>\
        <li>0700.HK ▼ 1.2 %, close 640.5 HKD</li>\
        </ul>\n";
    for url in [
        "/atom.xml",
        "/companies/hua-hong/atom.xml",
        "/ecosystems/china/atom.xml",
    ] {
        let feed = feed(&out, url);
        for what in ["summary", "content"] {
            let html = entry_html(&feed, "Hong Kong chip stocks rally", what);
            assert!(html.starts_with(moves), "{url} {what}: {html}");
        }
    }
    // A trading day other than the briefing's own (2 October) is said.
    let memory = entry_html(
        &feed(&out, "/atom.xml"),
        "SK Hynix on the Stargate deal",
        "summary",
    );
    assert!(
        memory.starts_with("<ul class=\"moves\"><li>SK Hynix 000660.KS ▲ 12.0 %, close 395500 KRW on 1 October 2025</li></ul>"),
        "{memory}"
    );
}
