//! Nothing lost: a failed build leaves the previous output exactly as it was, a
//! rebuild keeps unchanged files (bytes and modification times), the output folder can
//! never be the site or hold it, and no front matter can write outside the output.

use crate::support::{Site, TreeState, age_files, files_under, summary_without_time};

/// Every file beside and inside the site, with bytes and mtimes.
fn everything(site: &Site) -> TreeState {
    TreeState::of(site.temp_dir())
}

#[test]
fn rebuilding_with_nothing_changed_keeps_every_file_and_its_mtime() {
    let site = Site::fixture("site");
    let first = site.build();
    // Old mtimes, so that even a rewrite within the same clock tick would show.
    age_files(&first.out.dir);
    let before = first.out.state();
    let second = site.build();
    let differences = before.differences(&second.out.state());
    assert!(differences.is_empty(), "{differences:?}");
    assert_eq!(
        summary_without_time(&second.stdout),
        "Built 6 briefings, 3 companies, 2 ecosystems: 31 files (0 written, 31 unchanged) in ./public in [TIME]"
    );
}

#[test]
fn changing_one_briefing_rewrites_the_files_that_show_it_and_keeps_the_others() {
    let site = Site::fixture("site");
    let first = site.build();
    age_files(&first.out.dir);
    let before = first.out.state();
    site.replace(
        "content/2024/09/memory-prices.md",
        "Analysts expect",
        "Most analysts expect",
    );
    let second = site.build();
    let changed = before.differences(&second.out.state());
    assert!(changed.contains(&"2024/09/memory-prices/index.html: bytes changed".to_string()));
    for kept in [
        "style.css",
        "about/index.html",
        "2024/10/hong-kong-rally/index.html",
        "companies/smic/atom.xml",
    ] {
        assert!(
            !changed.iter().any(|c| c.starts_with(&format!("{kept}:"))),
            "{kept} does not show the change but was rewritten: {changed:?}"
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte_with_its_mtimes() {
    let site = Site::fixture("site");
    let first = site.build();
    age_files(&first.out.dir);
    let before = everything(&site);
    site.replace(
        "content/2024/10/hong-kong-rally.md",
        "title = \"Hong Kong chip stocks rally\"",
        "title = \"Hong Kong chip stocks rally",
    );
    let after_edit = everything(&site);
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/2024/10/hong-kong-rally.md:2:"),
        "{stderr}"
    );
    assert!(stderr.contains("the previous output was left as it was"));
    // Nothing changed but the file the test broke: the output, and no staging or
    // retired folders left beside it.
    let differences = after_edit.differences(&everything(&site));
    assert!(differences.is_empty(), "{differences:?}");
    assert_eq!(
        before.differences(&after_edit),
        ["site/content/2024/10/hong-kong-rally.md: bytes changed"]
    );
}

#[test]
fn the_output_folder_may_not_be_the_site_root_content_or_a_parent_of_the_root() {
    let site = Site::fixture("site");
    let before = everything(&site);
    let temp = site.temp_dir().canonicalize().unwrap();
    let mut reports = String::new();
    for output in [
        ".",
        "content",
        "content/2024",
        "..",
        "themes",
        "public/../content",
    ] {
        let stderr = site.build_fails(&["--output", output]);
        assert!(
            stderr.contains("would replace"),
            "--output {output}: {stderr}"
        );
        let differences = before.differences(&everything(&site));
        assert!(
            differences.is_empty(),
            "--output {output} wrote files: {differences:?}"
        );
        reports.push_str(&format!("$ brief build --root . --output {output}\n"));
        reports.push_str(&stderr.replace(temp.to_str().unwrap(), "[TEMP]"));
    }
    assert_snapshot!(reports);
}

#[test]
fn an_output_folder_holding_other_files_is_not_replaced() {
    let site = Site::fixture("site");
    site.write("notes/todo.txt", "my own notes\n");
    let before = everything(&site);
    let stderr = site.build_fails(&["--output", "notes"]);
    assert!(
        stderr.contains("holds files that brief did not write"),
        "{stderr}"
    );
    let differences = before.differences(&everything(&site));
    assert!(differences.is_empty(), "{differences:?}");
}

#[test]
fn a_front_matter_slug_cannot_write_outside_the_output() {
    let site = Site::fixture("slug-escape");
    let fixture_files: Vec<String> = files_under(&site.root)
        .into_iter()
        .map(|f| format!("site/{f}"))
        .collect();
    let out = site.build().out;
    // slug = "../../escape" and slug = "/tmp/escape-absolute" are URL parts, slugified.
    assert!(
        out.page("/2024/10/escape/")
            .contains("A slug that tries to climb out")
    );
    assert!(
        out.page("/2024/10/tmp-escape-absolute/")
            .contains("A slug that looks absolute")
    );
    let outside: Vec<String> = files_under(site.temp_dir())
        .into_iter()
        .filter(|f| !f.starts_with("site/public/") && !fixture_files.contains(f))
        .collect();
    assert!(
        outside.is_empty(),
        "files written outside the output: {outside:?}"
    );
    assert!(!std::path::Path::new("/tmp/escape-absolute").exists());
}

#[test]
fn a_deleted_briefing_disappears_from_the_output_on_rebuild() {
    let site = Site::fixture("site");
    let first = site.build();
    assert!(first.out.has("/2024/09/memory-prices/"));
    std::fs::remove_file(site.path("content/2024/09/memory-prices.md")).unwrap();
    let second = site.build();
    assert!(
        !second.out.has("/2024/09/memory-prices/"),
        "no stale page is left behind"
    );
    assert!(
        !second
            .out
            .page("/companies/micron/")
            .contains("memory-prices")
    );
    assert!(!second.out.page("/sitemap.xml").contains("memory-prices"));
    assert!(
        !second
            .out
            .page("/ecosystems/us/atom.xml")
            .contains("memory-prices")
    );
}
