//! `brief digest`, run as a writer runs it on tests/fixtures/digest (three briefings on
//! 2 October 2024 in Hong Kong, days before and after, a base URL with a path): each
//! format, each filter, the size limit, and the errors a writer can meet.

use mail_parser::{MessageParser, MimeHeaders};

use crate::support::html::{plain_text, references, tags};
use crate::support::{Run, Site};

const DAY: [&str; 3] = ["digest", "--date", "2024-10-02"];

fn digest(site: &Site, args: &[&str]) -> Run {
    let run = site.brief(args);
    assert!(run.succeeded(), "{run:?}");
    run
}

fn fails(site: &Site, args: &[&str]) -> String {
    let run = site.brief(args);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    run.stderr
}

/// The titles of the briefings in an HTML digest, in order.
fn titles(html: &str) -> Vec<String> {
    html.split("class=\"briefing-title\"")
        .skip(1)
        .map(|part| {
            let start = part.find('>').unwrap();
            let end = part.find("</h2>").unwrap();
            plain_text(&part[start + 1..end])
        })
        .collect()
}

/// Every `href` and `src` of the email is absolute, under the site's base URL or
/// another host, and the page has no stylesheet to lose: every style is inline.
fn assert_email_html(html: &str) {
    assert!(!html.contains("<style"), "no <style> element");
    for tag in tags(html) {
        assert!(
            !(tag.name == "link" && tag.get("rel") == Some("stylesheet")),
            "no linked stylesheet"
        );
    }
    for (tag, url) in references(html) {
        assert!(
            url.starts_with("https://") || url.starts_with("mailto:"),
            "<{tag}> refers to `{url}`, which is not absolute"
        );
    }
}

#[test]
fn a_days_html_digest_has_its_briefings_moves_and_inline_styles_with_absolute_links() {
    let site = Site::fixture("digest");
    let run = digest(&site, &DAY);
    let html = &run.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert_eq!(
        titles(html),
        [
            "Hong Kong chip stocks rally",
            "SMIC adds capacity in Beijing",
            "Micron beats on data-centre memory — Größe matters",
        ],
        "the day's published briefings, newest first; the draft is left out"
    );
    assert!(html.contains("Briefings of Wednesday 2 October 2024"));
    assert_email_html(html);
    // The theme's CSS went into the elements.
    let body = tags(html).into_iter().find(|t| t.name == "body").unwrap();
    assert!(body.get("style").unwrap().contains("background-color"));
    let paragraphs: Vec<_> = tags(html).into_iter().filter(|t| t.name == "p").collect();
    assert!(paragraphs.iter().all(|p| p.get("style").is_some()));
    // Links carry the base URL's path, in the body and in the chrome.
    let urls: Vec<String> = references(html).into_iter().map(|(_, u)| u).collect();
    for expected in [
        "https://digest.example.org/wire/2024/10/hong-kong-rally/",
        "https://digest.example.org/wire/2024/10/foundry-expansion/",
        "https://digest.example.org/wire/companies/smic/",
        "https://digest.example.org/wire/images/chart.png",
        "https://digest.example.org/wire/2024/10/02/",
    ] {
        assert!(
            urls.iter().any(|u| u == expected),
            "{expected} in {urls:#?}"
        );
    }
    // The heading's `#` link of the site is not in an email.
    assert!(!html.contains("class=\"anchor\""));
    // The moves, largest rise first, the sign in the text, the other day named.
    let moves = html.split("class=\"moves\"").nth(1).unwrap();
    let moves = plain_text(&moves[..moves.find("</table>").unwrap()]);
    assert!(
        moves.contains("SMIC 0981.HK ▲ 10.9 % 26.35 HKD 2 October 2024 Hua Hong 1347.HK ▲ 7.0 %"),
        "{moves}"
    );
    assert!(
        moves.contains("Micron MU ▼ 1.5 % 1 October 2024"),
        "{moves}"
    );
    assert!(html.contains("aria-label=\"up 10.9 percent\""));
    assert!(html.len() < 102_000);
    assert!(
        run.stderr.contains("3 briefings, whole briefings"),
        "{run:?}"
    );
}

#[test]
fn the_text_digest_reads_on_its_own_with_links_as_numbered_footnotes() {
    let site = Site::fixture("digest");
    let text = digest(&site, &[&DAY[..], &["--format", "text"]].concat()).stdout;
    assert!(
        text.starts_with("CHIP WIRE — 芯片\nBriefings of Wednesday 2 October 2024\n"),
        "{text}"
    );
    assert!(
        !text.contains('<') && !text.contains("&amp;"),
        "no HTML: {text}"
    );
    assert!(
        text.contains("MOVES\n  SMIC 0981.HK  ▲ 10.9 %  close 26.35 HKD"),
        "{text}"
    );
    // Each link of the text is a number, whose address follows the briefing.
    assert!(
        text.contains("and $SMIC [1] closed up nearly 11%, with Hua Hong [2]\nclose behind."),
        "{text}"
    );
    for note in [
        "[1] https://digest.example.org/wire/companies/smic/\n",
        // Written from the domain's root, as the site's page has it too.
        "[2] https://digest.example.org/companies/hua-hong/\n",
        "[3] https://digest.example.org/wire/2024/10/foundry-expansion/\n",
        "[4] https://digest.example.org/wire/images/chart.png\n",
    ] {
        assert!(text.contains(note), "{note:?} in\n{text}");
    }
    assert!(text.contains("(image: The day’s chart) [4]"), "{text}");
    // Lists, quotes, tables and the briefing's own footnote read as text.
    for expected in [
        "What moved\n==========\n\nTicker | Move\n0981.HK | +10.9%\n1347.HK | +7.0%\n\n- Foundries led.\n- Designers followed.\n\n",
        "> “The first session after a holiday often catches up,” one trader said.",
        "chips^1.",
        "Notes\n=====\n\n1. As the companies’ filings describe them.",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    for line in text.lines() {
        assert!(
            line.chars().count() <= 72 || !line.trim().contains(' '),
            "a line past 72 columns: {line:?}"
        );
    }
}

#[test]
fn the_eml_digest_is_a_multipart_alternative_message_with_both_versions_and_headers() {
    let site = Site::fixture("digest");
    let run = digest(
        &site,
        &[
            &DAY[..],
            &["--format", "eml", "--to", "Reader <reader@example.com>"],
        ]
        .concat(),
    );
    let raw = run.stdout.as_bytes();
    assert!(
        raw.windows(2).any(|w| w == b"\r\n"),
        "lines end with CRLF, as RFC 5322 has them"
    );
    let message = MessageParser::default().parse(raw).expect("a message");
    assert_eq!(
        message.subject(),
        Some("Chip Wire — 芯片: Briefings of Wednesday 2 October 2024")
    );
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("Chip Wire — 芯片"));
    assert_eq!(from.address(), Some("digest@digest.example.org"));
    let to = message.to().unwrap().first().unwrap();
    assert_eq!(to.address(), Some("reader@example.com"));
    assert!(message.date().is_some());
    let id = message.message_id().unwrap();
    assert!(
        id.starts_with("digest.2024-10-02.") && id.ends_with("@digest.example.org"),
        "{id}"
    );
    let root = message.root_part();
    let content_type = root.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("multipart", Some("alternative"))
    );
    let text = message.body_text(0).unwrap();
    let html = message.body_html(0).unwrap();
    assert!(text.contains("[3] https://digest.example.org/wire/2024/10/foundry-expansion/"));
    assert!(html.contains("Hong Kong chip stocks rally</a>"));
    assert_email_html(&html);
    // The raw subject is encoded: a header is ASCII.
    let head = &run.stdout[..run.stdout.find("\r\n\r\n").unwrap()];
    assert!(head.is_ascii(), "{head}");

    // The same digest again is the same message.
    let again = digest(&site, &[&DAY[..], &["--format", "eml"]].concat());
    let again = MessageParser::default()
        .parse(again.stdout.as_bytes())
        .unwrap();
    assert_eq!(again.message_id(), Some(id));
    assert!(again.to().is_none());
}

#[test]
fn a_chosen_sender_is_the_messages_from() {
    let site = Site::fixture("digest");
    let run = digest(
        &site,
        &[
            &DAY[..],
            &["--format", "eml", "--from", "Desk <desk@chipwire.example>"],
        ]
        .concat(),
    );
    let message = MessageParser::default()
        .parse(run.stdout.as_bytes())
        .unwrap();
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(
        (from.name(), from.address()),
        (Some("Desk"), Some("desk@chipwire.example"))
    );
    assert!(message.message_id().unwrap().ends_with("@chipwire.example"));
}

#[test]
fn company_and_ecosystem_filters_narrow_the_digest() {
    let site = Site::fixture("digest");
    let titles_for = |args: &[&str]| titles(&digest(&site, &[&DAY[..], args].concat()).stdout);
    let smic = [
        "Hong Kong chip stocks rally",
        "SMIC adds capacity in Beijing",
    ];
    assert_eq!(titles_for(&["--company", "smic"]), smic);
    assert_eq!(
        titles_for(&["--company", "0981.hk"]),
        smic,
        "a ticker, in any case"
    );
    assert_eq!(
        titles_for(&["--company", "hua-hong"]),
        ["Hong Kong chip stocks rally"]
    );
    assert_eq!(
        titles_for(&["--ecosystem", "us"]),
        ["Micron beats on data-centre memory — Größe matters"]
    );
    assert_eq!(
        titles_for(&["--ecosystem", "china", "--company", "huawei"]),
        ["Hong Kong chip stocks rally"]
    );

    let run = digest(
        &site,
        &[&DAY[..], &["--company", "smic", "--format", "eml"]].concat(),
    );
    let message = MessageParser::default()
        .parse(run.stdout.as_bytes())
        .unwrap();
    assert_eq!(
        message.subject(),
        Some("Chip Wire — 芯片: Briefings of Wednesday 2 October 2024 (SMIC)")
    );
    let html = message.body_html(0).unwrap();
    assert!(plain_text(&html).contains("These briefings on SMIC's page"));
    assert!(
        references(&html)
            .iter()
            .any(|(_, url)| url == "https://digest.example.org/wire/companies/smic/atom.xml"),
        "the company's feed"
    );
}

#[test]
fn since_and_until_take_a_run_of_days_and_drafts_only_when_asked() {
    let site = Site::fixture("digest");
    let run = digest(
        &site,
        &["digest", "--since", "2024-09-25", "--until", "2024-10-02"],
    );
    assert!(
        run.stdout
            .contains("Briefings from 25 September to 2 October 2024")
    );
    assert_eq!(titles(&run.stdout).len(), 4);
    assert_eq!(titles(&run.stdout).last().unwrap(), "Memory prices turn up");

    let until_today = digest(
        &site,
        &["digest", "--since", "2024-10-03", "--ecosystem", "china"],
    );
    assert_eq!(
        titles(&until_today.stdout),
        ["Huawei publishes its Ascend roadmap"]
    );

    let drafts = digest(
        &site,
        &[&DAY[..], &["--drafts", "--company", "smic"]].concat(),
    );
    assert!(titles(&drafts.stdout).contains(&"A draft about SMIC".to_string()));
}

#[test]
fn without_a_date_the_digest_is_of_today_in_the_sites_timezone() {
    let site = Site::fixture("digest");
    let now = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Hong_Kong").unwrap());
    site.write(
        "content/today.md",
        &format!(
            "+++\ntitle = \"Written today\"\ndate = {}\ntickers = [\"MU\"]\n+++\nToday's news.\n",
            now.strftime("%Y-%m-%dT%H:%M:%S%:z")
        ),
    );
    let run = digest(&site, &["digest"]);
    assert_eq!(titles(&run.stdout), ["Written today"]);
    let yesterday = site.brief(&["digest", "--date", "yesterday"]);
    assert_eq!(yesterday.code, 1, "no briefings yesterday: {yesterday:?}");
}

#[test]
fn a_day_past_the_clipping_limit_gets_summaries_and_says_so() {
    let site = Site::fixture("digest");
    // Thirty briefings of some 6 KB each: synthetic text, 180 KB in all.
    let paragraph = "Synthetic filler for the size test, a sentence of plain words. ".repeat(16);
    for i in 0..30 {
        site.write(
            &format!("content/2024/10/long-{i:02}.md"),
            &format!(
                "+++\ntitle = \"Long briefing {i:02}\"\ndate = 2024-10-05T{:02}:{:02}:00+08:00\nsummary = \"Summary {i:02}.\"\ntickers = [\"MU\"]\n+++\n\n{}\n",
                8 + i / 60,
                i % 60,
                format!("{paragraph}\n\n").repeat(6)
            ),
        );
    }
    let html = digest(&site, &["digest", "--date", "2024-10-05"]);
    assert!(html.stdout.len() < 102_000, "{} bytes", html.stdout.len());
    assert_eq!(
        titles(&html.stdout).len(),
        30,
        "every briefing, as its summary"
    );
    assert!(html.stdout.contains("Summaries only."));
    assert!(html.stdout.contains("longer than 102 KB"));
    assert!(!html.stdout.contains("Synthetic filler"));
    assert_eq!(
        html.stdout
            .matches("Read the whole briefing on the site")
            .count(),
        30
    );
    assert!(html.stderr.contains("summaries"), "{html:?}");
    assert_email_html(&html.stdout);

    let text = digest(
        &site,
        &["digest", "--date", "2024-10-05", "--format", "text"],
    )
    .stdout;
    assert!(text.contains("SUMMARIES ONLY"));
    assert!(
        text.contains("Read the whole briefing:\nhttps://digest.example.org/wire/2024/10/long-00/")
    );
}

#[test]
fn a_day_whose_summaries_pass_the_limit_shows_those_that_fit_and_links_the_rest() {
    let site = Site::fixture("digest");
    let summary = "A synthetic summary long enough to count. ".repeat(12);
    for i in 0..240 {
        site.write(
            &format!("content/2024/10/many-{i:03}.md"),
            &format!(
                "+++\ntitle = \"Briefing {i:03}\"\ndate = 2024-10-06T{:02}:{:02}:00+08:00\nsummary = \"{summary}\"\ntickers = [\"MU\"]\n+++\n\nBody.\n",
                i / 60,
                i % 60,
            ),
        );
    }
    let run = digest(&site, &["digest", "--date", "2024-10-06"]);
    let html = &run.stdout;
    assert!(html.len() < 102_000, "{} bytes", html.len());
    let shown = titles(html);
    assert!(shown.len() > 10 && shown.len() < 240, "{}", shown.len());
    assert_eq!(shown[0], "Briefing 239", "newest first");
    let left_out = 240 - shown.len();
    assert!(
        html.contains(&format!("{left_out} more briefings did not fit")),
        "{}",
        plain_text(html)
    );
    assert!(plain_text(html).contains("read them on the day's page"));
    assert!(html.contains("href=\"https://digest.example.org/wire/2024/10/06/\""));
    assert!(
        run.stderr
            .contains(&format!("{} of 240 briefings", shown.len())),
        "{run:?}"
    );
}

#[test]
fn output_writes_the_file_whole_and_never_a_source_file() {
    let site = Site::fixture("digest");
    let run = digest(&site, &[&DAY[..], &["--output", "digest.html"]].concat());
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("into digest.html"), "{run:?}");
    assert!(
        site.read("digest.html")
            .contains("Hong Kong chip stocks rally")
    );

    for source in [
        "site.toml",
        "content/digest.html",
        "themes/briefing/digest.html",
        "static",
    ] {
        let stderr = fails(&site, &[&DAY[..], &["--output", source]].concat());
        assert!(stderr.contains("would replace"), "{source}: {stderr}");
    }
    assert!(!site.path("content/digest.html").exists());
    assert!(
        site.read("site.toml")
            .starts_with("# brief digest's fixture")
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn an_unknown_company_is_an_error_naming_the_closest_ones() {
    let site = Site::fixture("digest");
    assert_snapshot!(fails(&site, &[&DAY[..], &["--company", "smci"]].concat()));
}

#[test]
fn an_unknown_ecosystem_is_an_error_naming_every_declared_one() {
    let site = Site::fixture("digest");
    assert_snapshot!(fails(
        &site,
        &[
            &DAY[..],
            &["--ecosystem", "chinaa", "--company", "hua-hung"]
        ]
        .concat()
    ));
}

#[test]
fn a_day_without_briefings_is_an_error_naming_the_nearest_days_with_some() {
    let site = Site::fixture("digest");
    assert_snapshot!(fails(&site, &["digest", "--date", "2024-10-04"]));
    let narrowed = fails(
        &site,
        &["digest", "--date", "2024-10-08", "--ecosystem", "us"],
    );
    assert!(
        narrowed.contains("no published briefings on 2024-10-08 in The US stack"),
        "{narrowed}"
    );
    assert!(
        narrowed.contains("the nearest day with briefings is `2024-10-02`"),
        "{narrowed}"
    );
}

#[test]
fn a_bad_date_is_an_error_naming_its_flag() {
    let site = Site::fixture("digest");
    assert_snapshot!(fails(
        &site,
        &[
            "digest",
            "--since",
            "2024-10-32",
            "--until",
            "yesterday-ish"
        ]
    ));
    let date = fails(&site, &["digest", "--date", "2 October"]);
    assert!(date.contains("`2 October` is not a valid --date"), "{date}");
    let backwards = fails(
        &site,
        &["digest", "--since", "2024-10-05", "--until", "2024-10-01"],
    );
    assert!(backwards.contains("is not a valid --until"), "{backwards}");
    let from = fails(
        &site,
        &[&DAY[..], &["--format", "eml", "--from", "desk"]].concat(),
    );
    assert!(from.contains("`desk` is not a valid --from"), "{from}");
}
