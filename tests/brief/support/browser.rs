//! Headless Chromium for the browser tests: Debian's /usr/bin/chromium (or the one
//! `BRIEF_CHROMIUM` names) launched, a page's console errors recorded, and expressions
//! evaluated and waited for in it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};

/// How long a page may take to show what a test waits for.
const DEADLINE: Duration = Duration::from_secs(20);

/// The browser tests' site: one ecosystem, one company.
const SITE_TOML: &str = r#"title = "Two Stacks"
base_url = "https://example.org"

[ecosystems.china]
name = "China's domestic stack"

[companies.smic]
name = "SMIC"
tickers = ["0981.HK"]
ecosystem = "china"
"#;

/// The site's one briefing, with `body`.
pub fn briefing(body: &str) -> String {
    format!(
        "+++\ntitle = \"Hong Kong chip stocks rally\"\ndate = 2025-10-02\necosystem = \"china\"\ntickers = [\"0981.HK\"]\n+++\n\n{body}\n"
    )
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

pub fn launch() -> Browser {
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
pub fn record_errors(tab: &Tab) -> Arc<Mutex<Vec<String>>> {
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

pub fn evaluate(tab: &Tab, expression: &str) -> serde_json::Value {
    tab.evaluate(expression, false)
        .expect("the page evaluates")
        .value
        .unwrap_or(serde_json::Value::Null)
}

/// Polls `expression` in the page until it is true.
pub fn wait_until(tab: &Tab, expression: &str, what: &str) {
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
pub fn make_site(root: &Path) -> PathBuf {
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
