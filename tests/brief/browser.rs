//! `brief serve` in a real browser: Debian's headless Chromium opens a page, the test
//! saves the page's file, and the page must show the new text by itself, with no
//! console errors. A module of its own, so the everyday loop over the serve tests
//! (`cargo test --test brief serve::`) does not wait for a browser.
//!
//! Never downloads a browser: it uses /usr/bin/chromium (`.ci/run` installs it), or
//! the one `BRIEF_CHROMIUM` names. The accessibility audit (axe-core) is in
//! browser/accessibility.rs.
#![cfg(unix)]

mod accessibility;
mod search;

use crate::support::browser::{briefing, evaluate, launch, make_site, record_errors, wait_until};
use crate::support::serve::Served;

#[test]
fn a_saved_change_shows_in_the_browser_by_itself() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let article = make_site(root);
    let served = Served::on_port(root, 0);

    let browser = launch();
    let tab = browser.new_tab().unwrap();
    let errors = record_errors(&tab);
    tab.navigate_to(&format!("{}2025/10/rally/", served.url))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_until(
        &tab,
        "document.body.innerText.includes('domestic AI push')",
        "the first text",
    );

    // Save the article: the page reloads by itself and shows the new text.
    std::fs::write(&article, briefing("SMIC shares jumped 11% at the open.")).unwrap();
    wait_until(
        &tab,
        "document.body.innerText.includes('jumped 11% at the open')",
        "the saved text",
    );

    // A stylesheet change is swapped in place: the page is not reloaded.
    evaluate(&tab, "window.briefMarker = 'still here'; true");
    std::fs::write(
        root.join("static/style.css"),
        "body { color: rgb(102, 51, 153); }\n",
    )
    .unwrap();
    wait_until(
        &tab,
        "getComputedStyle(document.body).color === 'rgb(102, 51, 153)'",
        "the new stylesheet",
    );
    assert_eq!(
        evaluate(&tab, "window.briefMarker"),
        serde_json::json!("still here"),
        "a stylesheet change must not reload the page"
    );

    // A broken save shows the error over the last good page; the fix clears it.
    std::fs::write(
        &article,
        "+++\ntitle = \"Hong Kong chip stocks rally\ndate = 2025-10-02\n+++\n\nBroken.\n",
    )
    .unwrap();
    wait_until(
        &tab,
        "!!document.getElementById('brief-problem') && document.body.innerText.includes('rally.md:2')",
        "the error overlay",
    );
    std::fs::write(&article, briefing("Fixed: SMIC closed 9% higher.")).unwrap();
    wait_until(
        &tab,
        "!document.getElementById('brief-problem') && document.body.innerText.includes('closed 9% higher')",
        "the fixed page",
    );

    let errors = errors.lock().unwrap().clone();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

#[test]
fn an_open_page_reconnects_and_reloads_when_the_server_restarts() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let article = make_site(root);
    let served = Served::on_port(root, 0);
    let port: u16 = served
        .url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();

    let browser = launch();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{}2025/10/rally/", served.url))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_until(
        &tab,
        "document.body.innerText.includes('domestic AI push')",
        "the first text",
    );
    evaluate(&tab, "window.briefMarker = 'before the restart'; true");

    // Stopped, the file changed while nothing watched it, started again on the same port.
    drop(served);
    std::fs::write(&article, briefing("Written while the server was down.")).unwrap();
    let _served = Served::on_port(root, port);
    wait_until(
        &tab,
        "window.briefMarker === undefined && document.body.innerText.includes('while the server was down')",
        "the page reloaded from the new server",
    );
}

/// Opens `url` on a `scheme` screen `width` by `height` pixels and waits for the
/// theme's stylesheet.
fn show(tab: &headless_chrome::Tab, url: &str, scheme: &str, width: u32, height: u32) {
    accessibility::emulate(tab, scheme, width, height);
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_until(
        tab,
        &format!(
            "matchMedia('(prefers-color-scheme: {scheme})').matches && innerWidth === {width} \
             && document.styleSheets.length > 0"
        ),
        "the styled page",
    );
}

/// How the element `selector` is drawn: its computed `property`, and whether it is
/// seen whole within the page's width.
fn drawn(tab: &headless_chrome::Tab, selector: &str, property: &str) -> (String, bool) {
    let found = evaluate(
        tab,
        &format!(
            "(() => {{ const e = document.querySelector('{selector}'); if (!e) return null;\
               const r = e.getBoundingClientRect();\
               return JSON.stringify([getComputedStyle(e).getPropertyValue('{property}'),\
                 r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth\
                 && document.documentElement.scrollWidth <= innerWidth]); }})()"
        ),
    );
    let found: serde_json::Value = found
        .as_str()
        .map(|json| serde_json::from_str(json).unwrap())
        .unwrap_or_else(|| {
            panic!(
                "no {selector} on {}",
                evaluate(
                    tab,
                    "location.href + ': ' + document.body.innerText.slice(0, 400)"
                )
            )
        });
    (
        found[0].as_str().unwrap().to_string(),
        found[1].as_bool().unwrap(),
    )
}

#[test]
fn a_company_chart_and_an_ecosystem_board_follow_dark_mode_and_fit_a_phone() {
    let temp = tempfile::tempdir().unwrap();
    let base = accessibility::build_and_serve(
        &crate::support::fixture_path("market"),
        &temp.path().join("public"),
    );
    let browser = launch();
    let tab = browser.new_tab().unwrap();
    let errors = record_errors(&tab);
    let company = format!("{base}/companies/smic/");
    let ecosystem = format!("{base}/ecosystems/china/");

    let mut strokes = Vec::new();
    for scheme in ["light", "dark"] {
        for width in [1280, 390] {
            show(&tab, &company, scheme, width, 844);
            let (line, seen) = drawn(&tab, ".chart-line", "stroke");
            assert!(seen, "the price line is seen whole at {width}px, {scheme}");
            let (marker, _) = drawn(&tab, ".chart-marks circle", "fill");
            let (chart, fits) = drawn(&tab, ".chart-svg", "display");
            assert!(
                fits && chart == "block",
                "the chart fits {width}px, {scheme}"
            );
            assert_eq!(
                evaluate(
                    &tab,
                    "document.querySelectorAll('.chart-marks a[href]').length"
                ),
                serde_json::json!(3),
                "each marker is a link"
            );
            strokes.push((scheme, line, marker));

            show(&tab, &ecosystem, scheme, width, 844);
            let (spark, seen) = drawn(&tab, ".spark-line", "stroke");
            assert!(seen, "the sparkline is seen at {width}px, {scheme}");
            assert_eq!(
                spark,
                strokes.last().unwrap().1,
                "a sparkline is drawn like the chart"
            );
            let (_, fits) = drawn(&tab, ".board", "display");
            assert!(fits, "the board fits {width}px, {scheme}");
            if width == 390 {
                // On a phone the first briefing is no more than a screen away.
                let top = evaluate(
                    &tab,
                    "document.querySelector('.card').getBoundingClientRect().top / innerHeight",
                );
                assert!(
                    top.as_f64().unwrap() < 2.0,
                    "the first briefing starts {top} screens down, {scheme}"
                );
            }
        }
    }
    let (light, dark): (Vec<_>, Vec<_>) = strokes.iter().partition(|s| s.0 == "light");
    assert_ne!(light[0].1, dark[0].1, "the line's colour follows dark mode");
    assert_ne!(
        light[0].2, dark[0].2,
        "the markers' colour follows dark mode"
    );
    assert_eq!(light[0].1, light[1].1, "the same colours at every width");

    // A static server has no favicon to give; the site asks for none.
    let errors: Vec<String> = errors
        .lock()
        .unwrap()
        .iter()
        .filter(|e| !e.contains("/favicon.ico"))
        .cloned()
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}
