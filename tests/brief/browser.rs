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
