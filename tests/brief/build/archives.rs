//! Archives (fixture `archives`): a page for every year, month and day with published
//! briefings, as days fall in the site's timezone (Asia/Hong_Kong), each linking to the
//! one before and after; in the sitemap; reached from an article's date and the footer.
//! An article whose URL is an archive's is an error naming the file.

use crate::support::{Site, html};

/// Every archive page the fixture has, and no other.
const ARCHIVE_URLS: &[&str] = &[
    "/2024/",
    "/2024/11/",
    "/2024/11/20/",
    "/2024/12/",
    "/2024/12/30/",
    "/2025/",
    "/2025/01/",
    "/2025/01/06/",
    "/2025/10/",
    // Five briefings in October 2025 at three a page.
    "/2025/10/page/2/",
    "/2025/10/01/",
    "/2025/10/02/",
    "/2025/10/06/",
];

/// The archive pages among the files of a build: a year, month or day folder, or a
/// page of one.
fn archive_urls(files: &[String]) -> Vec<String> {
    let mut urls: Vec<String> = files
        .iter()
        .filter_map(|f| f.strip_suffix("index.html"))
        .filter(|folder| {
            let parts: Vec<&str> = folder.trim_end_matches('/').split('/').collect();
            let dated = parts
                .iter()
                .take_while(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty())
                .count();
            (1..=3).contains(&dated)
                && (dated == parts.len() || (parts.len() == dated + 2 && parts[dated] == "page"))
        })
        .map(|folder| format!("/{folder}"))
        .collect();
    urls.sort();
    urls
}

fn sorted(urls: &[&str]) -> Vec<String> {
    let mut urls: Vec<String> = urls.iter().map(|u| u.to_string()).collect();
    urls.sort();
    urls
}

/// The `href`s of the links with `rel` (`prev` or `next`) on a page.
fn rel(page: &str, rel: &str) -> Vec<String> {
    html::tags(page)
        .into_iter()
        .filter(|t| t.name == "a" && t.get("rel") == Some(rel))
        .filter_map(|t| t.get("href").map(str::to_string))
        .collect()
}

/// The titles' links of the briefing cards on a page, in order.
fn cards(page: &str) -> Vec<String> {
    html::tags(page)
        .windows(2)
        .filter(|w| w[0].get("class") == Some("card-title") && w[1].name == "a")
        .filter_map(|w| w[1].get("href").map(str::to_string))
        .collect()
}

/// The page's `<main>` element.
fn main(page: &str) -> &str {
    let start = page.find("<main").expect("a main element");
    let end = page.find("</main>").expect("the end of main") + "</main>".len();
    &page[start..end]
}

#[test]
fn every_year_month_and_day_with_published_briefings_has_a_page_and_no_other() {
    let site = Site::fixture("archives");
    let built = site.build();
    // No page for the draft's day (3 October), the far-future briefing's year, or the
    // day of the dated About page (4 October): drafts, briefings not yet due and pages
    // are in no archive.
    assert_eq!(archive_urls(&built.out.files()), sorted(ARCHIVE_URLS));

    let with_drafts = site.build_with(&["--drafts", "--output", "with-drafts"]);
    let urls = archive_urls(&with_drafts.out.files());
    assert!(urls.contains(&"/2025/10/03/".to_string()), "{urls:?}");
    assert!(!urls.contains(&"/2025/10/04/".to_string()), "{urls:?}");
}

#[test]
fn a_briefing_at_2330_utc_is_on_the_next_days_page_in_hong_kong() {
    let site = Site::fixture("archives");
    let built = site.build();
    let late = "/2025/10/late-night/";
    assert!(cards(&built.out.page("/2025/10/02/")).contains(&late.to_string()));
    assert!(!cards(&built.out.page("/2025/10/01/")).contains(&late.to_string()));
    // And its own page says so: its date links to 2 October.
    let article = built.out.page(late);
    let byline = html::section(&article, "p", "byline").expect("a byline");
    assert!(
        byline.contains(r#"<a href="/2025/10/02/"><time datetime="2025-10-02T07:30:00+08:00">2 October 2025, 07:30 HKT</time></a>"#),
        "{byline}"
    );
}

#[test]
fn a_day_page_lists_its_three_briefings_newest_first() {
    let site = Site::fixture("archives");
    let built = site.build();
    let page = built.out.page("/2025/10/02/");
    assert_eq!(
        cards(&page),
        [
            "/2025/10/memory-deal/",
            "/2025/10/rally/",
            "/2025/10/late-night/"
        ]
    );
    assert_snapshot!(main(&page));
}

#[test]
fn each_archive_links_to_the_one_before_and_after_with_briefings() {
    let site = Site::fixture("archives");
    let built = site.build();
    let links = |url: &str| {
        let page = built.out.page(url);
        (rel(&page, "prev"), rel(&page, "next"))
    };
    let none = Vec::<String>::new;
    let one = |url: &str| vec![url.to_string()];
    // Years: 2024 is the first.
    assert_eq!(links("/2024/"), (none(), one("/2025/")));
    assert_eq!(links("/2025/"), (one("/2024/"), none()));
    // Months skip the months without briefings, across years.
    assert_eq!(links("/2024/12/"), (one("/2024/11/"), one("/2025/01/")));
    assert_eq!(links("/2025/01/"), (one("/2024/12/"), one("/2025/10/")));
    // Days skip the days without published briefings (the draft's 3 October).
    assert_eq!(
        links("/2025/10/02/"),
        (one("/2025/10/01/"), one("/2025/10/06/"))
    );
    assert_eq!(links("/2025/10/06/"), (one("/2025/10/02/"), none()));
    assert_eq!(links("/2024/11/20/"), (none(), one("/2024/12/30/")));

    // A month of two pages: rel="prev"/"next" are its pages; the months before and
    // after are still linked, without them.
    let october = built.out.page("/2025/10/");
    assert_eq!(rel(&october, "next"), ["/2025/10/page/2/"]);
    assert!(rel(&october, "prev").is_empty());
    let neighbours = html::section(&october, "nav", "neighbours").expect("neighbours");
    assert!(
        neighbours.contains(r#"<a href="/2025/01/">"#),
        "{neighbours}"
    );
    assert!(neighbours.contains("Previous month"), "{neighbours}");
}

#[test]
fn a_year_lists_its_months_and_their_days_with_counts() {
    let site = Site::fixture("archives");
    let built = site.build();
    let year = built.out.page("/2025/");
    let links: Vec<String> = html::references(main(&year))
        .into_iter()
        .filter(|(tag, href)| tag == "a" && href.starts_with("/2025/"))
        .map(|(_, href)| href)
        .collect();
    assert_eq!(
        links,
        [
            "/2025/10/",
            "/2025/10/06/",
            "/2025/10/02/",
            "/2025/10/01/",
            "/2025/01/",
            "/2025/01/06/",
        ]
    );
    let text = html::decode_entities(&year);
    assert!(text.contains("6 briefings in 2 months."), "{text}");
    assert!(
        text.contains(r#"<time datetime="2025-10-02">Thu 2</time><span class="visually-hidden"> October 2025,</span> <span class="archive-count">3<span class="visually-hidden"> briefings</span></span>"#),
        "a day's count is read out as briefings: {text}"
    );
}

#[test]
fn a_month_shows_one_page_of_its_briefings_under_their_days() {
    let site = Site::fixture("archives");
    let built = site.build();
    let first = built.out.page("/2025/10/");
    assert_eq!(
        cards(&first),
        [
            "/2025/10/after/",
            "/2025/10/memory-deal/",
            "/2025/10/rally/"
        ]
    );
    let second = built.out.page("/2025/10/page/2/");
    assert_eq!(cards(&second), ["/2025/10/late-night/", "/2025/10/eve/"]);
    // 2 October continues on page 2, under its heading again.
    let days = |page: &str| -> Vec<String> {
        html::tags(page)
            .windows(2)
            .filter(|w| w[0].get("class") == Some("archive-day-title"))
            .filter_map(|w| w[1].get("href").map(str::to_string))
            .collect()
    };
    assert_eq!(days(&first), ["/2025/10/06/", "/2025/10/02/"]);
    assert_eq!(days(&second), ["/2025/10/02/", "/2025/10/01/"]);
    assert!(second.contains("<title>Briefings in October 2025, page 2 · Archive Wire</title>"));
}

#[test]
fn archives_are_in_the_sitemap_and_the_footer_links_every_year() {
    let site = Site::fixture("archives");
    let built = site.build();
    let sitemap = built.out.page("/sitemap.xml");
    for url in ARCHIVE_URLS {
        let loc = format!("<loc>https://archives.example.org{url}</loc>");
        assert!(sitemap.contains(&loc), "{loc} in the sitemap:\n{sitemap}");
    }
    let home = built.out.page("/");
    let footer = html::section(&home, "nav", "footer-archive").expect("the footer's archive");
    let years: Vec<String> = html::references(footer)
        .into_iter()
        .map(|(_, href)| href)
        .collect();
    assert_eq!(years, ["/2025/", "/2024/"]);
    // On a year's own page, its link is the current one.
    let year = built.out.page("/2024/");
    let footer = html::section(&year, "nav", "footer-archive").unwrap();
    assert!(footer.contains(r#"<a href="/2024/" aria-current="page">2024</a>"#));
}

#[test]
fn archive_links_carry_the_base_urls_path() {
    let site = Site::fixture("archives");
    let built = site.build_with(&["--base-url", "https://example.org/wire/"]);
    let day = built.out.page("/2025/10/02/");
    assert_eq!(rel(&day, "prev"), ["/wire/2025/10/01/"]);
    let article = built.out.page("/2025/10/rally/");
    assert!(article.contains(r#"<a href="/wire/2025/10/02/"><time"#));
}

#[test]
fn an_article_at_an_archives_url_is_an_error_naming_the_file() {
    let site = Site::fixture("archives");
    // A briefing named after its day: its URL is the day's archive.
    site.write(
        "content/2025/10/02.md",
        "+++\ntitle = \"The day\"\ndate = 2025-10-02T12:00:00+08:00\n+++\n\nText.\n",
    );
    // A page at the URL of a month with briefings.
    site.write(
        "content/2025/01.md",
        "+++\ntitle = \"January\"\nkind = \"page\"\n+++\n\nText.\n",
    );
    let stderr = site.build_fails(&[]);
    assert_snapshot!(stderr);

    // With a slug, the briefing moves off its day's URL; a month without briefings
    // is no archive, so a page may have its URL.
    std::fs::remove_file(site.path("content/2025/01.md")).unwrap();
    site.write(
        "content/2025/10/02.md",
        "+++\ntitle = \"The day\"\ndate = 2025-10-02T12:00:00+08:00\nslug = \"the-day\"\n+++\n\nText.\n",
    );
    site.write(
        "content/2025/07.md",
        "+++\ntitle = \"July\"\nkind = \"page\"\n+++\n\nNo briefings in July.\n",
    );
    let built = site.build();
    assert!(
        built
            .out
            .page("/2025/07/")
            .contains("No briefings in July.")
    );
    assert!(cards(&built.out.page("/2025/10/02/")).contains(&"/2025/10/the-day/".to_string()));
}

/// The rows of a day's board: each table's caption, then per row the company, the
/// ticker, what the move says aloud and the briefing it links to.
fn board(page: &str) -> Vec<(String, Vec<String>)> {
    let Some(board) = html::section(page, "section", "board") else {
        return Vec::new();
    };
    board
        .split("<table")
        .skip(1)
        .map(|table| {
            let caption = table
                .split("<caption>")
                .nth(1)
                .and_then(|c| c.split("</caption>").next())
                .unwrap_or_default();
            let rows = table
                .split("<tr>")
                .skip(2)
                .map(|row| {
                    let text: Vec<String> = html::tags(row)
                        .into_iter()
                        .filter(|t| t.name == "a")
                        .filter_map(|t| t.get("href").map(str::to_string))
                        .collect();
                    let ticker = row
                        .split("class=\"ticker\">")
                        .nth(1)
                        .and_then(|t| t.split('<').next())
                        .unwrap_or("");
                    let spoken = row
                        .split("<span class=\"move ")
                        .nth(1)
                        .and_then(|m| m.split("<span class=\"visually-hidden\">").nth(1))
                        .and_then(|t| t.split('<').next())
                        .unwrap_or("");
                    format!("{} {ticker} {spoken} {}", text[0], text[1])
                })
                .collect();
            (html::decode_entities(caption), rows)
        })
        .collect()
}

#[test]
fn a_days_board_shows_every_move_its_briefings_report_by_ecosystem() {
    let site = Site::fixture("archives");
    let built = site.build();
    let day = built.out.page("/2025/10/02/");
    let rows = |rows: &[&str]| rows.iter().map(|r| r.to_string()).collect::<Vec<_>>();
    assert_eq!(
        board(&day),
        [
            (
                r#"<a href="/ecosystems/china/">China's domestic stack</a>"#.to_string(),
                rows(&["/companies/smic/ 0981.HK up 10.9 percent /2025/10/rally/"])
            ),
            (
                r#"<a href="/ecosystems/us/">The US stack</a>"#.to_string(),
                // Written `mu`: shown as the company lists it.
                rows(&["/companies/micron/ MU down 1.2 percent /2025/10/memory-deal/"])
            ),
            (
                r#"<a href="/ecosystems/allies/">US-aligned Asia</a>"#.to_string(),
                // The late-night briefing is 2 October's in the site's time zone, and
                // its move (of Seoul's 1 October session) is on its day's board.
                rows(&[
                    "/companies/sk-hynix/ 000660.KS up 12.0 percent /2025/10/memory-deal/",
                    "/companies/sk-hynix/ 000660.KS up 3.1 percent /2025/10/late-night/"
                ])
            ),
            (
                "Companies in no ecosystem".to_string(),
                // Largest rise first, though the flat move's briefing is the newer.
                rows(&[
                    "/companies/asml/ ASML up 4.0 percent /2025/10/rally/",
                    "/companies/asml/ ASML unchanged, 0.0 percent /2025/10/memory-deal/"
                ])
            ),
        ]
    );
    // The sign is in the text, the close with its currency.
    assert!(day.contains(r#"<span aria-hidden="true">▲ 12.0 %</span>"#));
    assert!(day.contains(r#"<span aria-hidden="true">▼ 1.2 %</span>"#));
    assert!(day.contains("<td class=\"num\">395,500 KRW</td>"));

    // A move of another trading day says which, and it is on no other day's board.
    assert!(day.contains(
        r#"<span class="sub board-traded">Trading of <time datetime="2025-10-01">1 October 2025</time></span>"#
    ));
    assert_eq!(day.matches("board-traded").count(), 1, "{day}");
    assert_eq!(
        board(&built.out.page("/2025/10/01/")),
        [(
            r#"<a href="/ecosystems/us/">The US stack</a>"#.to_string(),
            rows(&["/companies/micron/ MU up 2.5 percent /2025/10/eve/"])
        )]
    );
    // A day without moves has no board.
    let quiet = built.out.page("/2025/10/06/");
    assert!(board(&quiet).is_empty());
    assert!(!quiet.contains("The day’s moves"));
}

#[test]
fn a_day_of_two_pages_shows_its_whole_board_on_the_first_and_none_on_the_second() {
    let site = Site::fixture("archives");
    site.replace("site.toml", "per_page = 3", "per_page = 2");
    let built = site.build();
    let first = built.out.page("/2025/10/02/");
    let second = built.out.page("/2025/10/02/page/2/");
    // The late-night briefing is the oldest of the three, so it is on page 2, and its
    // move is still on the board of page 1 with the other briefings' moves.
    assert_eq!(cards(&first).len(), 2, "{first}");
    assert_eq!(cards(&second), ["/2025/10/late-night/"]);
    let rows: Vec<String> = board(&first).into_iter().flat_map(|(_, r)| r).collect();
    assert_eq!(rows.len(), 6, "{rows:?}");
    assert!(
        rows.iter().any(|r| r.ends_with("/2025/10/late-night/")),
        "{rows:?}"
    );
    assert!(board(&second).is_empty());
    assert!(!second.contains("The day’s moves"));
}
