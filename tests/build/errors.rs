//! Every way a site can fail to build, one invalid fixture each: the report a writer
//! reads on stderr (file, line:column, the line itself, a caret, what to do), a
//! non-zero exit, and no output written.

use crate::support::Site;

/// Builds `tests/fixtures/invalid/<name>`, which must fail without writing anything,
/// and returns the report.
fn report(name: &str) -> String {
    let site = Site::invalid(name);
    let stderr = site.build_fails(&[]);
    assert!(
        !site.path("public").exists(),
        "{name}: a failed build wrote public/"
    );
    let beside: Vec<String> = crate::support::files_under(site.temp_dir())
        .into_iter()
        .filter(|f| !f.starts_with("site/"))
        .collect();
    assert!(
        beside.is_empty(),
        "{name}: files left beside the site: {beside:?}"
    );
    assert!(
        stderr.ends_with("the previous output was left as it was\n"),
        "{name}: the report ends with the summary line:\n{stderr}"
    );
    stderr
}

#[test]
fn malformed_toml_front_matter_is_reported_with_its_line_and_a_caret() {
    let stderr = report("toml-front-matter");
    assert!(stderr.starts_with("content/rally.md:2:"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn malformed_yaml_front_matter_is_reported_with_its_line_and_a_caret() {
    let stderr = report("yaml-front-matter");
    assert!(stderr.starts_with("content/rally.md:4:"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn a_missing_title_is_an_error() {
    let stderr = report("missing-title");
    assert!(
        stderr.starts_with("content/rally.md:1:1: error: missing `title`"),
        "{stderr}"
    );
    assert_snapshot!(stderr);
}

#[test]
fn an_impossible_date_is_an_error_with_its_line() {
    let stderr = report("bad-date");
    assert!(
        stderr.starts_with("content/rally.md:3:8: error:"),
        "{stderr}"
    );
    assert_snapshot!(stderr);
}

#[test]
fn unknown_ecosystem_is_an_error_with_its_line() {
    let stderr = report("unknown-ecosystem");
    assert!(
        stderr.starts_with("content/rally.md:4:24: error: unknown ecosystem `chna`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `china`?"));
    assert_eq!(under_caret(&stderr), "chna");
    assert_snapshot!(stderr);
}

/// The line a report's caret is drawn under, and the caret line itself.
fn caret(stderr: &str) -> (String, String) {
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with('|') && l.contains('^'))
        .unwrap_or_else(|| panic!("no caret in:\n{stderr}"));
    (lines[at - 1].to_string(), lines[at].to_string())
}

/// The text above the caret: the characters of `source` under `^`.
fn under_caret(stderr: &str) -> String {
    let (source, carets) = caret(stderr);
    let start = carets.find('^').unwrap();
    let end = carets.rfind('^').unwrap() + 1;
    source.chars().skip(start).take(end - start).collect()
}

#[test]
fn unknown_ecosystem_in_a_yaml_list_is_reported_at_the_key() {
    let stderr = report("unknown-ecosystem-yaml");
    // `  - chna` is line 6; the key starts in column 5.
    assert!(
        stderr.starts_with("content/rally.md:6:5: error: unknown ecosystem `chna`"),
        "the error should point at line 6, column 5:\n{stderr}"
    );
    assert_eq!(under_caret(&stderr), "chna", "{stderr}");
}

#[test]
fn unknown_ecosystem_that_is_part_of_a_known_key_is_reported_at_the_key() {
    let stderr = report("unknown-ecosystem-prefix");
    // ecosystem = ["china", "chin"]: `chin` is in column 24, not inside "china".
    assert!(
        stderr.starts_with("content/rally.md:4:24: error: unknown ecosystem `chin`"),
        "the error should point at line 4, column 24:\n{stderr}"
    );
    assert_eq!(under_caret(&stderr), "chin", "{stderr}");
}

#[test]
fn two_files_mapping_to_the_same_url_are_both_named() {
    let stderr = report("duplicate-url");
    assert!(stderr.contains("content/2024/10/rally.md"), "{stderr}");
    assert!(
        stderr.contains("content/2024/10/second-draft.md"),
        "{stderr}"
    );
    assert!(stderr.contains("/2024/10/rally/"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn a_broken_template_tag_is_reported_with_the_template_and_its_line() {
    let stderr = report("template-error");
    assert!(stderr.starts_with("templates/article.html:3:"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn an_unknown_template_filter_is_reported_with_the_template_and_its_line() {
    let stderr = report("template-unknown-filter");
    // Line 4 of the site's templates/article.html uses `shout`, which Tera lacks.
    assert!(
        stderr.starts_with("templates/article.html:4:"),
        "the report should start with the template's path, line and column:\n{stderr}"
    );
    assert!(stderr.contains("shout"), "{stderr}");
    assert!(
        !stderr.contains("template : "),
        "the template has a name:\n{stderr}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_its_first_invalid_byte() {
    let stderr = report("not-utf8");
    // Line 6 is "Z\xfcrich ...": the invalid byte is its second character.
    assert!(
        stderr.starts_with("content/latin1.md:6:2: error:"),
        "{stderr}"
    );
    assert_snapshot!(stderr);
}

#[test]
fn a_link_to_a_missing_md_file_is_an_error_with_its_line() {
    let stderr = report("broken-link");
    assert!(stderr.starts_with("content/rally.md:6:"), "{stderr}");
    assert!(stderr.contains("2024/09/gone.md"));
    assert_snapshot!(stderr);
}

#[test]
fn malformed_site_toml_is_reported_with_its_line_and_a_caret() {
    let stderr = report("site-toml");
    assert!(stderr.starts_with("site.toml:7:"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn a_folder_without_site_toml_is_not_a_site() {
    let stderr = report("no-site-toml");
    assert!(stderr.contains("no site.toml"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn errors_in_several_files_are_all_reported_in_one_run() {
    let stderr = report("several-errors");
    let headers: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("content/"))
        .map(|l| l.split(": error:").next().unwrap())
        .collect();
    assert_eq!(
        headers,
        [
            "content/2024/10/a-bad-date.md:3:8",
            "content/2024/10/c-unknown-ecosystem.md:4:14",
            "content/2024/10/d-no-title.md:1:1",
            "content/2024/10/e-broken-toml.md:4:22",
        ],
        "one error per broken file, in file order:\n{stderr}"
    );
    assert!(stderr.contains("build failed with 4 errors"));
    assert_snapshot!(stderr);
}
