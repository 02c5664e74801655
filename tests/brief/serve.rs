//! `brief serve` as a writer runs it: the real binary on a free port, against a
//! temporary site, spoken to over real HTTP while the test edits the site's files.
//!
//! Every wait is a poll with a generous deadline: these tests check what happens,
//! not how fast (the benchmark, examples/serve_bench.rs, measures that).
#![cfg(unix)]

use std::net::TcpListener;
use std::process::Command;
use std::time::{Duration, Instant};

mod archives;
mod same_as_build;
mod trust;

use crate::support::serve::{DEADLINE, SITE_TOML, Served, Site, briefing, field};

#[test]
fn saving_an_article_shows_the_new_text() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    let page = served.wait_for_text("/2025/10/rally/", "domestic AI push");
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.body.contains("id=\"brief-live\""),
        "the reload script is injected"
    );
    site.write(
        "content/2025/10/rally.md",
        &briefing(
            "Hong Kong chip stocks rally",
            "2025-10-02T09:30:00+08:00",
            "\"0981.HK\"",
            "SMIC shares jumped 11% on the first day of trading.",
        ),
    );
    let page = served.wait_for_text("/2025/10/rally/", "jumped 11%");
    assert!(!page.body.contains("domestic AI push"));
    // Served from memory: nothing is written into the site.
    assert!(!site.path("public").exists());
}

#[test]
fn the_reload_event_comes_once_the_new_page_is_served() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    let (mut events, hello) = served.events();
    assert_eq!(field(&hello, "kind"), "hello");
    let generation: u64 = field(&hello, "generation").parse().unwrap();
    site.save_atomically(
        "content/2025/10/memory.md",
        &briefing(
            "Memory prices climb",
            "2025-10-01",
            "\"MU\"",
            "Micron raised its outlook.",
        ),
    );
    let event = events.next();
    assert_eq!(field(&event, "kind"), "page");
    assert!(field(&event, "generation").parse::<u64>().unwrap() > generation);
    assert_eq!(field(&event, "instance"), field(&hello, "instance"));
    // At the moment of the event the new page is already there: no reload into the old site.
    let page = served.get("/2025/10/memory/");
    assert!(page.body.contains("raised its outlook"), "{}", page.body);
}

#[test]
fn adding_and_deleting_a_briefing_changes_the_home_and_company_pages() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    let home = served.wait_for_text("/", "Hong Kong chip stocks rally");
    assert!(!home.body.contains("Foundry capacity sold out"));
    site.write(
        "content/2025/11/foundry.md",
        &briefing(
            "Foundry capacity sold out",
            "2025-11-03",
            "\"0981.HK\"",
            "SMIC's advanced lines are booked.",
        ),
    );
    served.wait_for_text("/", "Foundry capacity sold out");
    served.wait_for_text("/companies/smic/", "Foundry capacity sold out");
    served.wait_for_text("/2025/11/foundry/", "advanced lines are booked");
    served.wait_for_text("/atom.xml", "Foundry capacity sold out");

    std::fs::remove_file(site.path("content/2025/11/foundry.md")).unwrap();
    served.wait_for("/", "the briefing gone", |r| {
        r.status == 200 && !r.body.contains("Foundry capacity sold out")
    });
    let company = served.get("/companies/smic/");
    assert!(!company.body.contains("Foundry capacity sold out"));
    assert!(company.body.contains("Hong Kong chip stocks rally"));
    let gone = served.get("/2025/11/foundry/");
    assert_eq!(gone.status, 404);
    assert!(
        gone.body.contains("id=\"brief-live\""),
        "a 404 page reloads too"
    );
}

/// rally.md of the small site, reporting `moves` (TOML lines of `[moves]`).
fn rally_with_moves(moves: &str) -> String {
    format!(
        "+++\ntitle = \"Hong Kong chip stocks rally\"\ndate = 2025-10-02T09:30:00+08:00\necosystem = \"china\"\ntickers = [\"0981.HK\"]\n\n[moves]\n{moves}+++\n\nSMIC shares rose on the domestic AI push.\n"
    )
}

#[test]
fn an_edit_of_moves_alone_updates_the_chips_the_feeds_and_the_company_pages() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/companies/micron/", "Memory prices climb");
    assert!(
        !served
            .get("/companies/micron/")
            .body
            .contains("Hong Kong chip stocks rally")
    );
    // A move for Micron names it: the briefing joins Micron's page and feed.
    site.write(
        "content/2025/10/rally.md",
        &rally_with_moves("\"0981.HK\" = 10.9\nMU = -1.2\n"),
    );
    served.wait_for_text("/companies/micron/", "Hong Kong chip stocks rally");
    served.wait_for_text("/companies/micron/atom.xml", "Hong Kong chip stocks rally");
    served.wait_for_text("/2025/10/rally/", "down 1.2 percent");
    // Only a number changes: the article, every card and the feeds say the new one.
    site.write(
        "content/2025/10/rally.md",
        &rally_with_moves("\"0981.HK\" = 10.9\nMU = -2.5\n"),
    );
    served.wait_for_text("/2025/10/rally/", "▼ 2.5 %");
    for url in ["/", "/companies/micron/", "/companies/smic/"] {
        let page = served.get(url);
        assert!(
            page.body.contains("down 2.5 percent"),
            "{url}: {}",
            page.body
        );
        assert!(!page.body.contains("down 1.2 percent"), "{url}");
    }
    served.wait_for_text("/atom.xml", "Micron Technology MU ▼ 2.5 %");
    // Its move removed, it leaves them; SMIC's page keeps it throughout.
    site.write(
        "content/2025/10/rally.md",
        &rally_with_moves("\"0981.HK\" = 10.9\n"),
    );
    served.wait_for("/companies/micron/", "the briefing gone from Micron", |r| {
        r.status == 200 && !r.body.contains("Hong Kong chip stocks rally")
    });
    assert!(
        !served
            .get("/companies/micron/atom.xml")
            .body
            .contains("Hong Kong chip stocks rally")
    );
    assert!(
        served
            .get("/companies/smic/")
            .body
            .contains("Hong Kong chip stocks rally")
    );
}

#[test]
fn broken_front_matter_shows_the_file_and_line_over_the_last_good_page_until_fixed() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/2025/10/rally/", "domestic AI push");
    site.write(
        "content/2025/10/rally.md",
        "+++\ntitle = \"Hong Kong chip stocks rally\"\ndate = 2025-10-02\necosystem = \"chinaa\"\n+++\n\nEdited.\n",
    );
    let page = served.wait_for_text("/2025/10/rally/", "id=\"brief-problem\"");
    assert!(
        page.body.contains("content/2025/10/rally.md:4:"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("unknown ecosystem `chinaa`"),
        "{}",
        page.body
    );
    // The last good page is still under the overlay, and other pages carry it too.
    assert!(page.body.contains("domestic AI push"));
    assert!(!page.body.contains("Edited."));
    served.wait_for_text("/companies/", "id=\"brief-problem\"");
    let stderr = served.stderr.lock().unwrap().clone();
    assert!(
        stderr.contains("rally.md:4:"),
        "the terminal shows it: {stderr}"
    );

    // Invalid TOML: the line inside the file, not inside the front matter.
    site.write(
        "content/2025/10/rally.md",
        "+++\ntitle = \"Hong Kong chip stocks rally\"\ndate = 2025-10-02\ntickers = [\"0981.HK\"\n+++\n\nEdited.\n",
    );
    served.wait_for_text("/2025/10/rally/", "invalid TOML");

    site.write(
        "content/2025/10/rally.md",
        &briefing(
            "Hong Kong chip stocks rally",
            "2025-10-02",
            "\"0981.HK\"",
            "Fixed and saved.",
        ),
    );
    let page = served.wait_for_text("/2025/10/rally/", "Fixed and saved.");
    assert!(!page.body.contains("brief-problem"));
    served.wait_for_stdout("fixed");
}

#[test]
fn a_template_error_keeps_the_last_good_page_and_clears_when_fixed() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/2025/10/rally/", "domestic AI push");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ article.title }</h1>\n{% endblock main %}\n",
    );
    let page = served.wait_for_text("/2025/10/rally/", "id=\"brief-problem\"");
    assert!(
        page.body.contains("templates/article.html:3"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("domestic AI push"),
        "the last good page stays"
    );
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1 class=\"custom\">{{ article.title }}</h1>\n{% endblock main %}\n",
    );
    let page = served.wait_for_text("/2025/10/rally/", "class=\"custom\"");
    assert!(!page.body.contains("brief-problem"));

    // An error only rendering shows: caught before the new site is served, and kept
    // while unrelated files change.
    site.write(
        "templates/companies.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ no_such_value }}\n{% endblock main %}\n",
    );
    let page = served.wait_for_text("/companies/", "id=\"brief-problem\"");
    assert!(
        page.body.contains("templates/companies.html:3"),
        "{}",
        page.body
    );
    site.write(
        "content/2025/10/memory.md",
        &briefing(
            "Memory prices climb",
            "2025-10-01",
            "\"MU\"",
            "Edited meanwhile.",
        ),
    );
    std::thread::sleep(Duration::from_millis(300));
    let page = served.get("/companies/");
    assert!(page.body.contains("id=\"brief-problem\""), "{}", page.body);
    assert_eq!(page.status, 200, "the last good page, under the error");
    assert!(page.body.contains("Micron Technology"), "{}", page.body);
    std::fs::remove_file(site.path("templates/companies.html")).unwrap();
    served.wait_for("/companies/", "the overlay gone", |r| {
        r.status == 200 && !r.body.contains("brief-problem") && r.body.contains("SMIC")
    });
    served.wait_for_text("/2025/10/memory/", "Edited meanwhile.");
}

#[test]
fn json_feeds_are_served_as_json_feed_without_the_reload_script() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    for url in ["/feed.json", "/companies/smic/feed.json"] {
        let feed = served.wait_for_text(url, "Hong Kong chip stocks rally");
        assert_eq!(feed.header("content-type"), Some("application/feed+json"));
        assert!(!feed.body.contains("brief-live"), "{url}: no script");
        let json: serde_json::Value = serde_json::from_str(&feed.body)
            .unwrap_or_else(|e| panic!("{url} is JSON: {e}\n{}", feed.body));
        assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    }
    // The page names it, and an edit reaches it.
    let home = served.wait_for_text("/", "application/feed+json");
    assert!(home.body.contains("/feed.json\""));
    site.write(
        "content/2025/10/rally.md",
        &briefing(
            "Hong Kong chip stocks rally",
            "2025-10-02T09:30:00+08:00",
            "\"0981.HK\"",
            "SMIC shares jumped 11% on the first day of trading.",
        ),
    );
    served.wait_for_text("/feed.json", "jumped 11%");
}

#[test]
fn a_stylesheet_change_is_swapped_without_a_reload() {
    let site = Site::new();
    site.write("static/style.css", "body { color: black; }\n");
    let served = Served::start(&site, &[]);
    let (mut events, _) = served.events();
    site.write("static/style.css", "body { color: rebeccapurple; }\n");
    let event = events.next();
    assert_eq!(field(&event, "kind"), "stylesheets");
    let css = served.wait_for_text("/style.css", "rebeccapurple");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(
        !css.body.contains("brief-live"),
        "only HTML gets the script"
    );
}

#[test]
fn site_toml_changes_reload_the_configuration() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/", "Two Stacks");
    site.save_atomically(
        "site.toml",
        &SITE_TOML.replace("Two Stacks", "Three Stacks"),
    );
    served.wait_for_text("/", "Three Stacks");
    served.wait_for_text("/2025/10/rally/", "Three Stacks");
    // The served site links to itself, not to site.toml's base_url and its /blog prefix.
    let home = served.get("/");
    assert!(home.body.contains("href=\"/companies/\""), "{}", home.body);
    assert!(!home.body.contains("example.org"));
}

#[test]
fn atomic_saves_renames_and_bursts_of_saves_are_all_seen() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/2025/10/rally/", "domestic AI push");

    // Rename a file: the old URL goes, the new one comes.
    std::fs::rename(
        site.path("content/2025/10/memory.md"),
        site.path("content/2025/10/dram.md"),
    )
    .unwrap();
    served.wait_for_text("/2025/10/dram/", "Micron guided higher");
    assert_eq!(served.get("/2025/10/memory/").status, 404);

    // Rename a folder: every article in it moves.
    std::fs::rename(
        site.path("content/2025/10"),
        site.path("content/2025/october"),
    )
    .unwrap();
    served.wait_for_text("/2025/october/rally/", "domestic AI push");
    served.wait_for_text("/2025/october/dram/", "Micron guided higher");
    assert_eq!(served.get("/2025/10/rally/").status, 404);

    // Hundreds of saves in a row: the last one wins.
    for i in 0..300 {
        site.save_atomically(
            "content/2025/october/rally.md",
            &briefing(
                "Hong Kong chip stocks rally",
                "2025-10-02",
                "\"0981.HK\"",
                &format!("Save number {i}."),
            ),
        );
    }
    served.wait_for_text("/2025/october/rally/", "Save number 299.");

    // Editor leftovers are not content.
    site.write("content/2025/october/rally.md~", "backup");
    site.write("content/2025/october/.rally.md.swp", "swap");
    site.write("content/2025/october/#rally.md#", "autosave");
    std::thread::sleep(Duration::from_millis(300));
    let home = served.get("/");
    assert_eq!(home.status, 200);
    assert!(!home.body.contains("brief-problem"), "{}", home.body);
}

#[test]
fn paths_out_of_the_site_are_refused() {
    let site = Site::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    site.write("static/ok.txt", "fine");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path("static/secret.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static/elsewhere")).unwrap();
    let served = Served::start(&site, &[]);
    assert_eq!(served.get("/ok.txt").body, "fine");
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2e%2e/%2e%2e/etc/passwd",
        "/..%2fsite.toml",
        "/static/..%2f..%2fsite.toml",
        "/%2fetc%2fpasswd",
        "/..%5csite.toml",
        "//etc/passwd",
        "/etc/passwd",
        "/site.toml",
        "/content/about.md",
        "/secret.txt",
        "/elsewhere/secret.txt",
        "http://localhost/../site.toml",
    ] {
        let response = served.get(path);
        assert!(
            response.status == 400 || response.status == 404,
            "{path}: {}",
            response.status
        );
        assert!(!response.body.contains("TOP SECRET"), "{path}");
        assert!(!response.body.contains("base_url"), "{path}");
    }
}

#[test]
fn responses_have_the_right_content_type() {
    let site = Site::new();
    site.write("static/app.js", "console.log(1)");
    site.write("static/data.json", "{}");
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("static/font.woff2", "wOF2");
    site.write("static/chart.png", "png");
    let served = Served::start(&site, &[]);
    for (path, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/companies/smic/index.html", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/data.json", "application/json"),
        ("/logo.svg", "image/svg+xml"),
        ("/font.woff2", "font/woff2"),
        ("/chart.png", "image/png"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        (
            "/companies/smic/atom.xml",
            "application/atom+xml; charset=utf-8",
        ),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let response = served.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(expected), "{path}");
    }
    let missing = served.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found") || missing.body.contains("404"));
    let redirect = served.get("/companies");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), Some("/companies/"));
}

#[test]
fn drafts_are_shown_and_marked_unless_hidden() {
    let site = Site::new();
    site.write(
        "content/2025/10/draft.md",
        "+++\ntitle = \"Unfinished thoughts\"\ndate = 2025-10-03\ndraft = true\n+++\n\nDraft body.\n",
    );
    let served = Served::start(&site, &[]);
    let page = served.wait_for_text("/2025/10/draft/", "Draft body.");
    assert!(page.body.contains("is-draft"), "marked as a draft");
    drop(served);
    let hidden = Served::start(&site, &["--no-drafts"]);
    assert_eq!(hidden.get("/2025/10/draft/").status, 404);
}

#[test]
fn the_short_flags_choose_the_port_and_show_the_future_and_counts_read_right() {
    let site = Site::new();
    std::fs::remove_file(site.path("content/2025/10/memory.md")).unwrap();
    site.write(
        "content/2999/01/later.md",
        &briefing("Far ahead", "2999-01-01", "\"0981.HK\"", "Not yet."),
    );
    let free = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port().to_string();
    drop(free);
    let served = Served::start_exactly(&site, &["-p", &port]);
    assert!(
        served.address.ends_with(&format!(":{port}")),
        "-p is --port"
    );
    assert_eq!(served.get("/2999/01/later/").status, 404);
    let stdout = served.wait_for_stdout("loaded ");
    assert!(
        stdout.contains("loaded 1 briefing, 2 companies, 2 ecosystems in "),
        "{stdout}"
    );
    drop(served);

    let served = Served::start(&site, &["-F", "-D"]);
    served.wait_for_text("/2999/01/later/", "Not yet.");
}

#[test]
fn a_site_broken_from_the_start_is_served_with_its_errors() {
    let site = Site::new();
    site.write("content/2025/10/bad.md", "+++\ntitle = \"Bad\"\n");
    let served = Served::start(&site, &[]);
    let page = served.wait_for_text("/", "id=\"brief-problem\"");
    assert!(page.body.contains("bad.md:1:"), "{}", page.body);
    // The files that are fine are shown under it.
    assert!(page.body.contains("Hong Kong chip stocks rally"));
    std::fs::remove_file(site.path("content/2025/10/bad.md")).unwrap();
    served.wait_for("/", "the overlay gone", |r| {
        r.status == 200 && !r.body.contains("brief-problem")
    });
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = Site::new();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["serve", "--root"])
        .arg(site.root())
        .args(["--port", &port])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{stderr}"
    );
    assert!(stderr.contains("--port 0"), "{stderr}");
}

#[test]
fn ctrl_c_stops_it_cleanly_without_writing_anything() {
    let site = Site::new();
    let before = std::fs::read(site.path("content/2025/10/rally.md")).unwrap();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/", "Two Stacks");
    let (_events, _) = served.events(); // an open page must not hold the server up
    let status = served.interrupt();
    assert!(status.success(), "{status}");
    assert!(!site.path("public").exists());
    assert_eq!(
        std::fs::read(site.path("content/2025/10/rally.md")).unwrap(),
        before
    );
    let names: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "only site.toml and content/: {names:?}");
}

#[test]
fn symlinks_under_content_are_skipped_with_a_warning_as_build_skips_them() {
    let site = Site::new();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(
        elsewhere.path().join("linked.md"),
        briefing(
            "Linked in",
            "2025-10-05",
            "\"0981.HK\"",
            "From outside content/.",
        ),
    )
    .unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("content/linked-folder")).unwrap();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/", "Hong Kong chip stocks rally");
    assert_eq!(served.get("/linked-folder/linked/").status, 404);

    // A link made while serving is skipped too: a new article saved after it shows
    // that the save was seen.
    std::os::unix::fs::symlink(
        elsewhere.path().join("linked.md"),
        site.path("content/2025/10/linked.md"),
    )
    .unwrap();
    site.write(
        "content/2025/10/after.md",
        &briefing("Saved after the link", "2025-10-06", "\"0981.HK\"", "Seen."),
    );
    served.wait_for_text("/", "Saved after the link");
    assert_eq!(served.get("/2025/10/linked/").status, 404);
    assert!(!served.get("/").body.contains("Linked in"));
    let deadline = Instant::now() + DEADLINE;
    loop {
        let stderr = served.stderr.lock().unwrap().clone();
        let warned = |path: &str| {
            stderr.contains(&format!(
                "content/{path}: warning: a symbolic link under content/ is skipped"
            ))
        };
        if warned("linked-folder") && warned("2025/10/linked.md") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no warnings for both links:\n{stderr}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_bad_row_in_a_price_file_shows_its_line_until_it_is_fixed() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/2025/10/rally/", "domestic AI push");
    // data/ does not exist when serving starts: the folder is watched once it appears.
    // The closes are synthetic, made up for the test.
    site.write(
        "data/prices/0981.hk.csv",
        "date,close\n2025-09-30,71.35\n2025-09-31,79.10\n",
    );
    let page = served.wait_for_text("/2025/10/rally/", "id=\"brief-problem\"");
    assert!(
        page.body.contains("data/prices/0981.hk.csv:3:1"),
        "{}",
        page.body
    );
    assert!(page.body.contains("is not a date"), "{}", page.body);
    assert!(
        page.body.contains("domestic AI push"),
        "over the last good page"
    );

    site.save_atomically(
        "data/prices/0981.hk.csv",
        "date,close\n2025-09-30,71.35\n2025-10-02,79.10\n",
    );
    served.wait_for("/2025/10/rally/", "the error to clear", |page| {
        !page.body.contains("brief-problem")
    });
    // A file named after no listing is an error too, and removing it clears it.
    site.write("data/prices/MUU.csv", "date,close\n2025-10-02,1\n");
    let page = served.wait_for_text("/", "named after `MUU`");
    assert!(page.body.contains("did you mean `MU`?"), "{}", page.body);
    std::fs::remove_file(site.path("data/prices/MUU.csv")).unwrap();
    served.wait_for("/", "the error to clear", |page| {
        !page.body.contains("brief-problem")
    });
}

/// Waits until the server's terminal output (stderr) contains `text`.
fn wait_for_stderr(served: &Served, text: &str) -> String {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let stderr = served.stderr.lock().unwrap().clone();
        if stderr.contains(text) {
            return stderr;
        }
        assert!(Instant::now() < deadline, "no {text:?} in:\n{stderr}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_file_saved_in_data_prices_that_is_not_csv_is_warned_about_as_build_warns() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/", "Hong Kong chip stocks rally");
    site.write("data/prices/0981.HK.xlsx", "not a CSV");
    wait_for_stderr(
        &served,
        "data/prices/0981.HK.xlsx: warning: a file in data/prices that is not a .csv file is skipped",
    );
}

#[test]
fn another_generators_shortcode_is_shown_as_written_and_warned_about_as_build_warns() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/2025/10/rally/", "domestic AI push");
    site.write(
        "content/2025/10/rally.md",
        &briefing(
            "Hong Kong chip stocks rally",
            "2025-10-02",
            "\"0981.HK\"",
            "The chart: {{< figure src=\"/chart.png\" >}}",
        ),
    );
    let page = served.wait_for_text("/2025/10/rally/", "The chart:");
    assert!(
        crate::support::html::plain_text(&page.body)
            .contains("The chart: {{< figure src=\"/chart.png\" >}}"),
        "{}",
        page.body
    );
    wait_for_stderr(
        &served,
        "content/2025/10/rally.md:8:12: warning: `{{< figure src=\"/chart.png\" >}}` looks like a Hugo shortcode",
    );
}

#[test]
fn cashtags_are_linked_and_follow_the_registry_without_the_article_being_saved() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/2025/10/rally/", "domestic AI push");
    site.write(
        "content/2025/10/rally.md",
        &briefing(
            "Hong Kong chip stocks rally",
            "2025-10-02",
            "\"0981.HK\"",
            "$SMIC rose while $MU waited and $NVDA led; `$MU` is code.",
        ),
    );
    // The served site lives at the root, whatever site.toml's base_url says.
    let page = served.wait_for_text("/2025/10/rally/", "class=\"cashtag\"");
    assert!(
        page.body.contains(
            "<a class=\"cashtag\" href=\"/companies/smic/\" title=\"SMIC\">$SMIC</a> rose"
        ),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(
            "<a class=\"cashtag\" href=\"/companies/micron/\" title=\"Micron Technology\">$MU</a>"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("and $NVDA led"), "{}", page.body);
    assert!(page.body.contains("<code>$MU</code>"), "{}", page.body);
    // The unknown one is a warning in the terminal, at its line, as build prints it.
    wait_for_stderr(
        &served,
        "content/2025/10/rally.md:8:33: warning: `$NVDA` names no company in site.toml",
    );

    // Registering Nvidia links $NVDA: the article is checked again, unsaved.
    site.save_atomically(
        "site.toml",
        &format!(
            "{SITE_TOML}\n[companies.nvidia]\nname = \"Nvidia\"\ntickers = [\"NVDA\"]\necosystem = \"us\"\n"
        ),
    );
    let page = served.wait_for_text("/2025/10/rally/", "title=\"Nvidia\"");
    assert!(
        page.body.contains(
            "<a class=\"cashtag\" href=\"/companies/nvidia/\" title=\"Nvidia\">$NVDA</a>"
        ),
        "{}",
        page.body
    );

    // And `cashtags = false` turns them all off.
    site.save_atomically(
        "site.toml",
        &SITE_TOML.replace("per_page = 10", "per_page = 10\ncashtags = false"),
    );
    served.wait_for("/2025/10/rally/", "cashtags to be off", |page| {
        page.body.contains("$SMIC rose") && !page.body.contains("class=\"cashtag\"")
    });
}

#[test]
fn a_bundles_files_are_served_and_follow_every_change() {
    let site = Site::new();
    site.write(
        "content/2025/11/chips/index.md",
        &briefing(
            "Chips in pictures",
            "2025-11-02",
            "\"0981.HK\"",
            "[Closes](closes.csv)",
        ),
    );
    site.write("content/2025/11/chips/closes.csv", "date,close\n");
    let served = Served::start(&site, &[]);
    served.wait_for_text("/2025/11/chips/", "Chips in pictures");
    let csv = served.get("/2025/11/chips/closes.csv");
    assert_eq!(
        (csv.status, csv.header("content-type"), csv.body.as_str()),
        (200, Some("text/csv; charset=utf-8"), "date,close\n")
    );
    assert!(
        !csv.body.contains("brief-live"),
        "no script in a copied file"
    );

    site.write(
        "content/2025/11/chips/closes.csv",
        "date,close\n2025-11-03,1\n",
    );
    served.wait_for_text("/2025/11/chips/closes.csv", "2025-11-03,1");
    site.write("content/2025/11/chips/deep/filing.pdf", "%PDF-1.4\n");
    let pdf = served.wait_for_text("/2025/11/chips/deep/filing.pdf", "%PDF-1.4");
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    std::fs::remove_file(site.path("content/2025/11/chips/closes.csv")).unwrap();
    served.wait_for("/2025/11/chips/closes.csv", "a 404", |r| r.status == 404);
    assert!(!site.path("public").exists());
}

#[test]
fn an_old_url_is_answered_with_the_redirect_page_a_build_writes() {
    let site = Site::new();
    site.write(
        "content/2025/11/kept.md",
        "+++\ntitle = \"Kept\"\ndate = 2025-11-02\npath = \"/2015/05/15/Rust-1.0/\"\n\
         aliases = [\"/2015/05/15/rust-1.0.html\"]\n+++\n\nAt its old URL.\n",
    );
    let served = Served::start(&site, &[]);
    served.wait_for_text("/2015/05/15/Rust-1.0/", "At its old URL.");
    let old = served.get("/2015/05/15/rust-1.0.html");
    assert_eq!(old.status, 200);
    assert_eq!(old.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(
        old.body
            .contains("<meta http-equiv=\"refresh\" content=\"0; url=/2015/05/15/Rust-1.0/\">"),
        "{}",
        old.body
    );
    assert!(
        old.body
            .contains("<meta name=\"robots\" content=\"noindex\">")
    );

    // A new alias is answered once saved, and one removed is gone.
    site.replace("content/2025/11/kept.md", "rust-1.0.html", "rust-1-0/");
    served.wait_for_text("/2015/05/15/rust-1-0/", "url=/2015/05/15/Rust-1.0/");
    served.wait_for("/2015/05/15/rust-1.0.html", "a 404", |r| r.status == 404);
}

#[test]
fn the_search_page_and_its_index_are_served_and_follow_an_edit() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    let page = served.wait_for_text("/search/", "id=\"search-form\"");
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.body.contains("data-index=\"/search/index.json\""),
        "{}",
        page.body
    );
    let script = served.get("/search/search.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        script.body.starts_with("\"use strict\";"),
        "{}",
        script.body
    );
    assert!(!script.body.contains("brief-live"));

    let index = served.get("/search/index.json");
    assert_eq!(index.header("content-type"), Some("application/json"));
    let index: serde_json::Value = serde_json::from_str(&index.body).unwrap();
    assert_eq!(index["briefings"], 2);
    assert_eq!(index["term_shards"], 1);
    assert_eq!(index["companies"][1]["key"], "smic");
    assert_eq!(index["companies"][1]["tickers"][0], "0981.HK");
    assert_eq!(index["companies"][1]["url"], "/companies/smic/");

    // The rally is the newer of the two: record 1.
    let terms = served.wait_for_text("/search/terms/0.json", "\"domestic\"");
    assert!(!terms.body.contains("\"jumped\""));
    let record = served.get("/search/records/1.json");
    let record: serde_json::Value = serde_json::from_str(&record.body).unwrap();
    assert_eq!(record["url"], "/2025/10/rally/");
    assert_eq!(record["text"], "SMIC shares rose on the domestic AI push.");

    site.write(
        "content/2025/10/rally.md",
        &briefing(
            "Hong Kong chip stocks rally",
            "2025-10-02T09:30:00+08:00",
            "\"0981.HK\"",
            "SMIC shares jumped 11% on the first day of trading.",
        ),
    );
    let terms = served.wait_for_text("/search/terms/0.json", "\"jumped\"");
    assert!(!terms.body.contains("\"domestic\""), "{}", terms.body);
    served.wait_for_text("/search/records/1.json", "jumped 11%");
}

#[test]
fn a_link_preview_picture_no_static_file_provides_is_warned_about_when_its_briefing_is_saved() {
    let site = Site::new();
    site.replace(
        "content/2025/10/rally.md",
        "title = ",
        "image = \"/first.png\"\ntitle = ",
    );
    let served = Served::start(&site, &[]);
    wait_for_stderr(&served, "static/first.png");
    // A save of another briefing does not warn about this one again.
    site.replace(
        "content/2025/10/memory.md",
        "guided higher",
        "guided much higher",
    );
    served.wait_for_text("/2025/10/memory/", "guided much higher");
    site.replace("content/2025/10/rally.md", "/first.png", "/second.png");
    let stderr = wait_for_stderr(&served, "static/second.png");
    assert_eq!(stderr.matches("static/first.png").count(), 1, "{stderr}");
}
