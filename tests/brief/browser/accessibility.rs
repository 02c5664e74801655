//! Accessibility out of the box: axe-core (the npm package) audits every kind of page
//! of the example site and of a site fresh from `brief init`, in light and dark mode,
//! on a desktop and a phone screen; any critical or serious violation fails the test.
//!
//! The built sites are served over HTTP from their output folders, as a web server
//! would serve them, so the pages are exactly what a build publishes (no live reload).
//! `BRIEF_AXE` names axe.min.js; without it the test installs axe-core under
//! target/axe with `npm install --ignore-scripts`, as `.ci/run` does.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Emulation;

use super::launch;

/// A way of looking at a page: the colour scheme the reader's system asks for, and the
/// width of the screen.
#[derive(Clone, Copy, Debug)]
struct View {
    scheme: &'static str,
    width: u32,
}

const VIEWS: [View; 4] = [
    View {
        scheme: "light",
        width: 1280,
    },
    View {
        scheme: "dark",
        width: 1280,
    },
    View {
        scheme: "light",
        width: 390,
    },
    View {
        scheme: "dark",
        width: 390,
    },
];

/// A briefing that uses every Markdown feature a writer reaches for, including the two
/// that once failed the audit: a task list, and a code line wider than any screen.
const EVERY_FEATURE: &str = r#"+++
title = "Every feature at once"
date = 2025-10-02T09:30:00+00:00
ecosystem = ["china"]
tickers = ["0981.HK"]
+++

SMIC rose 11%, a move "nobody" expected -- see the table.[^note]

<!-- more -->

## Checklist

- [x] read the filing
- [ ] call the analyst

## The command

```sh
brief build --root my-site --output /srv/www/briefings --drafts --future --base-url https://briefings.example.org/preview/with/a/long/path
```

## Moves

| Company | Ticker | Close | Move | Volume | Market value | Note on the day's trading |
| --- | --- | ---: | ---: | ---: | ---: | --- |
| SMIC | 0981.HK | HK$45.10 | +10.9% | 312,000,000 | HK$358,000,000,000 | the largest one-day gain since the listing |

> A quote from the filing, ~~struck~~ and *emphasised*.

[^note]: The broker's note of 2 October.
"#;

/// axe-core's script: `BRIEF_AXE`, else the npm package under target/axe.
fn axe_script() -> String {
    let path = crate::support::npm_file("BRIEF_AXE", "axe", "axe-core", "axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read axe-core at {}: {e}", path.display()))
}

/// Serves `dir` on a free loopback port as a static web server would: a folder's
/// index.html, and 404.html with status 404 for anything else. Returns the base URL.
pub(super) fn serve_folder(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            // One thread a connection: Chromium opens sockets before it has a request.
            std::thread::spawn(move || {
                let _ = answer(stream, &dir);
            });
        }
    });
    base
}

fn answer(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut file = dir.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let (status, file) = if file.is_file() && !path.contains("..") {
        ("200 OK", file)
    } else {
        ("404 Not Found", dir.join("404.html"))
    };
    let mut body = std::fs::read(&file)?;
    // A redirect page is audited where it stands: its refresh is put off by a day as
    // it is served here, which axe counts as no timed refresh (past 20 hours), so the
    // tab stays on it; nothing else of the page changes.
    let refresh = b"http-equiv=\"refresh\" content=\"0;";
    if let Some(at) = body.windows(refresh.len()).position(|w| w == refresh) {
        let delay = at + refresh.len() - 2;
        body.splice(delay..delay + 1, b"86400".iter().copied());
    }
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("xml") => "application/xml",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

fn brief(args: &[&str], dir: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("brief runs");
    assert!(
        output.status.success(),
        "brief {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Builds the site at `root` into `out` and serves it.
pub(super) fn build_and_serve(root: &Path, out: &Path) -> String {
    brief(&["build", "--output", out.to_str().unwrap()], root);
    serve_folder(out.to_path_buf())
}

/// A site fresh from `brief init`, with one more briefing using every Markdown feature.
fn init_site(dir: &Path) -> PathBuf {
    brief(&["init", "site"], dir);
    let root = dir.join("site");
    let path = root.join("content/2025/10/every-feature.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, EVERY_FEATURE).unwrap();
    root
}

/// The welcome briefing's URL: `brief init` dates it today.
fn welcome_url(root: &Path) -> String {
    let found = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == "welcome.md")
        .expect("brief init writes a welcome briefing");
    let relative = found
        .path()
        .strip_prefix(root.join("content"))
        .unwrap()
        .with_extension("");
    format!("/{}/", relative.to_string_lossy().replace('\\', "/"))
}

/// Opens `url`, runs `before` in it (to break it on purpose), and loads axe-core.
fn open(tab: &Tab, axe: &str, url: &str, before: &str) {
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    if !before.is_empty() {
        tab.evaluate(before, false).unwrap();
    }
    tab.evaluate(axe, false).expect("axe-core loads");
}

/// Shows the open page in the `scheme` (`light` or `dark`) a reader's system asks for,
/// on a screen `width` by `height` pixels.
pub(super) fn emulate(tab: &Tab, scheme: &str, width: u32, height: u32) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: None,
        features: Some(vec![Emulation::MediaFeature {
            name: "prefers-color-scheme".into(),
            value: scheme.into(),
        }]),
    })
    .unwrap();
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
}

/// Shows the open page as `view` describes, checks that the theme's stylesheet and the
/// colour scheme took effect, and returns the page's critical and serious violations.
fn audit(tab: &Tab, url: &str, view: View) -> Vec<String> {
    emulate(tab, view.scheme, view.width, 900);
    let ready = tab
        .evaluate(
            &format!(
                "matchMedia('(prefers-color-scheme: {})').matches && innerWidth === {} \
                 && document.styleSheets.length > 0 \
                 && getComputedStyle(document.body).backgroundColor !== 'rgba(0, 0, 0, 0)'",
                view.scheme, view.width
            ),
            false,
        )
        .unwrap()
        .value;
    assert_eq!(
        ready,
        Some(serde_json::Value::Bool(true)),
        "{url} is not shown styled as {view:?}"
    );
    // With the rule that a link's visible text be in its name, which axe leaves off by
    // default, as a footnote's back-links show a count (`↩²`) beside a name of words.
    let found = tab
        .evaluate(
            "axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } }).then(results => JSON.stringify(\
               results.violations\
                 .filter(v => v.impact === 'critical' || v.impact === 'serious')\
                 .flatMap(v => v.nodes.map(n => ({\
                   rule: v.id, impact: v.impact, target: n.target.join(' '),\
                   why: (n.failureSummary || '').replace(/\\s+/g, ' '),\
                 })))))",
            true,
        )
        .expect("axe.run finishes")
        .value;
    let found: Vec<serde_json::Value> = match found {
        Some(serde_json::Value::String(json)) => serde_json::from_str(&json).unwrap(),
        other => panic!("axe.run returned {other:?} on {url}"),
    };
    found
        .iter()
        .map(|v| {
            format!(
                "{url} ({} scheme, {}px): {} ({}) at `{}`: {}",
                view.scheme,
                view.width,
                v["rule"].as_str().unwrap_or_default(),
                v["impact"].as_str().unwrap_or_default(),
                v["target"].as_str().unwrap_or_default(),
                v["why"].as_str().unwrap_or_default(),
            )
        })
        .collect()
}

fn tab(browser: &headless_chrome::Browser) -> std::sync::Arc<Tab> {
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(60));
    tab
}

#[test]
fn every_kind_of_page_passes_axe_in_light_and_dark_mode() {
    let axe = axe_script();
    let temp = tempfile::tempdir().unwrap();

    let example = build_and_serve(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &temp.path().join("example"),
    );
    let example_pages = [
        "/",
        "/page/2/",
        "/2025/10/broadcom-openai-custom-chips/",
        "/2025/10/hong-kong-chip-rally/",
        "/about/",
        "/methodology/",
        "/companies/",
        "/companies/smic/",
        "/ecosystems/",
        "/ecosystems/china/",
        "/2025/",
        "/2025/10/",
        "/2025/10/02/",
        "/no-such-page/",
        // The search page with results (cards, chips and marked passages) on it.
        "/search/?q=smic+capacity",
    ];
    let init_root = init_site(temp.path());
    let init = build_and_serve(&init_root, &temp.path().join("init"));
    let welcome = welcome_url(&init_root);
    let init_pages = [
        "/",
        welcome.as_str(),
        "/2025/10/every-feature/",
        "/about/",
        "/companies/",
        "/companies/nvidia/",
        "/ecosystems/",
        "/ecosystems/us/",
        "/no-such-page/",
    ];

    // Charts and boards: a company with prices, one with reported moves only, and an
    // ecosystem's board.
    let market = build_and_serve(
        &crate::support::fixture_path("market"),
        &temp.path().join("market"),
    );
    let market_pages = [
        "/companies/smic/",
        "/companies/micron/",
        "/ecosystems/china/",
    ];
    // A day's board with moves from several ecosystems, and a year with neighbours.
    let archives = build_and_serve(
        &crate::support::fixture_path("archives"),
        &temp.path().join("archives"),
    );
    let archive_pages = ["/2025/", "/2025/10/02/"];
    // A page bundle's briefing (an image beside it), and a redirect page of an old URL.
    let moved = build_and_serve(
        &crate::support::fixture_path("moved-site"),
        &temp.path().join("moved"),
    );
    let moved_pages = ["/2024/10/rally/", "/old/results/"];
    // Figures with captions and responsive images; copied first, as a build keeps its
    // cache of resized copies in the site's folder.
    let images_root = temp.path().join("images-site");
    crate::support::copy_dir(&crate::support::fixture_path("images"), &images_root);
    let images = build_and_serve(&images_root, &temp.path().join("images"));
    let image_pages = ["/2024/10/capex-chart/"];
    // Highlighted code in several languages, notes at the end and a definition list.
    let markdown = build_and_serve(
        &crate::support::fixture_path("moved-markdown"),
        &temp.path().join("markdown"),
    );
    let markdown_pages = ["/2025/10/moved/"];

    let browser = launch();
    let tab = tab(&browser);
    let mut violations = Vec::new();
    let mut audited = 0;
    for (base, pages) in [
        (&example, &example_pages[..]),
        (&init, &init_pages[..]),
        (&market, &market_pages[..]),
        (&archives, &archive_pages[..]),
        (&moved, &moved_pages[..]),
        (&images, &image_pages[..]),
        (&markdown, &markdown_pages[..]),
    ] {
        for page in pages {
            let url = format!("{base}{page}");
            open(&tab, &axe, &url, "");
            if page.starts_with("/search/") {
                super::wait_until(
                    &tab,
                    "document.querySelectorAll('.search-result mark').length > 0",
                    "search results",
                );
            }
            for view in VIEWS {
                violations.extend(audit(&tab, &url, view));
                audited += 1;
            }
            // A redirect page must not have moved on before or during its audit.
            assert_eq!(tab.get_url(), url, "the audit is of the page asked for");
        }
    }
    assert_eq!(audited, 33 * VIEWS.len());
    assert!(
        violations.is_empty(),
        "{} critical or serious axe-core violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// The audit is real: undo brief's fixes in a page (the task-list labels, the tabindex
/// of the code block and of the table's wrapper) and add faint text, and axe reports
/// each of them.
#[test]
fn the_audit_finds_unlabelled_checkboxes_unreachable_scrolling_blocks_and_faint_text() {
    let axe = axe_script();
    let temp = tempfile::tempdir().unwrap();
    let root = init_site(temp.path());
    let base = build_and_serve(&root, &temp.path().join("public"));

    let browser = launch();
    let tab = tab(&browser);
    let broken = "document.querySelectorAll('input[type=checkbox]').forEach(i => i.removeAttribute('aria-label'));\
                  document.querySelectorAll('pre, .table-scroll').forEach(p => p.removeAttribute('tabindex'));\
                  document.querySelector('h1').style.color = '#c8c8c8'; true";
    let url = format!("{base}/2025/10/every-feature/");
    open(&tab, &axe, &url, broken);
    let found = audit(&tab, &url, VIEWS[0]);
    let rules = |rule: &str| found.iter().filter(|v| v.contains(rule)).count();
    assert_eq!(rules(": label (critical)"), 2, "{found:#?}");
    assert_eq!(
        rules(": scrollable-region-focusable (serious)"),
        2,
        "{found:#?}"
    );
    assert_eq!(rules(": color-contrast (serious)"), 1, "{found:#?}");
}

/// A move on a company chip, as Chromium lays it out and a screen reader names it:
/// the chip's accessible name says the move in words, and the sign and number are on
/// screen in the text, whatever the colour scheme.
#[test]
fn a_chip_with_a_move_is_named_in_words_and_shows_its_sign_in_text() {
    let axe = axe_script();
    let temp = tempfile::tempdir().unwrap();
    let base = build_and_serve(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &temp.path().join("example"),
    );
    let browser = launch();
    let tab = tab(&browser);
    for page in ["/2025/10/hong-kong-chip-rally/", "/companies/hua-hong/"] {
        let url = format!("{base}{page}");
        open(&tab, &axe, &url, "");
        for view in [VIEWS[0], VIEWS[3]] {
            assert!(audit(&tab, &url, view).is_empty(), "{url} {view:?}");
            let found = tab
                .evaluate(
                    "(() => { axe.setup(document); \
                       const chips = [...document.querySelectorAll('a.chip')]\
                         .filter(a => a.querySelector('.chip-move')).slice(0, 2)\
                         .map(a => { const shown = a.querySelector('.chip-move [aria-hidden=true]'); \
                           return { name: axe.commons.text.accessibleText(a), \
                                    shown: shown.innerText, width: shown.getBoundingClientRect().width }; }); \
                       axe.teardown(); return JSON.stringify(chips); })()",
                    false,
                )
                .unwrap()
                .value;
            let Some(serde_json::Value::String(json)) = found else {
                panic!("{url}: {found:?}");
            };
            let chips: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
            let names: Vec<&str> = chips.iter().map(|c| c["name"].as_str().unwrap()).collect();
            assert_eq!(
                names,
                [
                    "SMIC 0981.HK up 11.0 percent",
                    "Hua Hong Semiconductor 1347.HK up 7.0 percent"
                ],
                "{url} {view:?}"
            );
            let shown: Vec<&str> = chips.iter().map(|c| c["shown"].as_str().unwrap()).collect();
            assert_eq!(shown, ["▲ 11.0 %", "▲ 7.0 %"], "{url} {view:?}");
            assert!(
                chips.iter().all(|c| c["width"].as_f64().unwrap() > 10.0),
                "the sign and number are on screen: {chips:?}"
            );
        }
    }
}
