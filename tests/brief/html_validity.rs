//! The example site's HTML passes the W3C Nu HTML checker with no errors.
//!
//! Runs the real checker (the `vnu-jar` npm package, with Java) over every page of the
//! example site at the repository root, of the `market` fixture (charts drawn from
//! price files), the `archives` fixture, the `moved-site` fixture (a bundle, and redirect
//! pages) and the `images` fixture (figures, `<picture>`). `VNU_JAR` names the jar; without it the test
//! installs the package under target/vnu with npm.

use std::path::{Path, PathBuf};
use std::process::Command;

use brief::build::{BuildOptions, build};

fn vnu_jar() -> PathBuf {
    crate::support::npm_file("VNU_JAR", "vnu", "vnu-jar", "build/dist/vnu.jar")
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn every_page_of_the_example_site_is_valid_html5() {
    let out = tempfile::tempdir().unwrap();
    let mut options = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    options.output = Some(out.path().join("public"));
    let report = build(&options).expect("the example site builds");
    assert!(report.briefings >= 12, "the example site has its briefings");

    let mut pages = html_files(&out.path().join("public"));
    assert!(pages.len() > 40, "found only {} pages", pages.len());
    // Charts and boards, which the example site (no price files) draws only from moves.
    let mut options = BuildOptions::new(crate::support::fixture_path("market"));
    options.output = Some(out.path().join("market"));
    build(&options).expect("the market fixture builds");
    let market = html_files(&out.path().join("market"));
    assert!(
        market
            .iter()
            .any(|p| p.ends_with("companies/smic/index.html"))
    );
    pages.extend(market);
    // Every kind of page is among them: a year's, a month's and a day's archive too.
    for archive in [
        "2025/index.html",
        "2025/10/index.html",
        "2025/10/02/index.html",
    ] {
        let path = out.path().join("public").join(archive);
        assert!(pages.contains(&path), "{archive} is checked");
    }
    // And a day's board of moves from several ecosystems, which the example site's
    // briefings do not report: the archives fixture's.
    let mut archives = BuildOptions::new(crate::support::fixture_path("archives"));
    archives.output = Some(out.path().join("archives"));
    build(&archives).expect("the archives fixture builds");
    let board = out.path().join("archives/2025/10/02/index.html");
    assert!(
        std::fs::read_to_string(&board)
            .unwrap()
            .contains("class=\"board\"")
    );
    pages.extend(html_files(&out.path().join("archives")));
    // Redirect pages of old URLs, which only a site with `aliases` has.
    let mut moved = BuildOptions::new(crate::support::fixture_path("moved-site"));
    moved.output = Some(out.path().join("moved"));
    build(&moved).expect("the moved-site fixture builds");
    let redirects = [
        out.path().join("moved/old/results/index.html"),
        out.path().join("moved/2024/10/07/results-1.52.0.html"),
    ];
    pages.extend(html_files(&out.path().join("moved")));
    for redirect in &redirects {
        assert!(
            pages.contains(redirect),
            "{} is checked",
            redirect.display()
        );
    }
    // Figures, sized images and `<picture>`s with their `srcset`s: the images fixture,
    // copied first, as a build keeps its cache of resized copies in the site's folder.
    let images = out.path().join("images-site");
    crate::support::copy_dir(&crate::support::fixture_path("images"), &images);
    let mut options = BuildOptions::new(&images);
    options.output = Some(out.path().join("images"));
    build(&options).expect("the images fixture builds");
    let article = out.path().join("images/2024/10/capex-chart/index.html");
    assert!(
        std::fs::read_to_string(&article)
            .unwrap()
            .contains("<picture><source type=\"image/webp\"")
    );
    pages.extend(html_files(&out.path().join("images")));
    // Highlighted code, notes at the end, a definition list and other generators'
    // template syntax kept as written: the moved-markdown fixture's briefing.
    let mut markdown = BuildOptions::new(crate::support::fixture_path("moved-markdown"));
    markdown.output = Some(out.path().join("markdown"));
    build(&markdown).expect("the moved-markdown fixture builds");
    let moved_page = out.path().join("markdown/2025/10/moved/index.html");
    assert!(
        std::fs::read_to_string(&moved_page)
            .unwrap()
            .contains("class=\"highlight\"")
    );
    pages.push(moved_page);
    let result = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "text"])
        .args(&pages)
        .output()
        .expect("java runs the Nu checker");
    let messages = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "the Nu checker found errors in {} pages:\n{messages}",
        pages.len()
    );
}
