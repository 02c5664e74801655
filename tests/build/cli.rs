//! The command line as a writer meets it: version, help with examples, and the one
//! summary line of a successful build.

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
        "Built 6 briefings, 3 companies, 2 ecosystems: 31 files (31 written, 0 unchanged) in ./public in [TIME]"
    );
    assert_eq!(built.out.files().len(), 31, "the count of files is true");
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
