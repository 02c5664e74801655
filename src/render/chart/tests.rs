//! The charts' promises: a bounded size however long the history, markers exactly on
//! their days and on the line, escaped text, and no `NaN` in any drawing.

use super::*;
use jiff::civil::date;

/// Five years of weekday closes: a seeded random walk, synthetic.
fn five_years() -> Vec<Close> {
    let mut seed: u64 = 0x5eed;
    let mut close = 40.0;
    let mut closes = Vec::new();
    let mut day = date(2021, 1, 4);
    while day < date(2026, 1, 4) {
        if !matches!(
            day.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        ) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let step = ((seed >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * 0.06;
            close *= 1.0 + step;
            closes.push(Close { day, close });
        }
        day = day.tomorrow().unwrap();
    }
    closes
}

fn subject() -> Subject<'static> {
    Subject {
        id: "brief-chart",
        name: "SMIC",
        ticker: "0981.HK",
    }
}

/// The values of `attribute` on every `element` of `svg`, in order.
fn attributes(svg: &str, element: &str, attribute: &str) -> Vec<String> {
    svg.split(&format!("<{element} "))
        .skip(1)
        .map(|rest| {
            let at = rest
                .find(&format!(" {attribute}=\""))
                .or_else(|| rest.starts_with(&format!("{attribute}=\"")).then_some(0));
            let value = &rest[at.expect("the attribute is there")..];
            let value = &value[value.find('"').unwrap() + 1..];
            value[..value.find('"').unwrap()].to_string()
        })
        .collect()
}

/// Every number of the drawing is plain: digits, a sign, a point (no `NaN`, `inf` or
/// exponent), and at most one place.
fn no_float_noise(svg: &str) {
    for (element, attribute) in [
        ("path", "d"),
        ("polyline", "points"),
        ("circle", "cx"),
        ("circle", "cy"),
        ("rect", "x"),
        ("rect", "y"),
        ("rect", "width"),
        ("rect", "height"),
        ("line", "y1"),
    ] {
        for value in attributes(svg, element, attribute) {
            for number in value.trim_start_matches('M').split([' ', ',']) {
                let plain = !number.is_empty()
                    && number
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
                    && number
                        .split_once('.')
                        .is_none_or(|(_, places)| places.len() == 1);
                assert!(plain, "`{number}` in {element} {attribute}");
            }
        }
    }
}

#[test]
fn five_years_of_daily_closes_stay_under_the_bound_with_every_marker_on_its_day() {
    let closes = five_years();
    assert!(closes.len() > 1_250, "{} closes", closes.len());
    let long_title = "Hong Kong chip stocks rally as domestic models ship on domestic silicon, and the brokers scramble to raise their targets".to_string();
    let hrefs: Vec<String> = (0..300)
        .map(|i| format!("/2025/10/a-rather-long-slug-for-briefing-number-{i}-on-the-rally/"))
        .collect();
    // A briefing every fourth weekday, newest first.
    let marks: Vec<Mark> = closes
        .iter()
        .rev()
        .step_by(4)
        .zip(&hrefs)
        .map(|(c, href)| Mark {
            day: c.day,
            title: &long_title,
            href,
            change: Some(-3.25),
        })
        .collect();
    let chart = prices(&subject(), &closes, &marks).unwrap();
    assert!(
        chart.svg.len() < MAX_BYTES,
        "{} bytes of SVG",
        chart.svg.len()
    );
    no_float_noise(&chart.svg);
    let cx = attributes(&chart.svg, "circle", "cx");
    let cy = attributes(&chart.svg, "circle", "cy");
    assert!(!cx.is_empty() && cx.len() <= MAX_MARKS);
    assert_eq!(chart.marks, cx.len(), "every mark counted was drawn");
    let path = &attributes(&chart.svg, "path", "d")[0];
    let vertices = path.trim_start_matches('M').split(' ').count();
    assert!(
        vertices <= 2 * BUCKETS + 2 + MAX_MARKS,
        "{vertices} vertices"
    );
    let (first, last) = (closes[0].day, closes[closes.len() - 1].day);
    let span = days_between(first, last);
    for (i, mark) in marks[..cx.len()].iter().enumerate() {
        let x = PAD + days_between(first, mark.day) / span * (WIDTH - 2.0 * PAD);
        assert_eq!(cx[i], coordinate(x), "marker {i} sits on its day");
        assert!(
            path.contains(&format!("{},{}", cx[i], cy[i])),
            "marker {i} sits on the line"
        );
    }
    let hrefs_drawn = attributes(&chart.svg, "a", "href");
    assert_eq!(hrefs_drawn, hrefs[..cx.len()], "newest first, each linked");
    assert_eq!((chart.first, chart.last), (first, last));
}

#[test]
fn the_lowest_and_highest_close_are_the_top_and_bottom_of_the_line() {
    let closes = five_years();
    let chart = prices(&subject(), &closes, &[]).unwrap();
    let low = closes.iter().map(|c| c.close).fold(f64::INFINITY, f64::min);
    let high = closes.iter().map(|c| c.close).fold(0.0, f64::max);
    assert_eq!((chart.low, chart.high), (low, high));
    let path = &attributes(&chart.svg, "path", "d")[0];
    let ys: Vec<f64> = path
        .trim_start_matches('M')
        .split(' ')
        .map(|p| p.split_once(',').unwrap().1.parse().unwrap())
        .collect();
    assert_eq!(ys.iter().copied().fold(f64::INFINITY, f64::min), PAD);
    assert_eq!(ys.iter().copied().fold(0.0, f64::max), HEIGHT - PAD);
    assert!(chart.description.contains(&number::price(low)));
    assert!(chart.description.contains("No briefing"));
}

#[test]
fn a_mark_between_trading_days_takes_the_close_before_and_one_outside_is_not_drawn() {
    let closes = [
        Close {
            day: date(2025, 10, 3),
            close: 10.0,
        },
        Close {
            day: date(2025, 10, 6),
            close: 20.0,
        },
    ];
    let mark = |day, href| Mark {
        day,
        title: "T",
        href,
        change: None,
    };
    let marks = [
        mark(date(2025, 10, 9), "/after/"),
        mark(date(2025, 10, 4), "/saturday/"),
        mark(date(2025, 9, 1), "/before/"),
    ];
    let chart = prices(&subject(), &closes, &marks).unwrap();
    assert_eq!(attributes(&chart.svg, "a", "href"), ["/saturday/"]);
    assert_eq!(
        attributes(&chart.svg, "circle", "cy"),
        ["192"],
        "Friday's close"
    );
    assert_eq!(chart.marks, 3, "the table lists all three");
    assert!(chart.description.contains("One marker"));
}

#[test]
fn titles_and_links_are_escaped_and_bad_closes_are_left_out() {
    let closes = [
        Close {
            day: date(2025, 10, 1),
            close: f64::NAN,
        },
        Close {
            day: date(2025, 10, 2),
            close: 5.0,
        },
        Close {
            day: date(2025, 10, 3),
            close: -1.0,
        },
    ];
    let marks = [Mark {
        day: date(2025, 10, 2),
        title: "<script>alert(1)</script> & \"quotes\"",
        href: "/a\"b/?x=<1>&y",
        change: Some(f64::NAN),
    }];
    let subject = Subject {
        id: "c\"id",
        name: "A&B <Co>",
        ticker: "",
    };
    let chart = prices(&subject, &closes, &marks).unwrap();
    no_float_noise(&chart.svg);
    assert!(!chart.svg.contains("<script>"));
    assert!(chart.svg.contains(
        "<title>2 October 2025: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</title>"
    ));
    assert!(chart.svg.contains("href=\"/a&quot;b/?x=&lt;1&gt;&amp;y\""));
    assert!(
        chart
            .svg
            .contains("<title id=\"c&quot;id-title\">A&amp;B &lt;Co&gt;: daily closes</title>")
    );
    assert_eq!(
        attributes(&chart.svg, "circle", "cy"),
        ["100"],
        "one close: the middle"
    );
    assert!(prices(&subject, &closes[..1], &marks).is_none());
}

#[test]
fn the_chart_is_named_and_described_for_screen_readers() {
    let chart = prices(&subject(), &five_years(), &[]).unwrap();
    assert!(chart.svg.starts_with("<svg class=\"chart-svg\" viewBox=\"0 0 600 200\" role=\"group\" aria-labelledby=\"brief-chart-title\" aria-describedby=\"brief-chart-desc\">"));
    assert!(
        chart
            .svg
            .contains("<title id=\"brief-chart-title\">SMIC (0981.HK): daily closes</title>")
    );
    assert!(chart.svg.contains(&format!(
        "<desc id=\"brief-chart-desc\">{}</desc>",
        chart.description
    )));
    assert!(
        chart
            .description
            .starts_with("Closing prices from 4 January 2021 to ")
    );
}

fn moved<'a>(day: Date, href: &'a str, change: f64) -> Mark<'a> {
    Mark {
        day,
        title: "A move",
        href,
        change: Some(change),
    }
}

#[test]
fn moves_are_bars_above_and_below_the_zero_line_oldest_on_the_left() {
    let marks = [
        moved(date(2025, 10, 3), "/newest/", -1.2),
        Mark {
            day: date(2025, 10, 2),
            title: "No move",
            href: "/none/",
            change: None,
        },
        moved(date(2025, 10, 2), "/middle/", 0.0),
        moved(date(2025, 10, 1), "/oldest/", 10.9),
    ];
    let chart = moves(&subject(), &marks).unwrap();
    no_float_noise(&chart.svg);
    assert_eq!(
        attributes(&chart.svg, "a", "href"),
        ["/oldest/", "/middle/", "/newest/"]
    );
    assert_eq!(
        attributes(&chart.svg, "rect", "class"),
        ["chart-up", "chart-flat", "chart-down"]
    );
    let zero: f64 = attributes(&chart.svg, "line", "y1")[0].parse().unwrap();
    let ys: Vec<f64> = attributes(&chart.svg, "rect", "y")
        .iter()
        .map(|y| y.parse().unwrap())
        .collect();
    let heights: Vec<f64> = attributes(&chart.svg, "rect", "height")
        .iter()
        .map(|y| y.parse().unwrap())
        .collect();
    assert!(
        (ys[0] + heights[0] - zero).abs() < 0.2,
        "up: ends on the zero line"
    );
    assert!((ys[2] - zero).abs() < 0.2, "down: starts on the zero line");
    assert!(ys[0] < zero && ys[2] + heights[2] > zero);
    assert!(
        chart
            .svg
            .contains("<title>1 October 2025: A move, up 10.9 percent</title>")
    );
    assert_eq!(chart.marks, 4, "down to the oldest move");
    assert_eq!((chart.low, chart.high), (-1.2, 10.9));
    assert!(
        chart
            .description
            .starts_with("3 moves reported from 1 October 2025 to 3 October 2025")
    );
    assert!(chart.description.contains("1 up, 1 down, 1 unchanged"));
    assert!(moves(&subject(), &marks[1..2]).is_none());
}

#[test]
fn ten_thousand_moves_stay_under_the_bound() {
    let title = "t".repeat(400);
    let href = format!("/{}/", "h".repeat(250));
    let marks: Vec<Mark> = (0..10_000)
        .map(|i| Mark {
            day: date(2025, 10, 1),
            title: &title,
            href: &href,
            change: Some(if i % 2 == 0 { 1.5 } else { -2.5 }),
        })
        .collect();
    let chart = moves(&subject(), &marks).unwrap();
    assert!(chart.svg.len() < MAX_BYTES, "{} bytes", chart.svg.len());
    let bars = attributes(&chart.svg, "rect", "x").len();
    assert!(bars > 0 && bars <= MAX_MARKS);
    assert_eq!(chart.marks, bars);
}

#[test]
fn a_sparkline_is_an_image_with_a_name() {
    let line = sparkline(
        "SMIC: 10.00 to 12.50 <up>",
        &[10.0, f64::NAN, 11.0, 12.5],
        Spark::Line,
    )
    .unwrap();
    assert!(line.starts_with("<svg class=\"spark\" viewBox=\"0 0 100 24\" width=\"100\" height=\"24\" role=\"img\" aria-label=\"SMIC: 10.00 to 12.50 &lt;up&gt;\">"));
    assert_eq!(
        attributes(&line, "polyline", "points")[0],
        "1,22 50,14 99,2"
    );
    let bars = sparkline("moves", &[2.0, -2.0], Spark::Bars).unwrap();
    assert_eq!(
        attributes(&bars, "rect", "class"),
        ["chart-up", "chart-down"]
    );
    no_float_noise(&bars);
    let flat = sparkline("flat", &[3.0], Spark::Line).unwrap();
    assert_eq!(attributes(&flat, "polyline", "points")[0], "50,12");
    assert!(sparkline("none", &[f64::NAN], Spark::Line).is_none());
}
