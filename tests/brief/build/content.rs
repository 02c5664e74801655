//! Reading content/: sub-folders, TOML and YAML front matter, dates in the site's
//! timezone, files that are not content, drafts, future dates and summaries.

use crate::support::{Out, Site, html};

/// The briefing cards of a list page, as (title link, summary HTML).
fn cards(page: &str) -> Vec<(String, String)> {
    page.match_indices("<article class=\"card")
        .map(|(i, _)| {
            let card = html::section(&page[i..], "article", "card").expect("a card closes");
            let link = html::tags(card)
                .windows(2)
                .find(|w| w[0].get("class") == Some("card-title"))
                .and_then(|w| w[1].get("href").map(str::to_string))
                .expect("a card has a title link");
            let summary = html::section(card, "div", "card-summary")
                .unwrap_or_default()
                .to_string();
            (link, summary)
        })
        .collect()
}

fn card_urls(page: &str) -> Vec<String> {
    cards(page).into_iter().map(|(url, _)| url).collect()
}

/// The `datetime` of the first `<time>` in the article's header.
fn article_datetime(out: &Out, url: &str) -> String {
    let page = out.page(url);
    let head = html::section(&page, "header", "briefing-head").expect("a briefing header");
    html::tags(head)
        .into_iter()
        .find(|t| t.name == "time")
        .and_then(|t| t.get("datetime").map(str::to_string))
        .expect("a <time datetime>")
}

#[test]
fn articles_in_nested_folders_live_at_their_path_without_md() {
    let site = Site::fixture("nested");
    let out = site.build().out;
    assert!(out.page("/top/").contains("At the top"));
    assert!(out.page("/a/b/c/deep/").contains("Three folders down"));
    // Folder and file names become URL slugs: "Q4 Notes/Größe.md" → q4-notes/grosse.
    assert!(
        out.page("/2024/q4-notes/grosse/")
            .contains("A folder with a space and a file with an umlaut")
    );
    assert_eq!(
        card_urls(&out.page("/")),
        ["/2024/q4-notes/grosse/", "/a/b/c/deep/", "/top/"]
    );
}

#[test]
fn toml_and_yaml_front_matter_carry_the_same_keys() {
    let site = Site::fixture("front-matter");
    let out = site.build().out;
    for (format, url, date, updated, author, summary) in [
        (
            "TOML",
            "/2024/10/toml-slug/",
            "2024-10-02T01:30:00+00:00",
            "2024-10-03T10:00:00+00:00",
            "Tom L.",
            "The TOML summary.",
        ),
        (
            "YAML",
            "/2024/10/yaml-slug/",
            "2024-10-04T01:30:00+00:00",
            "2024-10-05T10:00:00+00:00",
            "Yam L.",
            "The YAML summary.",
        ),
    ] {
        let page = out.page(url);
        let article = html::section(&page, "article", "briefing").expect("an article");
        assert!(
            article.contains(&format!("<h1>Written in {format}</h1>")),
            "{format} title"
        );
        assert_eq!(article_datetime(&out, url), date, "{format} date");
        assert!(
            article.contains(&format!("Updated <time datetime=\"{updated}\">")),
            "{format} updated"
        );
        assert!(article.contains(&format!("By {author}")), "{format} author");
        for link in [
            "/ecosystems/china/",
            "/ecosystems/us/",
            "/companies/smic/",
            "/companies/micron/",
        ] {
            assert!(
                article.contains(&format!("href=\"{link}\"")),
                "{format} links {link}"
            );
        }
        assert!(article.contains(&format!("Body written under {format} front matter.")));
        let home = out.page("/");
        let (_, card_summary) = cards(&home)
            .into_iter()
            .find(|(link, _)| link == url)
            .unwrap_or_else(|| panic!("the {format} briefing is on the home page"));
        assert!(card_summary.contains(summary), "{format} summary");
        for list in [
            "/companies/smic/",
            "/companies/micron/",
            "/ecosystems/china/",
            "/ecosystems/us/",
        ] {
            assert!(
                card_urls(&out.page(list)).contains(&url.to_string()),
                "{format} in {list}"
            );
        }
    }
    // The slug replaced the file name in both.
    assert!(!out.has("/2024/10/in-toml/"));
    assert!(!out.has("/2024/10/in-yaml/"));
}

#[test]
fn a_date_without_an_offset_takes_the_site_timezone() {
    let site = Site::fixture("dates");
    let out = site.build().out;
    // timezone = "Asia/Hong_Kong": a bare date is midnight there, not in UTC.
    assert_eq!(
        article_datetime(&out, "/bare-date/"),
        "2024-10-02T00:00:00+08:00"
    );
    // A datetime without an offset (YAML here) is local time too.
    assert_eq!(
        article_datetime(&out, "/local-time/"),
        "2024-10-01T12:00:00+08:00"
    );
    // An explicit offset is kept, and shown in the site's timezone.
    assert_eq!(
        article_datetime(&out, "/utc-evening/"),
        "2024-10-02T04:00:00+08:00"
    );
    // 2024-10-01T20:00Z is newer than midnight on 2 October in Hong Kong (16:00Z on the
    // 1st); had the bare date been read as UTC it would be the newer one.
    assert_eq!(
        card_urls(&out.page("/")),
        ["/utc-evening/", "/bare-date/", "/local-time/"]
    );
}

#[test]
fn editor_leftovers_and_hidden_folders_are_not_content() {
    let site = Site::fixture("editor-leftovers");
    // Written here rather than kept in the fixture, so that no ignore rule of git can
    // drop them. Each would break the build if it were read as an article.
    let dir = "content/2024/10";
    site.write(
        &format!("{dir}/.#real.md"),
        "emacs lock file, not front matter\n",
    );
    site.write(&format!("{dir}/real.md~"), "backup, not front matter\n");
    site.write(
        &format!("{dir}/#real.md#"),
        "emacs auto-save, not front matter\n",
    );
    site.write(&format!("{dir}/.real.md.swp"), b"b0VIM 9.0\0\0\xff\xfe");
    site.write(&format!("{dir}/.real.md.swx"), b"b0VIM 9.0\0\0\xff\xfe");
    site.write(&format!("{dir}/4913"), "");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        "user@host.4242:1700000000",
        site.path(&format!("{dir}/.#other.md")),
    )
    .unwrap();
    let out = site.build().out;
    assert_eq!(
        out.files(),
        [
            "2024/10/01/index.html",
            "2024/10/index.html",
            "2024/10/real/index.html",
            "2024/index.html",
            "404.html",
            "atom.xml",
            "companies/index.html",
            "ecosystems/index.html",
            "favicon.svg",
            "feed.json",
            "index.html",
            "robots.txt",
            "search/index.html",
            "search/index.json",
            "search/records/0.json",
            "search/search.js",
            "search/terms/0.json",
            "sitemap.xml",
            "style.css",
        ],
        "only content/2024/10/real.md is an article (not content/.hidden/secret.md)"
    );
}

#[test]
fn drafts_are_built_only_with_the_drafts_flag() {
    let site = Site::fixture("drafts");
    let out = site.build().out;
    assert!(out.has("/published/"));
    assert!(!out.has("/work-in-progress/"));
    assert_eq!(card_urls(&out.page("/")), ["/published/"]);
    assert!(!out.page("/atom.xml").contains("Work in progress"));
    assert!(!out.page("/sitemap.xml").contains("work-in-progress"));

    let out = site.build_with(&["--drafts"]).out;
    let draft = out.page("/work-in-progress/");
    assert!(draft.contains("Work in progress"));
    assert!(draft.contains("badge-draft"), "a draft is marked as one");
    assert_eq!(
        card_urls(&out.page("/")),
        ["/work-in-progress/", "/published/"]
    );
}

#[test]
fn future_dated_briefings_are_built_only_with_the_future_flag() {
    let site = Site::fixture("future");
    let out = site.build().out;
    assert!(out.has("/past/"));
    assert!(
        !out.has("/far-future/"),
        "a briefing dated 2999 is not published yet"
    );
    assert_eq!(card_urls(&out.page("/")), ["/past/"]);
    assert!(!out.page("/atom.xml").contains("far future"));
    assert!(!out.page("/sitemap.xml").contains("far-future"));

    let out = site.build_with(&["--future"]).out;
    assert!(out.page("/far-future/").contains("From the far future"));
    assert_eq!(card_urls(&out.page("/")), ["/far-future/", "/past/"]);
    assert!(out.page("/atom.xml").contains("From the far future"));
}

#[test]
fn the_summary_comes_from_front_matter_else_the_more_marker_else_the_first_paragraph() {
    let site = Site::fixture("summary");
    let out = site.build().out;
    let home = cards(&out.page("/"));
    let summary_of = |url: &str| {
        home.iter()
            .find(|(link, _)| link == url)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| panic!("{url} is on the home page"))
    };

    let front_matter = summary_of("/from-front-matter/");
    assert!(front_matter.contains("FRONT-MATTER summary wins."));
    assert!(!front_matter.contains("FIRST-PARAGRAPH"));

    let marker = summary_of("/from-marker/");
    assert!(marker.contains("MARKER-ONE"));
    assert!(
        marker.contains("MARKER-TWO"),
        "everything before the marker"
    );
    assert!(!marker.contains("MARKER-THREE"));

    let first = summary_of("/from-first-paragraph/");
    assert!(first.contains("PARAGRAPH-ONE"));
    assert!(!first.contains("PARAGRAPH-TWO"));
    assert!(!first.contains("A heading first"));

    // The full text keeps everything, and the marker itself is not shown.
    let page = out.page("/from-marker/");
    assert!(page.contains("MARKER-THREE"));
    assert!(!page.contains("<!-- more -->"));

    // Feeds carry the same summaries.
    let feed = crate::support::xml::parse(&out.page("/atom.xml")).unwrap();
    let summaries: Vec<String> = feed
        .all("entry")
        .map(|e| e.child("summary").text())
        .collect();
    assert!(summaries[0].contains("FRONT-MATTER summary wins."));
    assert!(summaries[1].contains("MARKER-TWO") && !summaries[1].contains("MARKER-THREE"));
    assert!(summaries[2].contains("PARAGRAPH-ONE") && !summaries[2].contains("PARAGRAPH-TWO"));
}

#[test]
fn a_link_to_a_draft_does_not_dangle_in_a_build_without_drafts() {
    let site = Site::fixture("drafts");
    site.append(
        "content/published.md",
        "\nMore on this in [the follow-up](work-in-progress.md).\n",
    );
    let run = site.run_build(&[]);
    if run.success {
        // Either the link is refused at build time, or it must lead somewhere.
        let out = site.public();
        let page = out.page("/published/");
        let body = html::section(&page, "div", "prose").expect("the article's body");
        let dangling: Vec<String> = html::references(body)
            .into_iter()
            .map(|(_, url)| url)
            .filter(|url| url.starts_with('/') && !url.starts_with("//") && !out.has(url))
            .collect();
        // A scheduled target is published by a later build, so the link may stay, but
        // the writer is told where it is.
        assert!(
            dangling.is_empty()
                || (run.stderr.contains("content/published.md:")
                    && run.stderr.contains("warning:")
                    && run.stderr.contains("work-in-progress.md")),
            "/published/ links to {dangling:?}, which the build did not write (the draft is not built without --drafts), and the build said nothing:\n{}",
            run.stderr
        );
    } else {
        assert!(
            run.stderr.contains("content/published.md"),
            "{}",
            run.stderr
        );
    }
}

/// The `path:line:col` (or `path` alone) and message of every warning on stderr.
fn warnings(stderr: &str) -> Vec<(String, String)> {
    stderr
        .lines()
        .filter_map(|l| l.split_once(": warning: "))
        .map(|(place, message)| (place.to_string(), message.to_string()))
        .collect()
}

#[test]
fn every_key_of_the_site_format_is_read_and_extra_is_never_looked_at() {
    let site = Site::fixture("every-key");
    let built = site.build();
    // The images the fixture names are not there; nothing else is warned about.
    let found: Vec<(String, String)> = warnings(&built.stderr)
        .into_iter()
        .filter(|(_, message)| !message.contains("link-preview image"))
        .collect();
    assert_eq!(found, [], "{}", built.stderr);
    assert!(!built.stderr.contains("mood"), "{}", built.stderr);
    assert!(!built.stderr.contains("accent"), "{}", built.stderr);
    assert!(built.out.has("/rally/"));
    assert!(built.out.has("/yaml/"));
    // `search = true` is acted on: the search page is written.
    assert!(built.out.has("/search/"));
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_or_folder_under_content_is_skipped_with_a_warning() {
    let site = Site::fixture("nested");
    let elsewhere = tempfile::tempdir().unwrap();
    let article =
        "+++\ntitle = \"From elsewhere\"\ndate = 2024-10-05T09:00:00Z\n+++\n\nLinked in.\n";
    std::fs::write(elsewhere.path().join("linked.md"), article).unwrap();
    std::os::unix::fs::symlink(
        elsewhere.path().join("linked.md"),
        site.path("content/linked.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("content/linked-folder")).unwrap();
    let built = site.build();
    assert!(!built.out.has("/linked/"), "a linked file is not published");
    assert!(
        !built.out.has("/linked-folder/linked/"),
        "nothing in a linked folder is published"
    );
    assert_eq!(
        warnings(&built.stderr),
        [
            (
                "content/linked-folder".to_string(),
                "a symbolic link under content/ is skipped: brief does not follow links"
                    .to_string()
            ),
            (
                "content/linked.md".to_string(),
                "a symbolic link under content/ is skipped: brief does not follow links"
                    .to_string()
            ),
        ],
        "{}",
        built.stderr
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_or_folder_whose_name_is_not_utf8_is_skipped_with_a_warning() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::fixture("nested");
    let article =
        "+++\ntitle = \"Latin-1 name\"\ndate = 2024-10-05T09:00:00Z\n+++\n\nZ\u{fc}rich.\n";
    let content = site.path("content");
    let file = content.join(std::ffi::OsStr::from_bytes(b"Z\xfcrich.md"));
    std::fs::write(&file, article).unwrap();
    let folder = content.join(std::ffi::OsStr::from_bytes(b"M\xfcnchen"));
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inside.md"), article).unwrap();
    let built = site.build();
    let skipped: Vec<(String, String)> = warnings(&built.stderr);
    assert_eq!(
        skipped,
        [
            (
                "content/M\u{fffd}nchen".to_string(),
                "a name that is not UTF-8 is skipped, with everything in it".to_string()
            ),
            (
                "content/Z\u{fffd}rich.md".to_string(),
                "a name that is not UTF-8 is skipped, with everything in it".to_string()
            ),
        ],
        "{}",
        built.stderr
    );
    assert!(!built.stdout.contains("4 briefings"), "{}", built.stdout);
}

/// The summary of each card on a list page, by the card's link.
fn summary_on(page: &str, url: &str) -> String {
    cards(page)
        .into_iter()
        .find(|(link, _)| link == url)
        .map(|(_, summary)| summary)
        .unwrap_or_else(|| panic!("no card for {url}"))
}

#[test]
fn front_matter_after_blank_lines_or_a_bom_is_read_as_hugo_and_jekyll_read_it() {
    let site = Site::fixture("from-other-generators");
    let out = site.build().out;
    assert!(
        out.page("/2024/10/blank-lines/")
            .contains("BLANK-LINES body.")
    );
    assert!(
        out.page("/2024/10/blank-lines/")
            .contains("Blank lines before the fence, as Hugo allows")
    );
    assert!(out.page("/2024/10/bom/").contains("BOM body."));
    assert!(
        out.page("/2024/10/bom/")
            .contains("A BOM and a blank line before a YAML fence")
    );
}

#[test]
fn yaml_dates_in_the_forms_hugo_and_jekyll_accept_are_read() {
    let site = Site::fixture("from-other-generators");
    let out = site.build().out;
    // The site's timezone is Asia/Hong_Kong (+08:00): dates are shown in it.
    for (url, datetime) in [
        // 2024-10-02 10:00:00 +0000
        ("/2024/10/bom/", "2024-10-02T18:00:00+08:00"),
        // 2024-10-03 10:00:00 -0500
        ("/2024/10/jekyll/", "2024-10-03T23:00:00+08:00"),
        // 2024-10-04 10:00:00, no offset: the site's timezone
        ("/2024/10/hugo-local/", "2024-10-04T10:00:00+08:00"),
        // 2024-10-05T10:00:00Z
        ("/2024/10/zulu/", "2024-10-05T18:00:00+08:00"),
    ] {
        assert_eq!(article_datetime(&out, url), datetime, "{url}");
    }
}

#[test]
fn the_more_marker_is_read_with_hugo_spacing_and_inside_a_paragraph() {
    let site = Site::fixture("from-other-generators");
    let out = site.build().out;
    let home = out.page("/");

    let hugo = summary_on(&home, "/2024/10/hugo-more/");
    assert!(hugo.contains("BEFORE-HUGO-MARKER"), "{hugo}");
    assert!(!hugo.contains("AFTER-HUGO-MARKER"), "{hugo}");
    let page = out.page("/2024/10/hugo-more/");
    assert!(page.contains("AFTER-HUGO-MARKER") && !page.contains("<!--more-->"));

    // A marker at the end of a paragraph ends the summary there, and the paragraph
    // it cut is closed.
    let inline = summary_on(&home, "/2024/10/inline-more/");
    assert!(
        inline.contains("BEFORE-INLINE-MARKER second paragraph.") && !inline.contains("AFTER"),
        "{inline}"
    );
    assert_eq!(
        inline.matches("<p>").count(),
        inline.matches("</p>").count(),
        "{inline}"
    );
}

#[test]
fn a_summarys_relative_links_lead_to_the_article_wherever_the_summary_is_shown() {
    let site = Site::fixture("summary-links");
    let out = site.build().out;
    let expected = [
        "/2024/10/rally/data.csv",
        "/2024/10/rally/#the-move",
        "/2024/10/rally/chart.png",
        "/2024/10/note/",
    ];
    for list in ["/", "/companies/smic/", "/ecosystems/china/"] {
        let summary = summary_on(&out.page(list), "/2024/10/rally/");
        let found: Vec<String> = html::references(&summary)
            .into_iter()
            .map(|(_, url)| url)
            .collect();
        assert_eq!(found, expected, "on {list}");
        for url in &found {
            assert!(out.has(url.split('#').next().unwrap()), "{url} exists");
        }
    }
    // The article's own page keeps what the writer wrote.
    let page = out.page("/2024/10/rally/");
    let body = html::section(&page, "div", "prose").unwrap();
    assert!(body.contains("href=\"data.csv\""), "{body}");
    // Feeds are read away from the site: absolute URLs, in the summary and the content.
    let feed = crate::support::xml::parse(&out.page("/atom.xml")).unwrap();
    let rally = feed
        .all("entry")
        .find(|e| e.child("title").text() == "A rally with its data")
        .unwrap();
    for part in ["summary", "content"] {
        let text = rally.child(part).text();
        for url in &expected {
            assert!(
                text.contains(&format!("\"https://links.example.org{url}\"")),
                "{part} has {url}: {text}"
            );
        }
    }
}

#[test]
fn below_a_domains_root_every_link_an_article_makes_into_the_site_carries_the_path() {
    let site = Site::fixture("summary-links");
    site.replace(
        "site.toml",
        "https://links.example.org",
        "https://links.example.org/sub/dir",
    );
    let out = site.build().out;
    let expected = [
        "/sub/dir/2024/10/rally/data.csv",
        "/sub/dir/2024/10/rally/#the-move",
        "/sub/dir/2024/10/rally/chart.png",
        "/sub/dir/2024/10/note/",
    ];
    for list in ["/", "/companies/smic/", "/ecosystems/china/"] {
        let summary = summary_on(&out.page(list), "/sub/dir/2024/10/rally/");
        let found: Vec<String> = html::references(&summary)
            .into_iter()
            .map(|(_, url)| url)
            .collect();
        assert_eq!(found, expected, "on {list}");
        let note = summary_on(&out.page(list), "/sub/dir/2024/10/note/");
        let found: Vec<String> = html::references(&note)
            .into_iter()
            .map(|(_, url)| url)
            .collect();
        assert_eq!(
            found,
            [
                "/sub/dir/2024/10/rally/data.csv",
                "/sub/dir/2024/10/rally/",
                "/sub/dir/2024/10/note/#details"
            ],
            "on {list}"
        );
    }
    // The article's own page keeps a relative link as written; a link to a content
    // file is its page's path below the domain's root.
    let page = out.page("/2024/10/rally/");
    let body = html::section(&page, "div", "prose").unwrap();
    assert!(body.contains("href=\"data.csv\""), "{body}");
    assert!(body.contains("href=\"/sub/dir/2024/10/note/\""), "{body}");
    let feed = crate::support::xml::parse(&out.page("/atom.xml")).unwrap();
    let rally = feed
        .all("entry")
        .find(|e| e.child("title").text() == "A rally with its data")
        .unwrap();
    for part in ["summary", "content"] {
        let text = rally.child(part).text();
        for url in &expected {
            let url = url.strip_prefix("/sub/dir").unwrap();
            assert!(
                text.contains(&format!("\"https://links.example.org/sub/dir{url}\"")),
                "{part} has {url}: {text}"
            );
        }
    }
    let run = site.brief(&["check"]);
    assert!(run.succeeded(), "{run:?}");
}

#[test]
fn a_front_matter_summary_is_inline_markdown_with_its_links_resolved() {
    let site = Site::fixture("summary-links");
    let out = site.build().out;
    let summary = summary_on(&out.page("/companies/smic/"), "/2024/10/note/");
    assert!(
        summary.contains(
            "<p>The <em>note</em> on <code>0981.HK</code>: \
         <a href=\"/2024/10/rally/data.csv\">its data</a>, \
         <a href=\"/2024/10/rally/\">the rally</a> &amp; \
         <a href=\"/2024/10/note/#details\">below</a>.</p>"
        ),
        "{summary}"
    );
    // Where only text goes, the text: no markup, no Markdown, entities decoded once.
    let page = out.page("/2024/10/note/");
    let description = html::tags(&page)
        .into_iter()
        .find(|t| t.name == "meta" && t.get("name") == Some("description"))
        .and_then(|t| t.get("content").map(str::to_string))
        .expect("a meta description");
    assert_eq!(
        description,
        "The note on 0981.HK: its data, the rally & below."
    );
}

#[test]
fn check_follows_a_summarys_links_from_every_list_page() {
    let site = Site::fixture("summary-links");
    let run = site
        .command()
        .args(["check", "--strict", "--root", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
}
