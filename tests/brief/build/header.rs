//! An article's header and its cards: the date with its time of day and zone when the
//! front matter gives one, in the site's timezone, and the written summary standing
//! under the title.

use crate::support::{Out, Site, html};

/// The first `<time>` of `html`: its `datetime` and its text.
fn first_time(html: &str) -> (String, String) {
    let start = html.find("<time ").expect("a <time> element");
    let element = &html[start..];
    let datetime = html::tags(element)[0]
        .get("datetime")
        .expect("a datetime attribute")
        .to_string();
    let text_start = element.find('>').expect("the tag closes") + 1;
    let text_end = element.find("</time>").expect("the element closes");
    (
        datetime,
        html::decode_entities(&element[text_start..text_end]),
    )
}

/// The date of the article at `url`, as its header shows it.
fn header_date(out: &Out, url: &str) -> (String, String) {
    let page = out.page(url);
    let head = html::section(&page, "header", "briefing-head").expect("a briefing header");
    first_time(head)
}

/// The date of the card linking to `url` on the list page `page`.
fn card_date(page: &str, url: &str) -> (String, String) {
    let link = format!("href=\"{url}\"");
    let card = page
        .match_indices("<article class=\"card")
        .map(|(i, _)| html::section(&page[i..], "article", "card").expect("a card closes"))
        .find(|card| card.contains(&link))
        .unwrap_or_else(|| panic!("a card for {url}"));
    first_time(card)
}

#[test]
fn a_briefing_dated_with_a_time_shows_it_with_the_zone_in_the_site_timezone() {
    let site = Site::fixture("article-header");
    let out = site.build().out;
    let home = out.page("/");
    for (url, datetime, shown) in [
        (
            "/timed/",
            "2024-10-02T09:30:00+08:00",
            "2 October 2024, 09:30 HKT",
        ),
        // Written in UTC, shown in the site's timezone (Asia/Hong_Kong): the next day.
        (
            "/in-utc/",
            "2024-10-01T04:00:00+08:00",
            "1 October 2024, 04:00 HKT",
        ),
    ] {
        let expected = (datetime.to_string(), shown.to_string());
        assert_eq!(header_date(&out, url), expected, "{url} header");
        assert_eq!(card_date(&home, url), expected, "{url} card");
    }
}

#[test]
fn a_bare_date_shows_the_day_without_a_time() {
    let site = Site::fixture("article-header");
    let out = site.build().out;
    let expected = (
        "2024-09-30T00:00:00+08:00".to_string(),
        "30 September 2024".to_string(),
    );
    assert_eq!(header_date(&out, "/bare/"), expected);
    assert_eq!(card_date(&out.page("/"), "/bare/"), expected);
    assert_eq!(card_date(&out.page("/companies/smic/"), "/bare/"), expected);
}

#[test]
fn the_zone_is_named_as_the_site_timezone_names_it() {
    let site = Site::fixture("article-header");
    for (timezone, shown) in [
        ("UTC", "2 October 2024, 01:30 UTC"),
        ("Europe/Amsterdam", "2 October 2024, 03:30 CEST"),
        // The time zone database has no letters for Dubai's zone, only "+04".
        ("Asia/Dubai", "2 October 2024, 05:30 UTC+04:00"),
        ("America/St_Johns", "1 October 2024, 23:00 NDT"),
    ] {
        let setting = site.read("site.toml");
        let setting = setting.lines().find(|l| l.starts_with("timezone")).unwrap();
        site.replace("site.toml", setting, &format!("timezone = \"{timezone}\""));
        let out = site.build().out;
        assert_eq!(header_date(&out, "/timed/").1, shown, "{timezone}");
        assert_eq!(card_date(&out.page("/"), "/timed/").1, shown, "{timezone}");
    }
}

#[test]
fn a_written_summary_stands_under_the_title_and_the_bodys_opening_is_not_repeated() {
    let site = Site::fixture("article-header");
    let out = site.build().out;

    let page = out.page("/timed/");
    let head = html::section(&page, "header", "briefing-head").expect("a briefing header");
    let standfirst =
        html::section(head, "div", "standfirst").expect("the written summary in the header");
    assert_eq!(
        standfirst.trim(),
        "<div class=\"standfirst\"><p>SMIC <em>jumps</em> nearly 11% on the domestic push.</p>\n</div>"
    );
    let title = head.find("<h1>").expect("the title");
    let byline = head.find("class=\"byline\"").expect("the byline");
    let under = head.find("class=\"standfirst\"").unwrap();
    assert!(
        title < under && under < byline,
        "under the title, before the byline"
    );
    let article = html::section(&page, "article", "briefing").expect("the article");
    assert_eq!(article.matches("TIMED-BODY").count(), 1, "the body once");

    // A summary taken from the body is the body's opening: the header does not repeat it.
    for (url, opening) in [("/bare/", "BARE-BODY"), ("/in-utc/", "IN-UTC-BODY")] {
        let page = out.page(url);
        let head = html::section(&page, "header", "briefing-head").unwrap();
        assert!(html::section(head, "div", "standfirst").is_none(), "{url}");
        let article = html::section(&page, "article", "briefing").unwrap();
        assert_eq!(article.matches(opening).count(), 1, "{url}");
    }

    // Cards show the summary under the title too, the written one or the body's opening.
    let home = out.page("/");
    for (url, summary) in [
        ("/timed/", "SMIC <em>jumps</em> nearly 11%"),
        ("/bare/", "BARE-BODY"),
    ] {
        let link = format!("href=\"{url}\"");
        let card = home
            .match_indices("<article class=\"card")
            .map(|(i, _)| html::section(&home[i..], "article", "card").unwrap())
            .find(|card| card.contains(&link))
            .unwrap();
        let shown = html::section(card, "div", "card-summary").expect("a card summary");
        assert!(shown.contains(summary), "{url}: {shown}");
    }
}
