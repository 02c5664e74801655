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

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};

const DEADLINE: Duration = Duration::from_secs(20);

const SITE_TOML: &str = r#"title = "Two Stacks"
base_url = "https://example.org"

[ecosystems.china]
name = "China's domestic stack"

[companies.smic]
name = "SMIC"
tickers = ["0981.HK"]
ecosystem = "china"
"#;

fn briefing(body: &str) -> String {
    format!(
        "+++\ntitle = \"Hong Kong chip stocks rally\"\ndate = 2025-10-02\necosystem = \"china\"\ntickers = [\"0981.HK\"]\n+++\n\n{body}\n"
    )
}

/// `brief serve` on a free port; killed when dropped.
struct Served {
    child: Child,
    url: String,
}

impl Served {
    fn start(root: &Path) -> Served {
        Served::on_port(root, 0)
    }

    fn on_port(root: &Path, port: u16) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("brief runs");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = loop {
            let line = lines.next().expect("brief serve printed its URL").unwrap();
            if let Some(at) = line.find("http://") {
                break line[at..].split_whitespace().next().unwrap().to_string();
            }
        };
        // Keep reading, so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Served { child, url }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium() -> PathBuf {
    let path = std::env::var_os("BRIEF_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "no Chromium at {}: install Debian's `chromium` (.ci/run does) or set BRIEF_CHROMIUM",
        path.display()
    );
    path
}

fn launch() -> Browser {
    let options = LaunchOptions::default_builder()
        .path(Some(chromium()))
        .headless(true)
        .sandbox(false)
        .args(vec![
            OsStr::new("--disable-gpu"),
            OsStr::new("--disable-background-networking"),
            OsStr::new("--no-first-run"),
        ])
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .expect("launch options");
    Browser::new(options).expect("Chromium starts")
}

/// Every console error, uncaught exception and error log entry the page produces.
fn record_errors(tab: &Tab) -> Arc<Mutex<Vec<String>>> {
    let errors = Arc::new(Mutex::new(Vec::new()));
    let sink = errors.clone();
    tab.enable_log().unwrap();
    tab.enable_runtime().unwrap();
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let error = match event {
            Event::RuntimeConsoleAPICalled(called) => {
                let kind = format!("{:?}", called.params.Type);
                (kind == "Error" || kind == "Assert")
                    .then(|| format!("console.{kind}: {:?}", called.params.args))
            }
            Event::RuntimeExceptionThrown(thrown) => {
                Some(format!("exception: {:?}", thrown.params.exception_details))
            }
            Event::LogEntryAdded(entry) => {
                let level = format!("{:?}", entry.params.entry.level);
                (level == "Error").then(|| {
                    format!(
                        "log: {} ({:?})",
                        entry.params.entry.text, entry.params.entry.url
                    )
                })
            }
            _ => None,
        };
        if let Some(error) = error {
            sink.lock().unwrap().push(error);
        }
    }))
    .unwrap();
    errors
}

fn evaluate(tab: &Tab, expression: &str) -> serde_json::Value {
    tab.evaluate(expression, false)
        .expect("the page evaluates")
        .value
        .unwrap_or(serde_json::Value::Null)
}

/// Polls `expression` in the page until it is true.
fn wait_until(tab: &Tab, expression: &str, what: &str) {
    let started = Instant::now();
    loop {
        // The page may be reloading right now: an error here is a reason to try again.
        if let Ok(object) = tab.evaluate(expression, false)
            && object.value == Some(serde_json::Value::Bool(true))
        {
            return;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "the page never showed {what}; body: {}",
            evaluate(tab, "document.body ? document.body.innerText : ''")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A site with one briefing and a stylesheet; returns the briefing's path.
fn make_site(root: &Path) -> PathBuf {
    std::fs::write(root.join("site.toml"), SITE_TOML).unwrap();
    std::fs::create_dir_all(root.join("content/2025/10")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(
        root.join("static/style.css"),
        "body { color: rgb(0, 0, 0); }\n",
    )
    .unwrap();
    let article = root.join("content/2025/10/rally.md");
    std::fs::write(
        &article,
        briefing("SMIC shares rose on the domestic AI push."),
    )
    .unwrap();
    article
}

#[test]
fn a_saved_change_shows_in_the_browser_by_itself() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let article = make_site(root);
    let served = Served::start(root);

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
    let served = Served::start(root);
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
