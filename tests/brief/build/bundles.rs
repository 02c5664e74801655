//! Page bundles: `content/2024/10/rally/index.md` is the article `/2024/10/rally/`, and
//! every other file of its folder is published beside it, byte for byte, and followed
//! by `brief check` like any other file of the site.

use crate::support::Site;

#[test]
fn a_bundle_is_the_article_its_folder_names() {
    let site = Site::fixture("moved-site");
    let out = site.build().out;
    assert!(
        out.page("/2024/10/rally/")
            .contains("Foundry shares rally into the close")
    );
    assert!(!out.has("/2024/10/rally/index/"));
    // A link to the bundle's index.md reaches the bundle's URL.
    assert!(
        out.page("/2024/10/follow-up/")
            .contains("href=\"/2024/10/rally/\""),
    );
}

#[test]
fn every_file_of_a_bundle_is_published_beside_it_byte_for_byte_and_counted() {
    let site = Site::fixture("moved-site");
    let built = site.build();
    for file in ["chart.png", "filing.pdf", "data/closes.csv"] {
        assert_eq!(
            built.out.bytes(&format!("2024/10/rally/{file}")),
            std::fs::read(site.path(&format!("content/2024/10/rally/{file}"))).unwrap(),
            "{file}"
        );
    }
    let page = built.out.page("/2024/10/rally/");
    assert!(page.contains("src=\"chart.png\""), "{page}");
    // The images stage finds a bundle's image beside its article, and sizes it.
    assert!(
        page.contains("<img width=\"24\" height=\"12\" src=\"chart.png\""),
        "{page}"
    );
    // The report counts the copies among the files it built.
    let files = built.out.files().len();
    assert!(
        built.stdout.contains(&format!(": {files} files (")),
        "{files} files: {}",
        built.stdout
    );
    // Copies are files of the site like any other: unchanged, they are not written again.
    let again = site.build();
    assert!(again.stdout.contains("(0 written,"), "{}", again.stdout);
}

#[test]
fn a_file_added_to_or_removed_from_a_bundle_is_in_the_next_build() {
    let site = Site::fixture("moved-site");
    site.build();
    site.write("content/2024/10/rally/more/notes.txt", "Notes.\n");
    std::fs::remove_file(site.path("content/2024/10/rally/filing.pdf")).unwrap();
    let out = site.build().out;
    assert_eq!(out.bytes("2024/10/rally/more/notes.txt"), b"Notes.\n");
    assert!(!site.path("public/2024/10/rally/filing.pdf").exists());
}

#[test]
fn check_follows_links_to_a_bundles_files_and_reports_a_missing_one() {
    let site = Site::fixture("moved-site");
    let run = site.brief(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!site.path("public").exists());

    site.append(
        "content/2024/10/rally/index.md",
        "\n![The missing chart](missing.png)\n",
    );
    let run = site.brief(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{run:?}");
    assert!(lines[0].contains("\"code\":\"missing-file\""), "{run:?}");
    assert!(
        lines[0].contains("\"file\":\"content/2024/10/rally/index.md\",\"line\":15"),
        "{run:?}"
    );
}

#[test]
fn files_in_a_folder_without_index_md_are_not_published() {
    let site = Site::fixture("moved-site");
    site.write("content/2024/10/stray.png", "not a bundle's");
    let out = site.build().out;
    assert!(!out.dir.join("2024/10/stray.png").exists());
}

#[test]
fn a_linked_file_in_a_bundle_is_left_out_with_a_warning() {
    let site = Site::fixture("moved-site");
    std::os::unix::fs::symlink(
        site.path("site.toml"),
        site.path("content/2024/10/rally/linked.txt"),
    )
    .unwrap();
    let built = site.build();
    assert!(!built.out.dir.join("2024/10/rally/linked.txt").exists());
    assert!(
        built
            .stderr
            .contains("content/2024/10/rally/linked.txt: warning: a symbolic link"),
        "{}",
        built.stderr
    );
}
