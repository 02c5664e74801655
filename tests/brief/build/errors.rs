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

/// The `path:line:col` of every error a report holds, in order.
fn error_places(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.split_once(": error: ").map(|(place, _)| place))
        .filter(|place| !place.is_empty() && *place != "error")
        .collect()
}

#[test]
fn unknown_keys_in_toml_front_matter_are_errors_naming_the_closest_key() {
    let stderr = report("unknown-keys-toml");
    // `drafts = true` must never publish the briefing as if it were not a draft: every
    // key brief does not know is an error at its line, and [extra] is the theme's own.
    assert_eq!(
        error_places(&stderr),
        [
            "content/rally.md:4:1",
            "content/rally.md:5:1",
            "content/rally.md:6:1",
            "content/rally.md:7:1",
            "content/rally.md:8:1",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown key `drafts` in the front matter"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `draft`?"), "{stderr}");
    assert!(stderr.contains("did you mean `tickers`?"), "{stderr}");
    assert!(stderr.contains("did you mean `ecosystem`?"), "{stderr}");
    assert!(!stderr.contains("hero_colour"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn unknown_keys_in_yaml_front_matter_are_errors_naming_the_closest_key() {
    let stderr = report("unknown-keys-yaml");
    assert_eq!(
        error_places(&stderr),
        [
            "content/rally.md:4:1",
            "content/rally.md:5:1",
            "content/rally.md:6:1",
            "content/rally.md:7:1",
            "content/rally.md:8:1",
        ],
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `draft`?"), "{stderr}");
    assert!(stderr.contains("did you mean `tickers`?"), "{stderr}");
    assert!(!stderr.contains("hero_colour"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn unknown_keys_in_site_toml_and_its_company_and_ecosystem_tables_are_errors() {
    let stderr = report("unknown-keys-site");
    assert_eq!(
        error_places(&stderr),
        ["site.toml:3:1", "site.toml:10:1", "site.toml:14:1"],
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `per_page`?"), "{stderr}");
    assert!(
        stderr.contains("unknown key `nme` in an ecosystem"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown key `ticker` in a company"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `tickers`?"), "{stderr}");
    assert!(
        !stderr.contains("anything"),
        "[extra] is free-form: {stderr}"
    );
    assert_snapshot!(stderr);
}

#[test]
fn an_empty_ticker_is_an_error_at_its_line() {
    let stderr = report("empty-ticker");
    assert!(
        stderr.starts_with("content/rally.md:5:23: error: an empty ticker"),
        "{stderr}"
    );
    assert_snapshot!(stderr);
}

#[test]
fn a_template_the_theme_does_not_have_is_an_error_at_its_line() {
    let stderr = report("unknown-template");
    assert!(
        stderr
            .starts_with("content/rally.md:5:12: error: the theme has no template `articel.html`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `article.html`?"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn a_slug_too_long_for_a_file_name_is_an_error_at_its_line() {
    let stderr = report("long-slug");
    assert!(
        stderr.starts_with("content/rally.md:4:8: error: the URL part `aaaa"),
        "{stderr}"
    );
    assert!(stderr.contains("is 300 bytes long"), "{stderr}");
    assert_eq!(error_places(&stderr).len(), 1, "{stderr}");
}

#[test]
fn a_ticker_too_long_for_a_file_name_is_an_error_at_its_line() {
    let stderr = report("long-ticker");
    assert!(
        stderr.starts_with("content/rally.md:4:23: error: the URL part `xxxx"),
        "{stderr}"
    );
    assert!(stderr.contains("shorten the ticker"), "{stderr}");
    assert_eq!(error_places(&stderr).len(), 1, "{stderr}");
}

#[test]
fn two_unregistered_tickers_that_would_share_a_url_are_an_error_at_the_line() {
    let stderr = report("ticker-url-clash");
    // Newest first decides: b-newer.md's SMIC-X is placed first, so the older
    // briefing's SMIC_X is the one refused, whichever order the files are read in.
    assert!(
        stderr.starts_with(
            "content/a-older.md:4:12: error: ticker `SMIC_X` would have the URL /companies/smic-x/, which ticker `SMIC-X` has already"
        ),
        "{stderr}"
    );
    assert_eq!(error_places(&stderr).len(), 1, "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn more_tickers_in_one_briefing_than_the_limit_is_an_error_at_the_first_past_it() {
    let stderr = report("too-many-tickers");
    assert!(
        stderr.starts_with(
            "content/rally.md:15:3: error: this briefing names 101 tickers; brief allows at most 100 in one"
        ),
        "{stderr}"
    );
    assert_snapshot!(stderr);
}

#[test]
fn a_bad_date_in_yaml_front_matter_is_explained_in_yaml_terms() {
    let stderr = report("yaml-bad-date");
    assert!(
        stderr.starts_with("content/rally.md:3:7: error: `2024-10-02 9h30` is not a date"),
        "{stderr}"
    );
    assert!(stderr.contains("2026-10-02 09:30:00 +08:00"), "{stderr}");
    assert!(!stderr.contains("TOML"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn a_script_as_a_company_url_is_an_error_at_its_line() {
    let stderr = report("script-company-url");
    assert!(
        stderr.starts_with(
            "site.toml:11:7: error: `javascript:alert(document.cookie)` is not a valid company url"
        ),
        "{stderr}"
    );
    assert_eq!(
        under_caret(&stderr),
        "\"javascript:alert(document.cookie)\""
    );
    assert_snapshot!(stderr);
}

#[test]
fn bad_price_files_are_all_reported_at_their_file_line_and_column() {
    let stderr = report("prices");
    for place in [
        "error: data/prices/0918.HK.csv is named after `0918.HK`, which no company in site.toml lists",
        "data/prices/0981.HK.csv:3:1: error: `2025-09-31` is not a date",
        "data/prices/0981.HK.csv:4:12: error: `-2` is not a closing price",
        "data/prices/0981.HK.csv:5:1: error: `2025-10-01` is given twice (first on line 4)",
        "data/prices/0981.HK.csv:6:1: error: `2025-09-30` comes after `2025-10-01` (line 4)",
        "data/prices/0981.HK.csv:7:11: error: this row has no `close` value",
        "data/prices/MU.csv:1:1: error: the header names no `close` column",
    ] {
        assert!(stderr.contains(place), "{place}\n{stderr}");
    }
    assert!(stderr.contains("did you mean `0981.HK`?"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn every_bad_move_in_toml_front_matter_is_reported_at_once_at_its_line_and_column() {
    let stderr = report("bad-moves");
    assert_eq!(
        error_places(&stderr),
        [
            "content/about.md:6:1",
            "content/rally.md:9:13",
            "content/rally.md:10:15",
            "content/rally.md:11:40",
            "content/rally.md:11:60",
            "content/rally.md:11:72",
            "content/rally.md:12:1",
            "content/rally.md:12:8",
            "content/rally.md:13:19",
            "content/rally.md:14:1",
            "content/rally.md:15:1",
            "content/rally.md:16:1",
            "content/rally.md:17:7",
            "content/rally.md:18:40",
            "content/rally.md:18:55",
            "content/rally.md:18:63",
        ],
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `change`?"), "{stderr}");
    assert!(stderr.contains("build failed with 16 errors"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn every_bad_move_in_yaml_front_matter_is_reported_at_once_at_its_line_and_column() {
    let stderr = report("bad-moves-yaml");
    assert_eq!(
        error_places(&stderr),
        [
            "content/rally.md:7:12",
            "content/rally.md:8:14",
            "content/rally.md:11:12",
            "content/rally.md:12:15",
            "content/rally.md:13:9",
            "content/rally.md:14:5",
            "content/rally.md:15:7",
            "content/rally.md:16:9",
            "content/rally.md:17:3",
        ],
        "{stderr}"
    );
    assert!(stderr.contains("unknown key `note` in a move"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn a_bundles_file_where_a_page_is_written_is_an_error_naming_both() {
    let stderr = report("bundle-collision");
    assert!(
        stderr.contains("content/2024/10/rally/sub/index.html"),
        "{stderr}"
    );
    assert!(stderr.contains("content/2024/10/rally/sub.md"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn a_path_or_alias_that_is_not_a_site_path_is_an_error_at_its_place() {
    let stderr = report("bad-old-urls");
    for place in [
        "moved.md:4:8",
        "moved.md:5:12",
        "moved.md:5:31",
        "moved.md:5:64",
        "moved.md:5:78",
        "moved.md:8:5",
        "file-path.md:4:8",
    ] {
        assert!(stderr.contains(place), "{place}:\n{stderr}");
    }
    assert_snapshot!(stderr);
}

#[test]
fn an_alias_that_a_page_another_alias_or_a_path_has_is_an_error_naming_both() {
    let stderr = report("alias-taken");
    assert!(stderr.contains("first.md:5:12"), "{stderr}");
    assert!(stderr.contains("the list of companies"), "{stderr}");
    assert!(stderr.contains("second.md:4:12"), "{stderr}");
    assert!(
        stderr.contains("the redirect of the alias at content/2024/10/first.md:5:27"),
        "{stderr}"
    );
    assert!(stderr.contains("second.md:4:28"), "{stderr}");
    assert!(
        stderr.contains("the article content/2024/10/first.md"),
        "{stderr}"
    );
    assert_snapshot!(stderr);
}
