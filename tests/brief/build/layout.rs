//! The built layout as a reader gets it: no comment section, no scripts, no requests
//! to other hosts, and no internal link that leads nowhere (the example site at the
//! repository root, and fixtures).

use std::collections::HashMap;

use crate::support::{Out, Site, brief, html, repository_root};

/// Every internal link (`/...` or `#...` in an href or src) of every HTML page that
/// does not lead to a written file, or to an id in it.
fn broken_internal_links(out: &Out) -> Vec<String> {
    let pages = out.html_pages();
    let mut ids_of: HashMap<std::path::PathBuf, std::collections::HashSet<String>> = HashMap::new();
    let mut broken = Vec::new();
    for (file, text) in &pages {
        for (tag, url) in html::references(text) {
            let (path, fragment) = url.split_once('#').unwrap_or((url.as_str(), ""));
            let target = if path.is_empty() {
                out.dir.join(file)
            } else if path.starts_with('/') && !path.starts_with("//") {
                out.file_for(path)
            } else {
                continue;
            };
            if !target.is_file() {
                broken.push(format!(
                    "{file}: <{tag}> {url}: no file {}",
                    target.display()
                ));
                continue;
            }
            if fragment.is_empty() {
                continue;
            }
            let ids = ids_of.entry(target.clone()).or_insert_with(|| {
                std::fs::read_to_string(&target)
                    .map_or_else(|_| Default::default(), |t| html::ids(&t))
            });
            if !ids.contains(fragment) {
                broken.push(format!(
                    "{file}: <{tag}> {url}: no id {fragment:?} in the target"
                ));
            }
        }
    }
    broken
}

#[test]
fn every_internal_link_of_the_example_site_resolves() {
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("public");
    brief()
        .arg("build")
        .arg("--root")
        .arg(repository_root())
        .arg("--output")
        .arg(&output)
        .assert()
        .success();
    let out = Out::at(output);
    assert!(
        out.html_pages().len() > 40,
        "the example site has its pages"
    );
    let broken = broken_internal_links(&out);
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_internal_link_of_the_fixture_site_resolves() {
    let site = Site::fixture("site");
    let out = site.build_with(&["--drafts", "--future"]).out;
    let broken = broken_internal_links(&out);
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_internal_link_of_a_site_without_an_about_page_resolves() {
    // The markdown fixture has no content/about.md, like many a site.
    let site = Site::fixture("markdown");
    let out = site.build().out;
    let broken = broken_internal_links(&out);
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_layout_has_no_comments_no_scripts_and_no_requests_to_other_hosts() {
    let site = Site::fixture("site");
    let out = site.build_with(&["--drafts", "--future"]).out;
    let pages = out.html_pages();
    assert!(pages.len() > 20);
    let mut found = Vec::new();
    for (file, text) in &pages {
        // JSON-LD is data that browsers never run: the one kind of script allowed,
        // but for the search page's own script and form, on that page alone.
        let mut lower = text
            .to_lowercase()
            .replace("<script type=\"application/ld+json\">", "");
        if file == "search/index.html" {
            lower = lower
                .replacen("<script src=\"/search/search.js\" defer>", "", 1)
                .replacen("<form class=\"search-form\"", "", 1);
        }
        for forbidden in [
            "comment", "<script", "<form", "<iframe", "disqus", "giscus", "utteranc",
        ] {
            if lower.contains(forbidden) {
                found.push(format!("{file}: contains {forbidden:?}"));
            }
        }
        for tag in html::tags(text) {
            if !matches!(
                tag.name.as_str(),
                "link"
                    | "script"
                    | "img"
                    | "iframe"
                    | "source"
                    | "video"
                    | "audio"
                    | "embed"
                    | "object"
            ) {
                continue;
            }
            for attribute in ["href", "src", "srcset", "data"] {
                let Some(value) = tag.get(attribute) else {
                    continue;
                };
                let external = value.starts_with("http://")
                    || value.starts_with("https://")
                    || value.starts_with("//");
                let own = value == "https://chipwire.example.org"
                    || value.starts_with("https://chipwire.example.org/");
                if external && !own {
                    found.push(format!("{file}: <{} {attribute}=\"{value}\">", tag.name));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
