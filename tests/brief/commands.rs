//! `brief new`, `brief check` and `brief init`, run as a writer runs them: the real
//! binary, in a temporary copy of a fixture site under tests/fixtures/commands/.
//!
//! Each test changes the site for one reason and looks at what the writer sees: the
//! files written, the exit status, and what is printed.

use std::path::Path;
use std::process::Command;

use crate::support::Run;
use crate::support::commands::{Site, codes, json_lines};
use crate::support::system;

// ---------------------------------------------------------------- brief new

#[test]
fn new_writes_a_briefing_with_complete_front_matter_that_builds() {
    let site = Site::fixture("site");
    let run = site.brief(&[
        "new",
        "SMIC raises its outlook",
        "--ticker",
        "0981.hk",
        "--date",
        "2025-10-20T09:30:00",
    ]);
    assert!(run.succeeded(), "{run:?}");
    let path = "content/2025/10/smic-raises-its-outlook.md";
    assert_eq!(run.stdout.trim(), path);

    let text = site.read(path);
    let front_matter = "+++\n\
        title = \"SMIC raises its outlook\"\n\
        date = 2025-10-20T09:30:00+08:00\n\
        summary = \"\"\n\
        ecosystem = [\"china\"]\n\
        tickers = [\"0981.HK\"]\n\
        draft = false\n\
        +++\n";
    assert!(text.starts_with(front_matter), "{text}");
    assert!(text.contains("What happened at SMIC,"), "{text}");
    assert!(text.contains("What it means for China's domestic stack."));
    assert!(!text.contains("{{"), "every variable is filled in: {text}");

    let build = site.brief(&["build"]);
    assert!(build.succeeded(), "{build:?}");
    let page = site.read("public/2025/10/smic-raises-its-outlook/index.html");
    assert!(page.contains("SMIC raises its outlook"));
    let company = site.read("public/companies/smic/index.html");
    assert!(company.contains("/2025/10/smic-raises-its-outlook/"));
    let check = site.brief(&["check", "--strict"]);
    assert!(check.succeeded(), "{check:?}");
}

#[test]
fn new_dates_a_briefing_now_with_the_site_timezone_offset() {
    let site = Site::fixture("site");
    let run = site.brief(&["new", "Right now", "--ticker", "MU"]);
    assert!(run.succeeded(), "{run:?}");
    let path = run.stdout.trim();
    let now = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Hong_Kong").unwrap());
    // The folder is the year and month in the site's timezone (the test could straddle
    // a month's end, so allow either side of it).
    assert!(
        path.starts_with("content/20") && path.ends_with("/right-now.md"),
        "{path}"
    );
    let text = site.read(path);
    let date_line = text.lines().find(|l| l.starts_with("date = ")).unwrap();
    assert!(date_line.ends_with("+08:00"), "{date_line}");
    assert!(
        date_line.contains(&now.strftime("%Y-").to_string()),
        "{date_line}"
    );
    assert!(text.contains("ecosystem = [\"us\"]"));
}

#[test]
fn new_never_overwrites_and_suggests_another_slug() {
    let site = Site::fixture("site");
    let args = [
        "new",
        "Memory prices",
        "--ticker",
        "MU",
        "--date",
        "2025-10-05",
    ];
    assert!(site.brief(&args).succeeded());
    let path = "content/2025/10/memory-prices.md";
    site.write(path, "the writer's own words");

    let again = site.brief(&args);
    assert_eq!(again.code, 1, "{again:?}");
    assert!(again.stderr.contains(path), "{again:?}");
    assert!(again.stderr.contains("already exists"), "{again:?}");
    assert!(again.stderr.contains("--slug"), "{again:?}");
    assert_eq!(site.read(path), "the writer's own words");

    let other = site.brief(&[
        "new",
        "Memory prices",
        "--ticker",
        "MU",
        "--date",
        "2025-10-05",
        "--slug",
        "Memory prices, again",
    ]);
    assert!(other.succeeded(), "{other:?}");
    assert_eq!(
        other.stdout.trim(),
        "content/2025/10/memory-prices-again.md"
    );
}

#[test]
fn new_refuses_an_unknown_ticker_and_names_the_closest_registered_one() {
    let site = Site::fixture("site");
    let run = site.brief(&["new", "Typo", "--ticker", "0918.HK", "--ecosystem", "chna"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("error: `0918.HK` is not a registered ticker"),
        "{run:?}"
    );
    assert!(run.stderr.contains("did you mean `0981.HK`?"), "{run:?}");
    assert!(
        run.stderr
            .contains("error: `chna` is not a registered ecosystem"),
        "{run:?}"
    );
    assert!(run.stderr.contains("did you mean `china`?"), "{run:?}");
    assert!(run.stderr.contains("--allow-unknown"), "{run:?}");
    assert!(run.stdout.is_empty());
    assert_eq!(site.content_files().len(), 3, "nothing was written");
}

#[test]
fn new_writes_the_moves_it_is_given_and_names_their_tickers() {
    let site = Site::fixture("site");
    let run = site.brief(&[
        "new",
        "Chip stocks split",
        "--ticker",
        "MU",
        "--move",
        "0981.hk=+10.9",
        "--move",
        "MU=-1.25",
        "--move",
        "huawei=0",
        "--date",
        "2025-10-20T09:30:00",
    ]);
    assert!(run.succeeded(), "{run:?}");
    let text = site.read(run.stdout.trim());
    let front_matter = "tickers = [\"MU\", \"0981.HK\", \"huawei\"]\n\
        draft = false\n\
        \n\
        [moves]\n\
        \"0981.HK\" = 10.9\n\
        \"MU\" = -1.25\n\
        \"huawei\" = 0\n\
        +++\n";
    assert!(text.contains(front_matter), "{text}");
    // The ecosystems of every company named, by a ticker or by a move.
    assert!(text.contains("ecosystem = [\"us\", \"china\"]"), "{text}");
    let build = site.brief(&["build"]);
    assert!(build.succeeded(), "{build:?}");
    let company = site.read("public/companies/smic/index.html");
    assert!(company.contains("/2025/10/chip-stocks-split/"));
    let check = site.brief(&["check", "--strict"]);
    assert!(check.succeeded(), "{check:?}");
}

#[test]
fn new_refuses_a_bad_move_naming_the_flag_and_writes_nothing() {
    let site = Site::fixture("site");
    let run = site.brief(&[
        "new",
        "Bad moves",
        "--move",
        "0981.HK=ten",
        "--move",
        "MU=-100",
        "--move",
        "MU",
        "--move",
        "0918.HK=3",
        "--move",
        "688981.SS=1",
        "--move",
        "688981.ss=2",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    insta::with_settings!({snapshot_path => "../fixtures/commands/snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("new_bad_moves", run.stderr);
    });
    assert_eq!(
        run.stderr.matches("is not a valid --move").count(),
        4,
        "{run:?}"
    );
    assert!(run.stderr.contains("did you mean `0981.HK`?"), "{run:?}");
    assert!(run.stdout.is_empty());
    assert_eq!(site.content_files().len(), 3, "nothing was written");
}

#[test]
fn new_names_the_declared_ecosystems_when_a_key_is_not_one_of_them() {
    let site = Site::fixture("site");
    let run = site.brief(&["new", "Europe", "--ticker", "MU", "--ecosystem", "eu"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("error: `eu` is not a registered ecosystem"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains(
            "help: site.toml declares `china` and `us`; declare [ecosystems.eu] in site.toml, or pass --allow-unknown"
        ),
        "{run:?}"
    );
    assert_eq!(site.content_files().len(), 3, "nothing was written");
}

#[test]
fn new_keeps_the_offset_its_date_was_given() {
    // The fixture's site is in Hong Kong (+08:00); the init site is in UTC.
    let site = Site::fixture("site");
    for (given, written, path) in [
        (
            "2026-03-01T09:00:00-05:00",
            "date = 2026-03-01T09:00:00-05:00",
            "content/2026/03/new-york-morning.md",
        ),
        (
            "2026-03-02T09:00:00Z",
            "date = 2026-03-02T09:00:00+00:00",
            "content/2026/03/london-morning.md",
        ),
        (
            "2026-03-03T09:00:00",
            "date = 2026-03-03T09:00:00+08:00",
            "content/2026/03/hong-kong-morning.md",
        ),
    ] {
        let title = path.rsplit('/').next().unwrap().trim_end_matches(".md");
        let run = site.brief(&["new", title, "--ticker", "MU", "--date", given]);
        assert!(run.succeeded(), "{run:?}");
        assert_eq!(run.stdout.trim(), path);
        let text = site.read(path);
        assert!(text.contains(&format!("\n{written}\n")), "{given}: {text}");
    }

    let init = Site::empty();
    assert!(init.brief(&["init"]).succeeded());
    let run = init.brief(&[
        "new",
        "Hong Kong open",
        "--date",
        "2026-03-01T09:00:00+08:00",
    ]);
    assert!(run.succeeded(), "{run:?}");
    let text = init.read(run.stdout.trim());
    assert!(
        text.contains("\ndate = 2026-03-01T09:00:00+08:00\n"),
        "{text}"
    );
}

#[test]
fn new_lets_unknown_names_through_with_allow_unknown() {
    let site = Site::fixture("site");
    let run = site.brief(&[
        "new",
        "Tencent",
        "--ticker",
        "0700.HK",
        "--ecosystem",
        "china",
        "--date",
        "2025-10-06",
        "--allow-unknown",
    ]);
    assert!(run.succeeded(), "{run:?}");
    assert!(run.stderr.contains("warning: ticker `0700.HK`"), "{run:?}");
    let text = site.read("content/2025/10/tencent.md");
    assert!(text.contains("tickers = [\"0700.HK\"]"), "{text}");
    assert!(site.brief(&["build"]).succeeded());
}

#[test]
fn new_writes_tickers_in_their_registered_spelling() {
    let site = Site::fixture("site");
    let run = site.brief(&[
        "new",
        "Spelling",
        "--ticker",
        "688981.ss,HUAWEI,mu",
        "--date",
        "2025-10-07",
    ]);
    assert!(run.succeeded(), "{run:?}");
    let text = site.read("content/2025/10/spelling.md");
    assert!(
        text.contains("tickers = [\"688981.SS\", \"huawei\", \"MU\"]"),
        "{text}"
    );
    assert!(text.contains("ecosystem = [\"china\", \"us\"]"), "{text}");
}

#[test]
fn new_makes_ascii_slugs_of_at_most_80_characters_from_any_title() {
    let site = Site::fixture("site");
    let long = "Chipmakers ".repeat(12);
    let cases = [
        (
            "Größe zählt: SMIC's 11% jump!",
            "grosse-zahlt-smic-s-11-jump",
        ),
        ("中芯国际大涨", "zhong-xin-guo-ji-da-zhang"),
        ("«!!!» — ???", "briefing"),
        (
            long.trim(),
            "chipmakers-chipmakers-chipmakers-chipmakers-chipmakers-chipmakers-chipmakers",
        ),
    ];
    for (title, slug) in cases {
        let run = site.brief(&["new", title, "--date", "2025-10-08"]);
        assert!(run.succeeded(), "{title}: {run:?}");
        assert_eq!(
            run.stdout.trim(),
            format!("content/2025/10/{slug}.md"),
            "{title}"
        );
        assert!(slug.len() <= 80);
        let text = site.read(&format!("content/2025/10/{slug}.md"));
        assert!(text.contains(&format!("title = \"{title}\"")), "{text}");
    }
    assert!(site.brief(&["build"]).succeeded());
}

#[test]
fn new_takes_the_site_archetype_before_the_theme_and_the_built_in_one() {
    let site = Site::fixture("site");
    site.write(
        "themes/briefing/archetypes/briefing.md",
        "From the theme: {{ title }}\n",
    );
    let run = site.brief(&["new", "Theme first", "--date", "2025-10-09"]);
    assert!(run.succeeded(), "{run:?}");
    assert!(
        site.read("content/2025/10/theme-first.md")
            .ends_with("+++\n\nFrom the theme: Theme first\n")
    );

    site.write(
        "archetypes/briefing.md",
        "{{ title }} | {{ companies | join(sep=\", \") }} | {{ tickers | join(sep=\" \") }} | {{ date }} | {{ date_display }} | {{ ecosystems | join(sep=\", \") }}\n",
    );
    let run = site.brief(&[
        "new",
        "Site archetype",
        "--ticker",
        "0981.HK,MU",
        "--date",
        "2025-10-09T18:00:00+08:00",
    ]);
    assert!(run.succeeded(), "{run:?}");
    let text = site.read("content/2025/10/site-archetype.md");
    assert!(
        text.ends_with("+++\n\nSite archetype | SMIC, Micron | 0981.HK MU | 2025-10-09T18:00:00+08:00 | 9 October 2025 | China's domestic stack, The US stack\n"),
        "{text}"
    );
}

#[test]
fn new_reports_an_archetype_error_at_its_line() {
    let site = Site::fixture("site");
    site.write(
        "archetypes/briefing.md",
        "Fine line\n{{ no_such_variable }}\n",
    );
    let run = site.brief(&["new", "Broken archetype"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("archetypes/briefing.md:2:"), "{run:?}");
    assert_eq!(site.content_files().len(), 3, "nothing was written");
}

#[test]
fn new_edit_opens_the_file_in_visual_before_editor() {
    let site = Site::fixture("site");
    let log = site.path("edited.txt");
    let script = site.path("editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho \"$0 $1\" > \"$(dirname \"$0\")/edited.txt\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let script = script.to_str().unwrap();
    let run = site.brief_with(
        &["new", "Edit me", "--date", "2025-10-10", "--edit"],
        &[("VISUAL", script), ("EDITOR", "false")],
    );
    assert!(run.succeeded(), "{run:?}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.trim().ends_with("content/2025/10/edit-me.md"),
        "{logged}"
    );

    let run = site.brief(&["new", "No editor", "--date", "2025-10-10", "--edit"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("$VISUAL or $EDITOR"), "{run:?}");
    assert!(
        site.path("content/2025/10/no-editor.md").is_file(),
        "the file is written before the editor is looked for"
    );
}

// ------------------------------------------------------- drafts and schedules

#[test]
fn a_draft_is_left_out_of_build_unless_drafts_are_asked_for() {
    let site = Site::fixture("site");
    let run = site.brief(&[
        "new",
        "Work in progress",
        "--ticker",
        "MU",
        "--date",
        "2025-10-11",
        "--draft",
    ]);
    assert!(run.succeeded(), "{run:?}");
    assert!(
        site.read("content/2025/10/work-in-progress.md")
            .contains("draft = true")
    );
    let page = "public/2025/10/work-in-progress/index.html";

    assert!(site.brief(&["build"]).succeeded());
    assert!(!site.path(page).exists());
    assert!(!site.read("public/index.html").contains("Work in progress"));

    assert!(site.brief(&["build", "--drafts"]).succeeded());
    assert!(site.path(page).exists());
    assert!(site.read("public/index.html").contains("Work in progress"));
}

#[test]
fn a_briefing_dated_in_the_future_is_published_once_its_date_has_passed_or_with_future() {
    let site = Site::fixture("site");
    let run = site.brief(&[
        "new",
        "Scheduled",
        "--ticker",
        "MU",
        "--date",
        "2999-01-04T08:00:00",
    ]);
    assert!(run.succeeded(), "{run:?}");
    assert!(run.stderr.contains("in the future"), "{run:?}");
    let later = "public/2999/01/scheduled/index.html";
    // One dated a moment ago is in, as a timer-driven rebuild would find it.
    site.write(
        "content/2025/10/just-passed.md",
        "+++\ntitle = \"Just passed\"\ndate = 2025-10-12T00:00:00Z\ntickers = [\"MU\"]\n+++\nBody.\n",
    );

    assert!(site.brief(&["build"]).succeeded());
    assert!(!site.path(later).exists());
    assert!(site.path("public/2025/10/just-passed/index.html").exists());
    assert!(!site.read("public/atom.xml").contains("Scheduled"));

    assert!(site.brief(&["build", "--future"]).succeeded());
    assert!(site.path(later).exists());
    assert!(site.read("public/atom.xml").contains("Scheduled"));
}

// -------------------------------------------------------------- brief check

#[test]
fn check_passes_a_clean_site_and_writes_nothing() {
    let site = Site::fixture("site");
    let run = site.brief(&["check", "--strict"]);
    assert!(run.succeeded(), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
    assert!(run.stdout.contains("no problems"), "{run:?}");
    assert!(!site.path("public").exists(), "check writes no output");
}

#[test]
fn check_reports_bad_front_matter_with_file_line_caret_and_fix() {
    let site = Site::fixture("site");
    site.write(
        "content/2025/10/bad-date.md",
        "+++\ntitle = \"Bad date\"\ndate = \"2025-13-45\"\n+++\nBody.\n",
    );
    let run = site.brief(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    insta::with_settings!({snapshot_path => "../fixtures/commands/snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("check_bad_date_text", run.stderr);
    });
    assert!(run.stdout.contains("1 error, 0 warnings"), "{run:?}");
}

#[test]
fn check_reports_an_unknown_ecosystem_in_json_with_every_field() {
    let site = Site::fixture("site");
    site.write(
        "content/2025/10/eco.md",
        "+++\ntitle = \"Eco\"\ndate = 2025-10-13\necosystem = [\"china\", \"eu\"]\ntickers = [\"MU\"]\n+++\nBody.\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let diagnostics = json_lines(&run);
    assert_eq!(diagnostics.len(), 1, "{run:?}");
    insta::with_settings!({snapshot_path => "../fixtures/commands/snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("check_unknown_ecosystem_json", run.stdout);
    });
    assert!(
        run.stderr.contains("1 error"),
        "the summary goes to stderr: {run:?}"
    );
}

#[test]
fn check_reports_urls_that_two_articles_share() {
    let site = Site::fixture("site");
    site.write(
        "content/2025/10/copy.md",
        "+++\ntitle = \"Copy\"\ndate = 2025-10-14\nslug = \"smic-rally\"\n+++\nBody.\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(codes(&run), ["duplicate-url"]);
}

#[test]
fn check_renders_every_page_to_find_template_errors() {
    let site = Site::fixture("site");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ article.no_such_field }}\n{% endblock main %}\n",
    );
    let run = site.brief(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("templates/page.html:3:"), "{run:?}");
    assert!(!site.path("public").exists());
}

#[test]
fn check_follows_links_in_markdown_to_pages_files_and_anchors() {
    let site = Site::fixture("site");
    site.write(
        "content/2025/10/links.md",
        "+++\ntitle = \"Links\"\ndate = 2025-10-15\ntickers = [\"MU\"]\n+++\n\
         The summary, without links: list pages show it.\n\n\
         Fine: [feed](/atom.xml), [company](/companies/micron/), [home](/), [chart](/images/chart.png), \
         [heading](../09/micron-record.md#guidance), [here](#section).\n\n\
         ## Section\n\n\
         Broken: [a page](/companies/nope/)\n\n\
         [an anchor](../09/micron-record.md#nope)\n\n\
         ![an image](chart.png)\n\n\
         [a file](/files/report.pdf)\n\n\
         [a content file](../09/gone.md)\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let found: Vec<(String, u64, String)> = json_lines(&run)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // A link to a missing .md file stops the article at load; fix it and the rest shows.
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "broken-link");
    assert_eq!(found[0].1, 20);

    let text = site
        .read("content/2025/10/links.md")
        .replace("[a content file](../09/gone.md)", "");
    site.write("content/2025/10/links.md", &text);
    let run = site.brief(&["check", "--format", "json"]);
    let found: Vec<(String, u64)> = json_lines(&run)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("broken-link".to_string(), 12),
            ("missing-anchor".to_string(), 14),
            ("missing-file".to_string(), 16),
            ("missing-file".to_string(), 18),
        ],
        "{run:?}"
    );
}

#[test]
fn check_reports_a_link_to_a_draft_as_left_out_of_the_build() {
    let site = Site::fixture("site");
    site.write(
        "content/2025/10/draft.md",
        "+++\ntitle = \"Draft\"\ndate = 2025-10-16\ndraft = true\ntickers = [\"MU\"]\n+++\nBody.\n",
    );
    site.write(
        "content/2025/10/linker.md",
        "+++\ntitle = \"Linker\"\ndate = 2025-10-16\ntickers = [\"MU\"]\n+++\nSee [the draft](draft.md).\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(codes(&run), ["link-to-unpublished"], "{run:?}");
    let run = site.brief(&["check", "--drafts"]);
    assert!(run.succeeded(), "{run:?}");
    // The same below a domain's root: a link to an article is followed as its site
    // path. (The fixture's links written from the domain's root, an image and a
    // company's page, are then outside the site, and reported.)
    site.replace(
        "site.toml",
        "https://notes.example.org",
        "https://notes.example.org/sub/dir",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(
        codes(&run),
        [
            "missing-file",
            "broken-link",
            "broken-link",
            "link-to-unpublished"
        ],
        "{run:?}"
    );
    let run = site.brief(&["check", "--drafts", "--format", "json"]);
    assert_eq!(
        codes(&run),
        ["missing-file", "broken-link", "broken-link"],
        "{run:?}"
    );
    let built = site.build_with(&["--drafts"]);
    assert!(
        built
            .out
            .page("/2025/10/linker/")
            .contains("<a href=\"/sub/dir/2025/10/draft/\">the draft</a>")
    );
}

#[test]
fn check_reports_a_broken_link_in_a_template_once_for_all_its_pages() {
    let site = Site::fixture("site");
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/briefing/templates/base.html"),
    )
    .unwrap();
    site.write(
        "templates/base.html",
        &base.replace(
            "</main>",
            "<a href=\"{{ site.path_prefix }}/nowhere/\">x</a></main>",
        ),
    );
    let run = site.brief(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stderr.matches("error:").count(), 1, "{run:?}");
    assert!(
        run.stderr
            .contains("the link to `/nowhere/` points at no page of the site (on / and"),
        "{run:?}"
    );
}

#[test]
fn check_lints_the_registry_and_strict_fails_on_its_warnings() {
    let site = Site::fixture("site");
    let toml = site.read("site.toml")
        + "\n[ecosystems.eu]\nname = \"Europe\"\n\n[companies.asml]\nname = \"ASML\"\ntickers = [\"ASML\"]\n";
    site.write("site.toml", &toml);
    let run = site.brief(&["check", "--format", "json"]);
    assert!(run.succeeded(), "warnings alone pass: {run:?}");
    let found: Vec<(String, String, u64)> = json_lines(&run)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "ecosystem-without-briefings".to_string(),
                "site.toml".to_string(),
                25
            ),
            (
                "company-without-ecosystem".to_string(),
                "site.toml".to_string(),
                28
            ),
            (
                "company-without-briefings".to_string(),
                "site.toml".to_string(),
                28
            ),
        ]
    );
    let strict = site.brief(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{strict:?}");
    assert!(
        strict
            .stderr
            .contains("site.toml:28:12: warning: company `asml` belongs to no ecosystem"),
        "{strict:?}"
    );
    assert!(strict.stdout.contains("0 errors, 3 warnings"), "{strict:?}");
}

#[test]
fn check_reports_a_company_in_an_unknown_ecosystem_at_its_line() {
    let site = Site::fixture("site");
    let toml = site
        .read("site.toml")
        .replace("ecosystem = \"us\"", "ecosystem = \"usa\"");
    site.write("site.toml", &toml);
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let diagnostics = json_lines(&run);
    assert_eq!(codes(&run), ["unknown-ecosystem"], "{run:?}");
    assert_eq!(diagnostics[0]["file"], "site.toml");
    assert_eq!(diagnostics[0]["line"], 23);
    assert!(
        diagnostics[0]["suggestion"]
            .as_str()
            .unwrap()
            .contains("did you mean `us`?")
    );
}

#[test]
fn check_reports_a_ticker_listed_by_two_companies() {
    let site = Site::fixture("site");
    let toml = site.read("site.toml")
        + "\n[companies.smic-shanghai]\nname = \"SMIC Shanghai\"\ntickers = [\"688981.SS\"]\necosystem = \"china\"\n";
    site.write("site.toml", &toml);
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(codes(&run), ["ticker-listed-twice"]);
}

#[test]
fn check_reports_every_bad_move_as_build_does() {
    for fixture in ["bad-moves", "bad-moves-yaml"] {
        let site = crate::support::Site::invalid(fixture);
        let build = site.build_fails(&[]);
        let check = site.brief(&["check"]);
        assert_eq!(check.code, 1, "{check:?}");
        // The same reports, word for word, before each command's summary line.
        let reports = |stderr: &str| -> String {
            let end = stderr.rfind("\nerror: ").map_or(stderr.len(), |i| i + 1);
            stderr[..end].to_string()
        };
        assert!(reports(&build).contains("is not a valid"), "{build}");
        assert_eq!(reports(&check.stderr), reports(&build), "{fixture}");
        let json = site.brief(&["check", "--format", "json"]);
        let codes: Vec<String> = json_lines(&json)
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_string())
            .collect();
        assert!(codes.contains(&"invalid-value".to_string()), "{codes:?}");
        assert!(
            codes.contains(&"move-without-change".to_string()),
            "{codes:?}"
        );
    }
}

#[test]
fn check_warns_about_an_unregistered_ticker_with_the_closest_one() {
    let site = Site::fixture("site");
    site.write(
        "content/2025/10/typo.md",
        "+++\ntitle = \"Typo\"\ndate = 2025-10-17\ntickers = [\"0918.HK\", \"MU\"]\n+++\nBody.\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert!(run.succeeded(), "{run:?}");
    let diagnostics = json_lines(&run);
    assert_eq!(diagnostics.len(), 1, "{run:?}");
    assert_eq!(diagnostics[0]["code"], "unregistered-ticker");
    assert_eq!(diagnostics[0]["severity"], "warning");
    assert!(
        diagnostics[0]["suggestion"]
            .as_str()
            .unwrap()
            .contains("`0981.HK`")
    );
    assert_eq!(site.brief(&["check", "--strict"]).code, 1);
}

#[test]
fn check_warns_about_a_briefing_dated_in_the_future_unless_drafts_are_asked_for() {
    let site = Site::fixture("site");
    site.write(
        "content/2999/01/later.md",
        "+++\ntitle = \"Later\"\ndate = 2999-01-01T09:00:00+08:00\ntickers = [\"MU\"]\n+++\nBody.\n",
    );
    let run = site.brief(&["check"]);
    assert!(run.succeeded(), "{run:?}");
    assert!(
        run.stderr.contains(
            "content/2999/01/later.md:3:8: warning: this briefing is dated in the future"
        ),
        "{run:?}"
    );
    assert_eq!(site.brief(&["check", "--strict"]).code, 1);
    let drafts = site.brief(&["check", "--strict", "--drafts"]);
    assert!(drafts.succeeded(), "{drafts:?}");
}

#[test]
fn check_without_a_site_says_where_it_looked() {
    let site = Site::empty();
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(codes(&run), ["no-site-config"]);
}

#[test]
fn new_on_a_full_disk_leaves_no_file_behind_and_works_once_there_is_room() {
    let site = Site::empty();
    let Some(disk) = system::Tmpfs::mount(&site.root, 1024) else {
        return;
    };
    crate::support::copy_dir(&crate::support::fixture_path("commands/site"), site.root());
    let filler = disk.fill(0);
    let args = [
        "new",
        "A briefing on a full disk",
        "--ticker",
        "0981.HK",
        "--date",
        "2025-10-20T09:30:00",
    ];
    let run = site.brief(&args);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("No space left"), "{run:?}");
    let path = "content/2025/10/a-briefing-on-a-full-disk.md";
    assert!(!site.path(path).exists(), "no empty file is left behind");

    std::fs::remove_file(filler).unwrap();
    let run = site.brief(&args);
    assert!(run.succeeded(), "{run:?}");
    assert_eq!(run.stdout.trim(), path);
    let build = site.brief(&["build"]);
    assert!(build.succeeded(), "{build:?}");
}

// --------------------------------------------------------------- brief init

#[test]
fn init_creates_a_site_that_builds_and_checks_without_warnings() {
    let site = Site::empty();
    let parent = site.root.parent().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["init", "site"])
        .current_dir(parent)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    for file in ["site.toml", "content/about.md", "archetypes/briefing.md"] {
        assert!(site.path(file).is_file(), "{file}");
    }
    assert_eq!(site.content_files().len(), 2);
    assert!(
        !site.path("themes").exists(),
        "the theme comes from the binary"
    );
    let toml = site.read("site.toml");
    for option in [
        "title = \"Site\"",
        "base_url",
        "description",
        "language",
        "theme",
        "per_page",
        "feed_limit",
        "timezone",
    ] {
        assert!(toml.contains(option), "{option}");
    }

    let build = site.brief(&["build"]);
    assert!(build.succeeded(), "{build:?}");
    assert!(build.stderr.is_empty(), "no warnings: {build:?}");
    let check = site.brief(&["check", "--strict"]);
    assert!(check.succeeded(), "{check:?}");
    assert!(check.stdout.contains("no problems"), "{check:?}");

    let new = site.brief(&["new", "First", "--ticker", "NVDA"]);
    assert!(new.succeeded(), "{new:?}");
    assert!(
        site.read(new.stdout.trim())
            .contains("What happened at Nvidia")
    );
}

#[test]
fn init_writes_an_archetype_whose_comment_says_where_it_is() {
    let site = Site::empty();
    let run = site.brief(&["init", "--copy-theme"]);
    assert!(run.succeeded(), "{run:?}");
    let own = site.read("archetypes/briefing.md");
    assert!(
        own.contains("This site's archetype, archetypes/briefing.md"),
        "{own}"
    );
    assert!(
        !own.contains("Copy it to archetypes/briefing.md"),
        "it is that file already: {own}"
    );
    let theme = site.read("themes/briefing/archetypes/briefing.md");
    assert!(
        theme.contains("only when the site has no archetypes/briefing.md of its own"),
        "{theme}"
    );

    // What the comments say is so: the site's file is read first, the theme's without it.
    site.write("archetypes/briefing.md", "From the site.\n");
    site.write(
        "themes/briefing/archetypes/briefing.md",
        "From the theme.\n",
    );
    let run = site.brief(&["new", "First", "--date", "2026-03-01"]);
    assert!(site.read(run.stdout.trim()).ends_with("From the site.\n"));
    std::fs::remove_file(site.path("archetypes/briefing.md")).unwrap();
    let run = site.brief(&["new", "Second", "--date", "2026-03-01"]);
    assert!(site.read(run.stdout.trim()).ends_with("From the theme.\n"));
}

#[test]
fn init_counts_what_it_created_in_the_singular_too() {
    let site = Site::empty();
    assert!(site.brief(&["init"]).succeeded());
    std::fs::remove_file(site.path(".gitignore")).unwrap();
    let run = site.brief(&["init", "--force"]);
    assert!(run.succeeded(), "{run:?}");
    assert!(
        run.stdout
            .starts_with("Created a briefing site in . (1 file):\n  .gitignore\n"),
        "{run:?}"
    );
}

#[test]
fn check_takes_the_short_flags_for_drafts_and_future() {
    let site = Site::fixture("site");
    site.write(
        "content/2999/01/later.md",
        "+++\ntitle = \"Later\"\ndate = 2999-01-01T09:00:00+08:00\ntickers = [\"MU\"]\n+++\nBody.\n",
    );
    site.write(
        "content/2025/10/draft.md",
        "+++\ntitle = \"Draft\"\ndate = 2025-10-16\ndraft = true\ntickers = [\"MU\"]\n+++\nBody.\n",
    );
    site.write(
        "content/2025/10/linker.md",
        "+++\ntitle = \"Linker\"\ndate = 2025-10-16\ntickers = [\"MU\"]\n+++\nSee [the draft](draft.md).\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(
        codes(&run),
        ["link-to-unpublished", "scheduled-briefing"],
        "{run:?}"
    );
    let run = site.brief(&["check", "-F", "--format", "json"]);
    assert_eq!(
        codes(&run),
        ["link-to-unpublished"],
        "-F is --future: {run:?}"
    );
    let run = site.brief(&["check", "--strict", "-D"]);
    assert!(run.succeeded(), "-D is --drafts: {run:?}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = Site::empty();
    site.write("notes.txt", "mine");
    let run = site.brief(&["init", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("is not empty"), "{run:?}");
    assert!(run.stderr.contains("--force"), "{run:?}");
    assert!(!site.path("site.toml").exists());
}

#[test]
fn init_force_adds_the_site_without_overwriting_a_file() {
    let site = Site::empty();
    site.write("notes.txt", "mine");
    site.write(
        "content/about.md",
        "+++\ntitle = \"My own about\"\nkind = \"page\"\n+++\nMine.\n",
    );
    let run = site.brief(&["init", "--force"]);
    assert!(run.succeeded(), "{run:?}");
    assert!(run.stdout.contains("Kept these files"), "{run:?}");
    assert_eq!(site.read("notes.txt"), "mine");
    assert!(site.read("content/about.md").contains("My own about"));
    assert!(site.path("site.toml").is_file());
    assert!(site.brief(&["check", "--strict"]).succeeded());
}

#[test]
fn init_copy_theme_puts_the_theme_in_themes_where_the_writer_can_change_it() {
    let site = Site::empty();
    let run = site.brief(&["init", "--copy-theme", "--title", "Copied"]);
    assert!(run.succeeded(), "{run:?}");
    let base = "themes/briefing/templates/base.html";
    assert!(site.path("themes/briefing/static/style.css").is_file());
    assert!(
        site.path("themes/briefing/archetypes/briefing.md")
            .is_file()
    );
    let changed = site.read(base).replace("Built with brief", "Built by hand");
    site.write(base, &changed);
    assert!(site.brief(&["check", "--strict"]).succeeded());
    assert!(site.brief(&["build"]).succeeded());
    assert!(site.read("public/index.html").contains("Built by hand"));
    assert!(site.read("public/index.html").contains("Copied"));
}

/// `(code, file, line)` of every diagnostic `check --format json` printed.
fn placed(run: &Run) -> Vec<(String, String, u64)> {
    json_lines(run)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn check_reports_unknown_keys_of_site_toml_and_front_matter_with_every_other_error() {
    let site = Site::fixture("site");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &config.replace("timezone = ", "per_pgae = 5\ntimezone = "),
    );
    site.write(
        "content/2025/10/typo.md",
        "+++\ntitle = \"Typo\"\ndate = 2025-10-17\ndrafts = true\n+++\nSee [gone](gone.md).\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        placed(&run),
        [
            ("unknown-key".to_string(), "site.toml".to_string(), 3),
            (
                "unknown-key".to_string(),
                "content/2025/10/typo.md".to_string(),
                4
            ),
            (
                "broken-link".to_string(),
                "content/2025/10/typo.md".to_string(),
                6
            ),
        ],
        "{run:?}"
    );
    let diagnostics = json_lines(&run);
    assert!(
        diagnostics[0]["suggestion"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `per_page`?"),
        "{run:?}"
    );
}

#[test]
fn check_reports_what_build_refuses_about_names_templates_and_tickers() {
    let site = Site::fixture("site");
    let long = "a".repeat(256);
    site.write(
        "content/2025/10/long.md",
        &format!(
            "+++\ntitle = \"Long\"\ndate = 2025-10-17\nslug = \"{long}\"\ntickers = [\"\"]\n+++\nBody.\n"
        ),
    );
    site.write(
        "content/2025/10/spelling-a.md",
        "+++\ntitle = \"A\"\ndate = 2025-10-18\ntickers = [\"SMIC_X\"]\n+++\nBody.\n",
    );
    site.write(
        "content/2025/10/spelling-b.md",
        "+++\ntitle = \"B\"\ndate = 2025-10-19\ntickers = [\"SMIC-X\"]\ntemplate = \"pgae.html\"\n+++\nBody.\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let errors: Vec<(String, String, u64)> = placed(&run)
        .into_iter()
        .filter(|(code, _, _)| code != "unregistered-ticker")
        .collect();
    assert_eq!(
        errors,
        [
            (
                "name-too-long".to_string(),
                "content/2025/10/long.md".to_string(),
                4
            ),
            (
                "empty-ticker".to_string(),
                "content/2025/10/long.md".to_string(),
                5
            ),
            (
                "ticker-url-taken".to_string(),
                "content/2025/10/spelling-a.md".to_string(),
                4
            ),
            (
                "unknown-template".to_string(),
                "content/2025/10/spelling-b.md".to_string(),
                5
            ),
        ],
        "{run:?}"
    );
}

#[cfg(unix)]
#[test]
fn check_warns_about_symlinks_under_content_as_build_does() {
    let site = Site::fixture("site");
    std::os::unix::fs::symlink(
        site.path("content/2025/10/smic-rally.md"),
        site.path("content/2025/10/again.md"),
    )
    .unwrap();
    let run = site.brief(&["check", "--format", "json"]);
    assert!(run.succeeded(), "a skipped file is a warning: {run:?}");
    let diagnostics = json_lines(&run);
    assert_eq!(diagnostics.len(), 1, "{run:?}");
    assert_eq!(diagnostics[0]["code"], "symlink-skipped");
    assert_eq!(diagnostics[0]["file"], "content/2025/10/again.md");
    assert_eq!(diagnostics[0]["line"], serde_json::Value::Null);
    assert_eq!(site.brief(&["check", "--strict"]).code, 1);
}

#[test]
fn check_reports_every_one_of_20000_broken_links_in_one_file() {
    let site = Site::fixture("site");
    let mut text = String::from("+++\ntitle = \"Links\"\ndate = 2025-10-17\n+++\n");
    for n in 0..20_000 {
        text.push_str(&format!("[gone {n}](gone-{n}.md)\n\n"));
    }
    site.write("content/2025/10/links.md", &text);
    let run = site.brief(&["check"]);
    assert_eq!(run.code, 1, "{}", &run.stdout);
    let reported = run.stderr.matches(": error: the link to `gone-").count();
    assert_eq!(reported, 20_000);
    // Every error is at its own line, in order: the last is at the last link.
    let last = run
        .stderr
        .lines()
        .rfind(|l| l.contains(": error: "))
        .unwrap();
    assert!(
        last.starts_with("content/2025/10/links.md:40003:1: error: the link to `gone-19999.md`"),
        "{last}"
    );
    assert!(run.stdout.contains("20000 errors"), "{}", run.stdout);
}

// ------------------------------------------------------------ the terminal

/// Asserts `printed` carries no character a terminal acts on (besides newlines and
/// tabs), and shows `shown` instead.
fn assert_terminal_safe(printed: &str, shown: &str) {
    let acted_on: Vec<char> = printed
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
        })
        .collect();
    assert!(acted_on.is_empty(), "{acted_on:?} in:\n{printed}");
    assert!(printed.contains(shown), "{shown} not in:\n{printed}");
}

#[test]
fn escape_sequences_in_the_writers_text_are_printed_written_out() {
    let site = Site::fixture("site");
    // A ticker no company lists (a warning naming it), written with TOML escapes.
    site.write(
        "content/2025/10/clear.md",
        "+++\ntitle = \"Clear\"\ndate = 2025-10-13\ntickers = [\"MU\", \"X\\u001b[2J\\u202e\"]\n+++\nBody.\n",
    );
    // A raw ESC in a file's name and in the line an error points at.
    site.write(
        "content/2025/10/\u{1b}[2J.md",
        "+++\ntitle = \"Screen \u{1b}[2J\u{1b}]0;owned\u{7}\"\n+++\nBody.\n",
    );
    let check = site.brief(&["check"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_terminal_safe(&check.stderr, "X\\u{1b}[2J\\u{202e}");
    assert_terminal_safe(&check.stderr, "content/2025/10/\\u{1b}[2J.md:2:");
    assert_terminal_safe(&check.stdout, "");

    let failed = site.brief(&["build"]);
    assert_eq!(failed.code, 1, "{failed:?}");
    assert_terminal_safe(&failed.stderr, "content/2025/10/\\u{1b}[2J.md:2:");
    std::fs::remove_file(site.path("content/2025/10/\u{1b}[2J.md")).unwrap();
    let built = site.brief(&["build"]);
    assert!(built.succeeded(), "{built:?}");
    assert_terminal_safe(&built.stderr, "X\\u{1b}[2J\\u{202e}");
    assert_terminal_safe(&built.stdout, "Built");
}

#[test]
fn check_strict_reports_characters_that_cannot_be_published_at_their_line() {
    let site = Site::fixture("site");
    // A form feed and a U+FFFF, as text pasted from a PDF carries them.
    site.write(
        "content/2025/10/pasted.md",
        "+++\ntitle = \"Pasted\"\ndate = 2025-10-17\ntickers = [\"MU\"]\n+++\n\nPage one,\u{C} page two.\n\nAnd \u{FFFF} here.\n",
    );
    let run = site.brief(&["check"]);
    assert!(run.succeeded(), "a warning, not an error: {run:?}");
    assert!(
        run.stderr.contains(
            "content/2025/10/pasted.md:7:10: warning: character U+000C (a control character) cannot be published; the file has 1 more"
        ),
        "{run:?}"
    );
    assert!(run.stderr.contains("delete it from the file"), "{run:?}");
    let strict = site.brief(&["check", "--strict", "--format", "json"]);
    assert_eq!(strict.code, 1, "{strict:?}");
    let diagnostics = json_lines(&strict);
    assert_eq!(diagnostics.len(), 1, "{strict:?}");
    assert_eq!(diagnostics[0]["code"], "unpublishable-character");
    assert_eq!(diagnostics[0]["line"], 7);
    assert_eq!(diagnostics[0]["column"], 10);
}

#[test]
fn check_warns_about_scripts_and_remote_embeds_in_content_and_strict_fails() {
    let site = Site::fixture("site");
    site.write(
        "content/2025/10/embed.md",
        "+++\ntitle = \"Embed\"\ndate = 2025-10-17\ntickers = [\"MU\"]\n+++\n\n\
         <iframe src=\"https://video.example.com/embed/1\"></iframe>\n\n\
         A pixel: <img src=\"https://tracker.example/p.gif\" alt=\"\">\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert!(run.succeeded(), "{run:?}");
    let found: Vec<(String, u64, u64)> = json_lines(&run)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("script-in-content".to_string(), 7, 1),
            ("remote-embed".to_string(), 9, 20),
        ],
        "{run:?}"
    );
    assert_eq!(site.brief(&["check", "--strict"]).code, 1);
}

#[test]
fn init_gitignore_covers_the_output_what_a_killed_build_leaves_beside_it_and_the_image_cache() {
    let site = Site::empty();
    let run = site.brief(&["init", "--title", "Ignored"]);
    assert!(run.succeeded(), "{run:?}");
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&site.root)
            .output()
            .expect("git runs")
    };
    assert!(git(&["init", "-q"]).status.success());
    for ignored in [
        "public/index.html",
        ".public.brief-new-4242/index.html",
        ".public.brief-old-4242/index.html",
        ".brief-cache/images/v1/0123456789abcdef-100-480.webp",
    ] {
        let check = git(&["check-ignore", "-q", ignored]);
        assert!(check.status.success(), "{ignored} is not ignored");
    }
    let check = git(&["check-ignore", "-q", "content/about.md"]);
    assert!(!check.status.success(), "the content is not ignored");
}
