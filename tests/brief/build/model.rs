//! What the model decides: which company a ticker means (fixture `tickers`), pages for
//! tickers no company lists, the tickers `[moves]` names (fixture `moves`), and the
//! links between briefings (fixture `related`).

use crate::support::{Site, html};

/// The title links of the briefing cards on a page, in order.
fn card_urls(page: &str) -> Vec<String> {
    html::tags(page)
        .windows(2)
        .filter(|w| w[0].get("class") == Some("card-title"))
        .filter_map(|w| w[1].get("href").map(str::to_string))
        .collect()
}

#[test]
fn tickers_match_registered_listings_whatever_their_case() {
    let site = Site::fixture("tickers");
    let out = site.build().out;
    // "0981.hk" and "688981.ss" are SMIC's listings; "0981.HK" too.
    assert_eq!(
        card_urls(&out.page("/companies/smic/")),
        ["/typo/", "/lower-case/"]
    );
    assert!(
        !out.has("/companies/0981-hk/"),
        "no page of its own for a listed ticker"
    );
    assert!(!out.has("/companies/688981-ss/"));
    let chips = html::section(&out.page("/lower-case/"), "ul", "chips")
        .expect("company chips")
        .to_string();
    assert_eq!(
        chips.matches("href=\"/companies/smic/\"").count(),
        1,
        "two listings of one company make one chip: {chips}"
    );
}

#[test]
fn a_private_company_is_named_by_its_key() {
    let site = Site::fixture("tickers");
    let out = site.build().out;
    // tickers = ["Huawei"] names [companies.huawei], which has no listing.
    assert_eq!(
        card_urls(&out.page("/companies/huawei/")),
        ["/private-company/"]
    );
    assert!(out.page("/companies/huawei/").contains("Private company"));
}

#[test]
fn an_unregistered_ticker_gets_its_own_page_and_a_warning_with_file_line_and_closest_ticker() {
    let site = Site::fixture("tickers");
    let built = site.build();
    let page = built.out.page("/companies/0918-hk/");
    assert!(page.contains("<h1>0918.HK</h1>"));
    assert!(page.contains("Not in the registry"));
    assert_eq!(card_urls(&page), ["/typo/"]);
    assert!(built.out.has("/companies/0918-hk/atom.xml"));
    assert!(
        built
            .out
            .page("/companies/")
            .contains("href=\"/companies/0918-hk/\"")
    );
    // The warning names content/typo.md, line 6 (where "0918.HK" is written), the
    // ticker, and the closest registered ticker, 0981.HK.
    assert_snapshot!(built.stderr);
    assert!(built.stderr.starts_with("content/typo.md:6:"));
}

#[test]
fn a_ticker_with_a_move_is_named_by_the_briefing_even_when_tickers_leaves_it_out() {
    let site = Site::fixture("moves");
    let built = site.build();
    let out = &built.out;
    // rally.md lists only 0981.HK in `tickers`; [moves] names "1347.hk" (any case),
    // Huawei (a private company's key) and 0700.HK (no company lists it).
    assert_eq!(card_urls(&out.page("/companies/hua-hong/")), ["/rally/"]);
    assert!(
        out.page("/companies/hua-hong/atom.xml")
            .contains("Hong Kong chip stocks rally"),
        "the company's feed has it too"
    );
    assert_eq!(card_urls(&out.page("/companies/huawei/")), ["/rally/"]);
    assert_eq!(card_urls(&out.page("/companies/0700-hk/")), ["/rally/"]);
    // The YAML briefing names SK Hynix by its move alone.
    assert_eq!(card_urls(&out.page("/companies/sk-hynix/")), ["/memory/"]);
    let chips = html::section(&out.page("/rally/"), "ul", "chips")
        .expect("company chips")
        .to_string();
    for company in ["smic", "hua-hong", "huawei", "0700-hk"] {
        assert!(
            chips.contains(&format!("href=\"/companies/{company}/\"")),
            "{company} in {chips}"
        );
    }
    // The warning about a ticker no company lists points at its move.
    assert!(
        built.stderr.starts_with(
            "content/rally.md:12:1: warning: ticker `0700.HK` is not listed by any company"
        ),
        "{}",
        built.stderr
    );
}

#[test]
fn unregistered_tickers_whose_urls_collide_are_refused_rather_than_numbered() {
    // Numbering them (0918-hk, 0918-hk-2) let a page's URL change owner when a newer
    // briefing used another spelling; each later spelling is an error at its column.
    let site = Site::fixture("tickers");
    site.write(
        "content/collisions.md",
        "+++\ntitle = \"Four spellings\"\ndate = 2024-10-04T09:00:00Z\n\
         tickers = [\"0918.HK\", \"0918-HK\", \"0918_HK\", \"0918 HK\"]\n+++\n\nFour tickers no company lists.\n",
    );
    let stderr = site.build_fails(&[]);
    let places: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(": error: ticker"))
        .map(|l| l.split(": error: ").next().unwrap())
        .collect();
    assert_eq!(
        places,
        [
            "content/collisions.md:4:23",
            "content/collisions.md:4:34",
            "content/collisions.md:4:45",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("ticker `0918-HK` would have the URL /companies/0918-hk/, which ticker `0918.HK` has already"),
        "{stderr}"
    );
}

fn neighbours(page: &str) -> (Option<String>, Option<String>) {
    let tags = html::tags(page);
    let rel = |rel: &str| {
        tags.iter()
            .find(|t| t.name == "a" && t.get("rel") == Some(rel))
            .and_then(|t| t.get("href").map(str::to_string))
    };
    (rel("prev"), rel("next"))
}

/// The related briefings of an article page, in order.
fn related(page: &str) -> Vec<String> {
    html::section(page, "section", "related").map_or_else(Vec::new, card_urls)
}

#[test]
fn previous_and_next_link_the_neighbouring_briefings_by_date() {
    let site = Site::fixture("related");
    let out = site.build().out;
    let s = |v: &str| Some(v.to_string());
    assert_eq!(neighbours(&out.page("/a-oldest/")), (None, s("/b-memory/")));
    assert_eq!(
        neighbours(&out.page("/b-memory/")),
        (s("/a-oldest/"), s("/c-middle/"))
    );
    assert_eq!(
        neighbours(&out.page("/c-middle/")),
        (s("/b-memory/"), s("/d-smic/"))
    );
    assert_eq!(
        neighbours(&out.page("/d-smic/")),
        (s("/c-middle/"), s("/e-newest/"))
    );
    assert_eq!(neighbours(&out.page("/e-newest/")), (s("/d-smic/"), None));
}

#[test]
fn related_briefings_share_the_most_companies_newest_first() {
    let site = Site::fixture("related");
    let out = site.build().out;
    // C names SMIC, Huawei and Micron: A shares two of them, D and B one each (D is
    // newer); E shares none.
    assert_eq!(
        related(&out.page("/c-middle/")),
        ["/a-oldest/", "/d-smic/", "/b-memory/"]
    );
    assert_eq!(related(&out.page("/a-oldest/")), ["/c-middle/", "/d-smic/"]);
    assert_eq!(related(&out.page("/b-memory/")), ["/c-middle/"]);
    assert_eq!(related(&out.page("/d-smic/")), ["/c-middle/", "/a-oldest/"]);
    assert_eq!(related(&out.page("/e-newest/")), Vec::<String>::new());
}
