//! Archives under `brief serve`: an edit that changes a briefing's date moves it
//! between day, month and year pages at once, as a build would place it.

use crate::support::serve::{Served, Site};

/// The `href` of the first link with `rel` on a page.
fn rel(page: &str, rel: &str) -> Option<String> {
    crate::support::html::tags(page)
        .into_iter()
        .find(|t| t.name == "a" && t.get("rel") == Some(rel))
        .and_then(|t| t.get("href").map(str::to_string))
}

#[test]
fn a_new_date_moves_the_briefing_between_archive_pages() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    let rally = "Hong Kong chip stocks rally";
    served.wait_for_text("/2025/10/02/", rally);
    let first = served.get("/2025/10/01/");
    assert!(first.body.contains("Memory prices climb"));
    assert!(!first.body.contains(rally));
    assert!(rel(&first.body, "next").is_some_and(|href| href.ends_with("/2025/10/02/")));

    // To the day before: 2 October has no briefings left, so no page.
    site.replace(
        "content/2025/10/rally.md",
        "2025-10-02T09:30:00+08:00",
        "2025-10-01T08:00:00+08:00",
    );
    served.wait_for_text("/2025/10/01/", rally);
    assert_eq!(served.get("/2025/10/02/").status, 404);
    let first = served.get("/2025/10/01/");
    assert_eq!(rel(&first.body, "next"), None);

    // To another month: its day, month and year pages show it, and the days and
    // months before link to it.
    site.replace(
        "content/2025/10/rally.md",
        "2025-10-01T08:00:00+08:00",
        "2025-11-05T08:00:00+08:00",
    );
    served.wait_for_text("/2025/11/05/", rally);
    served.wait_for_text("/2025/11/", rally);
    let year = served.wait_for_text("/2025/", "November");
    assert!(
        year.body.contains("2 briefings in 2 months."),
        "{}",
        year.body
    );
    let first = served.get("/2025/10/01/");
    assert!(!first.body.contains(rally));
    assert!(rel(&first.body, "next").is_some_and(|href| href.ends_with("/2025/11/05/")));
    let october = served.get("/2025/10/");
    assert!(rel(&october.body, "next").is_some_and(|href| href.ends_with("/2025/11/")));
    // The briefing's own page links to its new day.
    let article = served.get("/2025/10/rally/");
    assert!(
        article.body.contains("/2025/11/05/\"><time"),
        "{}",
        article.body
    );
}

#[test]
fn a_move_written_into_a_briefing_shows_on_its_days_board() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    let day = served.wait_for_text("/2025/10/02/", "Hong Kong chip stocks rally");
    assert!(!day.body.contains("The day’s moves"));
    site.replace(
        "content/2025/10/rally.md",
        "tickers = [\"0981.HK\"]\n",
        "tickers = [\"0981.HK\"]\n\n[moves]\n\"0981.HK\" = 10.9\n",
    );
    let day = served.wait_for_text("/2025/10/02/", "The day’s moves");
    assert!(day.body.contains("up 10.9 percent"), "{}", day.body);
    site.replace("content/2025/10/rally.md", "= 10.9", "= -2.5");
    let day = served.wait_for_text("/2025/10/02/", "down 2.5 percent");
    assert!(!day.body.contains("up 10.9 percent"));
}
