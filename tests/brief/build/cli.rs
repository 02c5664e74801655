//! The command line as a writer meets it: version, help with examples, Hugo's and
//! Zola's short flags, and the one summary line of a successful build.

use crate::support::{Site, brief, summary_without_time};

fn stdout_of(args: &[&str]) -> String {
    let output = brief().args(args).output().expect("brief runs");
    assert!(output.status.success(), "brief {args:?} failed");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn brief_version_prints_the_package_version() {
    assert_eq!(
        stdout_of(&["--version"]),
        format!("brief {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn brief_help_shows_the_build_command_and_examples() {
    let help = stdout_of(&["--help"]);
    assert!(help.contains("Usage: brief <COMMAND>"), "{help}");
    assert!(help.contains("build"), "{help}");
    let examples = help
        .split("Examples:")
        .nth(1)
        .expect("a section of examples");
    assert!(examples.contains("brief build"), "{help}");
    assert!(examples.contains("--root"), "{help}");
    assert!(examples.contains("--output"), "{help}");
}

#[test]
fn brief_build_help_shows_every_flag_and_examples() {
    let help = stdout_of(&["build", "--help"]);
    for flag in ["--root", "--output", "--drafts", "--future", "--base-url"] {
        assert!(
            help.contains(flag),
            "build --help documents {flag}:\n{help}"
        );
    }
    let examples = help
        .split("Examples:")
        .nth(1)
        .expect("a section of examples");
    assert!(examples.contains("brief build"), "{help}");
}

#[test]
fn a_successful_build_prints_one_summary_line_with_counts_and_time() {
    let site = Site::fixture("site");
    let built = site.build();
    assert_eq!(built.stdout.lines().count(), 1, "{}", built.stdout);
    assert!(
        built.stderr.is_empty(),
        "a clean build warns of nothing: {}",
        built.stderr
    );
    assert_eq!(
        summary_without_time(&built.stdout),
        "Built 6 briefings, 3 companies, 2 ecosystems: 58 files (58 written, 0 unchanged) in ./public in [TIME]"
    );
    assert_eq!(built.out.files().len(), 58, "the count of files is true");
}

#[test]
fn the_flags_change_what_is_built_and_where() {
    let site = Site::fixture("future");
    let built = site.build_with(&[
        "--output",
        "../elsewhere",
        "--future",
        "--base-url",
        "http://localhost:8000",
    ]);
    assert!(built.out.dir.ends_with("elsewhere"));
    assert!(!site.path("public").exists());
    assert!(built.out.has("/far-future/"));
    assert!(
        built
            .out
            .page("/atom.xml")
            .contains("<id>http://localhost:8000/far-future/</id>")
    );
    assert!(
        built
            .stdout
            .starts_with("Built 2 briefings, 0 companies, 0 ecosystems:"),
        "{}",
        built.stdout
    );
}

#[test]
fn the_summary_counts_one_of_each_in_the_singular() {
    let site = Site::fixture("markdown");
    std::fs::remove_file(site.path("content/2024/10/features.md")).unwrap();
    let built = site.build();
    let summary = summary_without_time(&built.stdout);
    assert!(
        summary.starts_with("Built 1 briefing, 1 company, 1 ecosystem: "),
        "{summary}"
    );
    let files = built.out.files().len();
    assert!(
        summary.contains(&format!(": {files} files ({files} written, 0 unchanged)")),
        "{summary}"
    );
}

#[test]
fn the_short_flags_of_hugo_and_zola_work_as_the_long_ones() {
    let site = Site::fixture("future");
    site.write(
        "content/draft.md",
        "+++\ntitle = \"Draft\"\ndate = 2024-10-03T09:00:00Z\ndraft = true\n+++\n\nNot ready.\n",
    );
    let built = site.build_with(&["-o", "../elsewhere", "-F", "-D"]);
    assert!(built.out.dir.ends_with("elsewhere"));
    assert!(!site.path("public").exists());
    assert!(built.out.has("/far-future/"), "-F is --future");
    assert!(built.out.has("/draft/"), "-D is --drafts");

    let help = stdout_of(&["build", "--help"]);
    for flag in ["-o, --output", "-D, --drafts", "-F, --future"] {
        assert!(help.contains(flag), "build --help shows {flag}:\n{help}");
    }
    let help = stdout_of(&["check", "--help"]);
    for flag in ["-D, --drafts", "-F, --future"] {
        assert!(help.contains(flag), "check --help shows {flag}:\n{help}");
    }
    let help = stdout_of(&["serve", "--help"]);
    for flag in ["-p, --port", "-D, --drafts", "-F, --future"] {
        assert!(help.contains(flag), "serve --help shows {flag}:\n{help}");
    }
}
