//! What a fresh machine needs for the tests is written down, and installed without
//! running any package's install script: README.md and .ci/run, read as a newcomer
//! (or CI) would follow them.

use crate::support::repository_root;

fn read(relative: &str) -> String {
    std::fs::read_to_string(repository_root().join(relative))
        .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

#[test]
fn the_readme_lists_what_the_tests_need_under_its_two_first_commands() {
    let readme = read("README.md");
    assert!(
        readme.starts_with(
            "# brief\n\n```sh\n\
             cargo run --release -- build     # builds the example site in this folder into public/\n\
             cargo test                       # runs the tests\n```\n"
        ),
        "the first two set-up commands stay as they are"
    );
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let rust = manifest["package"]["rust-version"].as_str().unwrap();
    let (_, needs) = readme
        .split_once("### What the tests need")
        .expect("a section on what the tests need");
    let needs = needs.split("\n## ").next().unwrap();
    for what in [
        format!("Rust {rust} or newer"),
        "Java".to_string(),
        "npm".to_string(),
        "`vnu-jar`".to_string(),
        "`axe-core`".to_string(),
        "--ignore-scripts".to_string(),
        "Chromium at `/usr/bin/chromium`".to_string(),
        "BRIEF_CHROMIUM".to_string(),
    ] {
        assert!(needs.contains(&what), "README names {what:?}:\n{needs}");
    }
}

#[test]
fn every_npm_install_in_ci_runs_no_install_script() {
    let run = read(".ci/run");
    let installs: Vec<&str> = run
        .lines()
        .filter(|line| line.contains("npm install") || line.contains("npm i "))
        .collect();
    assert!(
        installs.iter().any(|l| l.contains("axe-core")),
        "{installs:?}"
    );
    assert!(
        installs.iter().any(|l| l.contains("vnu-jar")),
        "{installs:?}"
    );
    for line in installs {
        assert!(
            line.contains("--ignore-scripts"),
            "an install script could download a runtime: {line}"
        );
    }
}
