//! The search page in headless Chromium: a reader types a ticker, a phrase, a ticker
//! with a word, and picks a filter, and sees the briefings that match and no others
//! (never a draft, a briefing not yet due or a page), with the words marked in the
//! passage shown; the first query downloads at most 300 KB in all.

use std::collections::BTreeSet;

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Emulation;

use super::accessibility::build_and_serve;
use crate::support::browser::{evaluate, launch, record_errors, wait_until};

const RALLY: &str = "Hong Kong chip stocks rally on the domestic AI push";
const CAPACITY: &str = "SMIC adds capacity at its Beijing fab";
const MICRON: &str = "Micron hits a record high on memory pricing";

/// Types `query` into the box (after emptying it), presses Enter and waits for the
/// status line to tell the outcome; returns the titles of the results, in order.
fn search(tab: &Tab, query: &str) -> Vec<String> {
    evaluate(
        tab,
        "document.getElementById('search-status').textContent = ''; \
         document.getElementById('search-query').value = ''; true",
    );
    let input = tab.find_element("#search-query").unwrap();
    input.click().unwrap();
    input.type_into(query).unwrap();
    tab.press_key("Enter").unwrap();
    wait_until(
        tab,
        "(() => { const s = document.getElementById('search-status').textContent; \
           return s.includes('found') || s.includes('No briefing'); })()",
        &format!("the outcome of `{query}`"),
    );
    titles(tab)
}

fn titles(tab: &Tab) -> Vec<String> {
    let found = evaluate(
        tab,
        "JSON.stringify([...document.querySelectorAll('.search-result .card-title')].map(h => h.innerText))",
    );
    serde_json::from_str(found.as_str().unwrap()).unwrap()
}

#[test]
fn a_reader_finds_briefings_by_ticker_phrase_and_filter() {
    let temp = tempfile::tempdir().unwrap();
    let base = build_and_serve(
        &crate::support::fixture_path("search"),
        &temp.path().join("public"),
    );
    let browser = launch();
    let tab = browser.new_tab().unwrap();
    let errors = record_errors(&tab);
    tab.navigate_to(&format!("{base}/search/"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_until(
        &tab,
        "!document.getElementById('search-form').hidden",
        "the search form",
    );

    // A ticker finds the briefings that name its company, wherever the text says,
    // newest first.
    let found = search(&tab, "0981.HK");
    assert_eq!(found, [CAPACITY, RALLY]);

    // The reader's first query, with the page, its stylesheet and script, the index
    // and the shards and records it fetched, is well under the budget.
    let bytes = evaluate(
        &tab,
        "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))\
           .reduce((sum, e) => sum + e.encodedBodySize, 0)",
    );
    let fetched = evaluate(
        &tab,
        "JSON.stringify(performance.getEntriesByType('resource').map(e => new URL(e.name).pathname))",
    );
    let fetched: Vec<String> = serde_json::from_str(fetched.as_str().unwrap()).unwrap();
    assert!(
        fetched.iter().any(|p| p == "/search/index.json")
            && fetched.iter().any(|p| p.starts_with("/search/terms/"))
            && fetched.iter().any(|p| p.starts_with("/search/records/")),
        "{fetched:?}"
    );
    let bytes = bytes.as_f64().unwrap();
    assert!(
        bytes > 0.0 && bytes <= 300_000.0,
        "{bytes} bytes: {fetched:?}"
    );

    // A phrase: the briefing with it in its title first, then the one with its words
    // in the text; not the one without them, nor the draft, the briefing due in 2999
    // or the About page, which have them too.
    let found = search(&tab, "domestic AI push");
    assert_eq!(found, [RALLY, MICRON]);
    let marks = evaluate(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.search-result mark')].map(m => m.innerText.toLowerCase()))",
    );
    let marks: BTreeSet<String> = serde_json::from_str(marks.as_str().unwrap()).unwrap();
    assert_eq!(
        marks,
        BTreeSet::from(["domestic".into(), "ai".into(), "push".into()])
    );
    let passage = evaluate(
        &tab,
        "document.querySelector('.search-result .search-passage').innerText",
    );
    assert!(
        passage.as_str().unwrap().contains("domestic AI push"),
        "{passage}"
    );
    assert_eq!(search(&tab, "zanzibar"), Vec::<String>::new());

    // A ticker and a word: Micron's briefing, by the ticker MU typed in any case.
    assert_eq!(search(&tab, "mu memory"), [MICRON]);
    assert_eq!(search(&tab, "MU foundry"), Vec::<String>::new());

    // The ecosystem filter narrows a word to the briefings of that ecosystem.
    evaluate(
        &tab,
        "(() => { const s = document.getElementById('search-ecosystem'); s.value = 'china'; \
           s.dispatchEvent(new Event('change')); return true; })()",
    );
    assert_eq!(search(&tab, "push"), [RALLY]);
    // The chips of a result link to its companies, as on every card.
    let chips = evaluate(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.search-result .chip')].map(a => [a.textContent, new URL(a.href).pathname]))",
    );
    let chips: Vec<(String, String)> = serde_json::from_str(chips.as_str().unwrap()).unwrap();
    assert_eq!(
        chips,
        [
            ("SMIC 0981.HK".to_string(), "/companies/smic/".to_string()),
            (
                "Hua Hong 1347.HK".to_string(),
                "/companies/hua-hong/".to_string()
            ),
        ]
    );
    // The query is in the address, so a search can be shared and reloaded.
    assert_eq!(
        evaluate(&tab, "location.search"),
        serde_json::json!("?q=push&ecosystem=china")
    );

    let errors: Vec<String> = errors
        .lock()
        .unwrap()
        .iter()
        .filter(|e| !e.contains("/favicon.ico"))
        .cloned()
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");

    // Without JavaScript, the form stays hidden and the page says how to browse.
    let plain = browser.new_tab().unwrap();
    plain
        .call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .unwrap();
    plain
        .navigate_to(&format!("{base}/search/"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let shown = evaluate(&plain, "document.body.innerText");
    let shown = shown.as_str().unwrap();
    assert!(
        shown.contains("browse the briefings by company or by ecosystem"),
        "{shown}"
    );
    assert!(!shown.contains("Words, a company or a ticker"), "{shown}");
}

/// What a reader's first query downloads on a large built site: `BRIEF_SEARCH_OUTPUT`
/// names its output folder (bench/search.sh builds 10,000 briefings and runs this).
/// Each query is typed into a freshly loaded page, and every byte the page fetched is
/// counted: the page, the stylesheet, the script, the index, the shards and records.
#[test]
#[ignore = "needs a large built site: run by bench/search.sh"]
fn a_first_query_on_a_large_site_downloads_at_most_300_kb() {
    let output =
        std::env::var("BRIEF_SEARCH_OUTPUT").expect("BRIEF_SEARCH_OUTPUT names a built site");
    let output = std::path::PathBuf::from(output);
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("search/index.json")).unwrap()).unwrap();
    let ticker = index["companies"][0]["tickers"][0]
        .as_str()
        .unwrap()
        .to_string();
    let ecosystem = index["ecosystems"][0]["key"].as_str().unwrap().to_string();
    let base = super::accessibility::serve_folder(output);
    let browser = launch();
    let queries = [
        (ticker.clone(), String::new()),
        ("domestic lithography".to_string(), String::new()),
        (
            "memory makers revised supply contracts".to_string(),
            String::new(),
        ),
        (format!("{ticker} capacity guidance"), String::new()),
        ("advanced nodes".to_string(), ecosystem),
    ];
    let mut worst = 0.0f64;
    for (query, ecosystem) in queries {
        let tab = browser.new_tab().unwrap();
        let url = if ecosystem.is_empty() {
            format!("{base}/search/")
        } else {
            format!("{base}/search/?ecosystem={ecosystem}")
        };
        tab.navigate_to(&url)
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        wait_until(
            &tab,
            "!document.getElementById('search-form').hidden",
            "the form",
        );
        let found = search(&tab, &query);
        wait_until(
            &tab,
            "document.querySelectorAll('.search-result').length === Math.min(10, \
               parseInt(document.getElementById('search-status').textContent) || 0)",
            "the first results",
        );
        let bytes = evaluate(
            &tab,
            "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))\
               .reduce((sum, e) => sum + e.encodedBodySize, 0)",
        )
        .as_f64()
        .unwrap();
        let files = evaluate(&tab, "performance.getEntriesByType('resource').length + 1");
        println!(
            "first query {query:?}{}: {} results shown, {files} files, {:.1} KB",
            if ecosystem.is_empty() {
                String::new()
            } else {
                format!(" in {ecosystem}")
            },
            found.len(),
            bytes / 1000.0
        );
        worst = worst.max(bytes);
        tab.close(true).unwrap();
    }
    println!("largest first query: {:.1} KB", worst / 1000.0);
    assert!(worst <= 300_000.0, "{worst} bytes");
}
