//! Old URLs kept: `path` publishes an article at its exact URL, `aliases` leave a
//! redirect page at each old one, and Zola's `@/` links reach content files.

use crate::support::{Site, html};

const RESULTS: &str = "/2024/10/07/Results-1.52.0/";

#[test]
fn path_keeps_an_articles_exact_url_dots_and_capitals_included() {
    let site = Site::fixture("moved-site");
    let out = site.build().out;
    assert!(out.page(RESULTS).contains("Results in the old place"));
    assert!(!out.has("/2024/10/results/"));
    let home = out.page("/");
    assert!(home.contains(&format!("href=\"{RESULTS}\"")), "{home}");
    assert!(out.page("/sitemap.xml").contains(RESULTS));
}

#[test]
fn each_alias_is_a_redirect_page_that_no_list_names() {
    let site = Site::fixture("moved-site");
    let out = site.build().out;
    for alias in ["/2024/10/07/results-1.52.0.html", "/old/results/"] {
        let page = out.page(alias);
        let tags = html::tags(&page);
        let meta = |attr: &str, value: &str| {
            tags.iter()
                .find(|t| t.name == "meta" && t.get(attr) == Some(value))
                .and_then(|t| t.get("content").map(str::to_string))
        };
        assert_eq!(
            meta("http-equiv", "refresh").as_deref(),
            Some(&*format!("0; url={RESULTS}")),
            "{alias}"
        );
        assert_eq!(meta("name", "robots").as_deref(), Some("noindex"));
        let canonical = tags
            .iter()
            .find(|t| t.name == "link" && t.get("rel") == Some("canonical"))
            .and_then(|t| t.get("href"));
        assert_eq!(
            canonical,
            Some(&*format!("https://moved.example.org{RESULTS}"))
        );
        assert!(
            tags.iter()
                .any(|t| t.name == "a" && t.get("href") == Some(RESULTS)),
            "a visible link: {page}"
        );
    }
    for listing in [
        "/sitemap.xml",
        "/atom.xml",
        "/",
        "/2024/10/",
        "/companies/smic/",
    ] {
        let text = out.page(listing);
        assert!(!text.contains("results-1.52.0.html"), "{listing}");
        assert!(!text.contains("/old/results/"), "{listing}");
    }
}

#[test]
fn a_link_in_zolas_form_reaches_the_content_file() {
    let site = Site::fixture("moved-site");
    let out = site.build().out;
    let page = out.page("/2024/10/follow-up/");
    assert!(
        page.contains(&format!("href=\"{RESULTS}#outlook\"")),
        "{page}"
    );
}

#[test]
fn the_moved_site_passes_check() {
    let site = Site::fixture("moved-site");
    let run = site.brief(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{run:?}");
}
