//! Nothing lost: a failed build leaves the previous output exactly as it was, a
//! rebuild keeps unchanged files (bytes and modification times), the output folder can
//! never be the site or hold it, and no front matter can write outside the output.

use std::fs;

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
        "Built 6 briefings, 3 companies, 2 ecosystems: 58 files (0 written, 58 unchanged) in ./public in [TIME]"
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

fn modified(path: &std::path::Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

fn set_modified(path: &std::path::Path, time: std::time::SystemTime) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(time).unwrap();
}

#[test]
fn a_copied_file_keeps_its_time_and_the_same_length_and_time_are_not_read_again() {
    let site = Site::fixture("site");
    site.write("static/files/closes.csv", "date,close\n2024-10-01,10\n");
    let source = site.path("static/files/closes.csv");
    let first = site.build();
    let copy = first.out.dir.join("files/closes.csv");
    assert_eq!(modified(&copy), modified(&source));
    // Other bytes of the same length, given the same time back, are taken for the
    // same file without reading it (as rsync does): the output keeps the old copy.
    let time = modified(&source);
    site.write("static/files/closes.csv", "date,close\n2024-10-01,11\n");
    set_modified(&source, time);
    let second = site.build();
    assert_eq!(
        fs::read_to_string(&copy).unwrap(),
        "date,close\n2024-10-01,10\n"
    );
    assert!(
        second.stdout.contains("(0 written, 59 unchanged)"),
        "{}",
        second.stdout
    );
    // Another time: copied again, with that time.
    set_modified(&source, time + std::time::Duration::from_secs(1));
    let third = site.build();
    assert_eq!(
        fs::read_to_string(&copy).unwrap(),
        "date,close\n2024-10-01,11\n"
    );
    assert_eq!(modified(&copy), modified(&source));
    assert!(
        third.stdout.contains("(1 written, 58 unchanged)"),
        "{}",
        third.stdout
    );
    // An output whose times were all changed keeps the copies with the same bytes.
    age_files(&third.out.dir);
    let before = third.out.state();
    let fourth = site.build();
    assert!(before.differences(&fourth.out.state()).is_empty());
    assert!(
        fourth.stdout.contains("(0 written, 59 unchanged)"),
        "{}",
        fourth.stdout
    );
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
fn a_first_build_into_a_folder_holding_other_files_keeps_them() {
    let site = Site::fixture("site");
    site.write("notes/todo.txt", "my own notes\n");
    site.write("notes/drafts/idea.md", "an idea\n");
    let before = TreeState::of(&site.path("notes"));
    let built = site.build_with(&["--output", "notes"]);
    assert!(built.out.has("/companies/smic/"));
    let after = TreeState::of(&site.path("notes"));
    for kept in ["todo.txt", "drafts/idea.md"] {
        assert_eq!(before.0.get(kept), after.0.get(kept), "{kept}");
    }
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

/// The files a writer keeps in a deploy folder: a gh-pages worktree, a domain, a
/// folder of images made by hand.
const WRITERS_FILES: [(&str, &str); 5] = [
    (".git/HEAD", "ref: refs/heads/gh-pages\n"),
    (".git/objects/ab/cdef", "object\n"),
    ("CNAME", "chipwire.example.org\n"),
    (".nojekyll", ""),
    ("images/chart.png", "not really a png"),
];

#[test]
fn files_brief_did_not_write_are_never_deleted_and_stale_pages_are() {
    let site = Site::fixture("site");
    let first = site.build();
    for (path, text) in WRITERS_FILES {
        site.write(&format!("public/{path}"), text);
    }
    age_files(&first.out.dir);
    let before = first.out.state();
    fs::remove_file(site.path("content/2024/09/memory-prices.md")).unwrap();
    let second = site.build();
    let after = second.out.state();
    for (path, _) in WRITERS_FILES {
        assert_eq!(before.0.get(path), after.0.get(path), "{path}");
    }
    assert!(
        !second.out.has("/2024/09/memory-prices/"),
        "brief's own stale page is removed"
    );
    // And once more, with the writer's files now older than brief's list of its own.
    let third = site.build();
    assert_eq!(after.differences(&third.out.state()), Vec::<String>::new());
}

#[test]
fn a_built_file_whose_place_a_writers_file_takes_is_an_error_naming_it() {
    let site = Site::fixture("site");
    site.write("dist/index.html", "<h1>my old site</h1>\n");
    site.write("dist/companies", "a file where brief needs a folder\n");
    site.write("dist/CNAME", "chipwire.example.org\n");
    let before = everything(&site);
    let stderr = site.build_fails(&["--output", "dist"]);
    let differences = before.differences(&everything(&site));
    assert!(differences.is_empty(), "{differences:?}");
    let temp = site.temp_dir().canonicalize().unwrap();
    assert_snapshot!(stderr.replace(temp.to_str().unwrap(), "[TEMP]"));

    fs::remove_file(site.path("dist/index.html")).unwrap();
    fs::remove_file(site.path("dist/companies")).unwrap();
    let built = site.build_with(&["--output", "dist"]);
    assert!(built.out.page("/").contains("Chip Wire"));
    assert_eq!(site.read("dist/CNAME"), "chipwire.example.org\n");
}

#[test]
fn a_file_brief_wrote_is_replaced_even_if_a_writer_edited_it() {
    let site = Site::fixture("site");
    site.build();
    site.write("public/about/index.html", "edited by hand\n");
    let second = site.build();
    assert!(second.out.page("/about/").contains("Chip Wire"));
    assert_eq!(
        summary_without_time(&second.stdout),
        "Built 6 briefings, 3 companies, 2 ecosystems: 58 files (1 written, 57 unchanged) in ./public in [TIME]"
    );
}

#[test]
fn an_output_built_by_an_older_brief_keeps_the_files_this_build_does_not_make() {
    let site = Site::fixture("site");
    let first = site.build();
    // What a brief without a manifest left: its files, a page of a briefing since
    // deleted, and a file the writer added after that build.
    fs::remove_file(first.out.dir.join(".brief-manifest")).unwrap();
    site.write("public/2023/01/deleted/index.html", "an old page\n");
    site.write("public/CNAME", "chipwire.example.org\n");
    site.replace(
        "content/2024/09/memory-prices.md",
        "Analysts expect",
        "Most analysts expect",
    );
    let second = site.build();
    assert!(
        second
            .out
            .page("/2024/09/memory-prices/")
            .contains("Most analysts expect")
    );
    assert_eq!(site.read("public/CNAME"), "chipwire.example.org\n");
    assert_eq!(
        site.read("public/2023/01/deleted/index.html"),
        "an old page\n"
    );
    let temp = site.temp_dir().canonicalize().unwrap();
    assert_snapshot!(second.stderr.replace(temp.to_str().unwrap(), "[TEMP]"));
    // From now on brief knows its files: the note is not repeated.
    let third = site.build();
    assert_eq!(third.stderr, "");
    assert_eq!(site.read("public/CNAME"), "chipwire.example.org\n");
}

#[test]
fn a_link_inside_the_output_is_never_followed_or_written_through() {
    let site = Site::fixture("site");
    site.build();
    site.write("elsewhere/smic/index.html", "another site's page\n");
    site.write("elsewhere/CNAME", "elsewhere.example.org\n");
    let elsewhere = site.path("elsewhere");
    let before = TreeState::of(&elsewhere);
    fs::remove_dir_all(site.path("public/companies")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.path("public/companies")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("CNAME"), site.path("public/CNAME")).unwrap();

    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("public/companies was not written by brief"),
        "{stderr}"
    );
    assert_eq!(
        before.differences(&TreeState::of(&elsewhere)),
        Vec::<String>::new()
    );

    // Without the link where brief needs a folder, the other link is kept as a link.
    fs::remove_file(site.path("public/companies")).unwrap();
    let built = site.build();
    assert!(built.out.has("/companies/smic/"));
    assert!(
        fs::symlink_metadata(site.path("public/CNAME"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        before.differences(&TreeState::of(&elsewhere)),
        Vec::<String>::new()
    );
}

#[test]
fn a_static_robots_txt_replaces_the_generated_one() {
    let site = Site::fixture("site");
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    let built = site.build();
    assert_eq!(
        built.out.page("/robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
}

#[test]
fn a_static_file_where_the_site_generates_a_page_or_a_folder_is_an_error_at_the_static_file() {
    let site = Site::fixture("site");
    site.write("static/atom.xml", "<feed/>");
    site.write("static/2024/10/hong-kong-rally/index.html", "<p>mine</p>");
    site.write("static/companies", "a file where the company pages go");
    let build = site.build_fails(&[]);
    let check = site
        .command()
        .args(["check", "--root", "."])
        .output()
        .unwrap();
    let check = String::from_utf8(check.stderr).unwrap();
    for static_file in [
        "static/atom.xml",
        "static/2024/10/hong-kong-rally/index.html",
        "static/companies",
    ] {
        assert!(
            check.contains(static_file),
            "check misses {static_file}: {check}"
        );
    }
    assert_snapshot!(build);
}

#[test]
fn brief_lists_its_own_files_and_only_those_in_the_output() {
    let site = Site::fixture("site");
    site.write("public/CNAME", "chipwire.example.org\n");
    let built = site.build();
    let manifest = site.read("public/.brief-manifest");
    let listed: Vec<&str> = manifest.lines().filter(|l| !l.starts_with('#')).collect();
    let built_files: Vec<String> = built
        .out
        .files()
        .into_iter()
        .filter(|f| f != "CNAME")
        .collect();
    assert_eq!(listed, built_files);
}
