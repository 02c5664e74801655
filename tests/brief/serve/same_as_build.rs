//! `brief serve` after edits that move briefings between lists (a ticker added or
//! removed, an ecosystem changed, a date moved to another day, month or year, a move
//! reported, a briefing added, removed or made a draft) answers every page exactly as
//! `brief build` writes it from the same files, and no longer answers the pages the
//! build no longer writes. Serve decides such edits by moving the briefing in the last
//! site instead of deciding the site anew, so this is what keeps it honest.

use std::collections::BTreeSet;

use crate::support::files_under;
use crate::support::serve::Served;

const SITE_TOML: &str = r#"title = "Lists"
base_url = "https://example.org/blog"
per_page = 2
timezone = "Asia/Hong_Kong"

[ecosystems.china]
name = "China's domestic stack"

[ecosystems.us]
name = "US and allies"

[companies.smic]
name = "SMIC"
tickers = ["0981.HK"]
ecosystem = "china"

[companies.hua-hong]
name = "Hua Hong"
tickers = ["1347.HK"]
ecosystem = "china"

[companies.micron]
name = "Micron Technology"
tickers = ["MU"]
ecosystem = "us"
"#;

/// A briefing; `rest` goes at the end of its front matter (a `[moves]` table).
fn briefing(title: &str, date: &str, tickers: &str, ecosystem: &str, rest: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\necosystem = \"{ecosystem}\"\ntickers = [{tickers}]\n{rest}+++\n\nThe text of {title}.\n"
    )
}

fn site() -> crate::support::Site {
    let site = crate::support::Site::empty();
    site.write("site.toml", SITE_TOML);
    let briefings = [
        ("2024/12/f", "F", "2024-12-30", "\"MU\"", "us", ""),
        ("2025/01/a", "A", "2025-01-05", "\"0981.HK\"", "china", ""),
        (
            "2025/01/c",
            "C",
            "2025-01-07",
            "\"0981.HK\", \"1347.HK\"",
            "china",
            "",
        ),
        (
            "2025/02/d",
            "D",
            "2025-02-01",
            "\"1347.HK\"",
            "china",
            "\n[moves]\n\"1347.HK\" = 3.5\n",
        ),
        (
            "2025/02/e",
            "E",
            "2025-02-03",
            "\"MU\", \"0981.HK\"",
            "us",
            "",
        ),
    ];
    for (path, title, date, tickers, ecosystem, rest) in briefings {
        site.write(
            &format!("content/{path}.md"),
            &briefing(title, date, tickers, ecosystem, rest),
        );
    }
    site.write("content/2025/01/b.md", &moving(0, "", ""));
    // A bundle with a file and an old URL: routes of its own that follow it.
    site.write(
        "content/2025/02/g/index.md",
        &briefing(
            "G",
            "2025-02-02",
            "\"0981.HK\"",
            "china",
            "aliases = [\"/old/g/\"]\n",
        )
        .replace("The text of G.", "The text of G, with [notes](notes.txt)."),
    );
    site.write("content/2025/02/g/notes.txt", "Notes of G.\n");
    site.write(
        "content/about.md",
        "+++\ntitle = \"About\"\nkind = \"page\"\n+++\n\nAbout this site.\n",
    );
    site
}

/// Briefing B at step `step`, with `front` in its front matter after the title (a
/// date, tickers, an ecosystem) and `rest` at its end, and a line saying the step.
fn moving(step: usize, front: &str, rest: &str) -> String {
    let mut keys = [
        ("date", "2025-01-05T20:00:00+08:00"),
        ("tickers", "[\"MU\"]"),
        ("ecosystem", "\"us\""),
    ];
    for line in front.lines() {
        let (key, value) = line.split_once(" = ").unwrap();
        keys.iter_mut().find(|(k, _)| *k == key).unwrap().1 = value;
    }
    let keys: String = keys.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
    format!("+++\ntitle = \"B\"\n{keys}{rest}+++\n\nThe text of B, step {step}.\n")
}

/// The site path a built file is served at.
fn url_of(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(folder) => format!("/{folder}"),
        None => format!("/{file}"),
    }
}

/// The page as built: serve's reload script (and the line it ends) taken out.
fn without_script(body: &str) -> String {
    match body.find("<script id=\"brief-live\">") {
        Some(start) => {
            let end = start + body[start..].find("</script>\n").unwrap() + "</script>\n".len();
            format!("{}{}", &body[..start], &body[end..])
        }
        None => body.to_string(),
    }
}

/// Builds the same files for serve's own address and compares every file with what
/// serve answers at its URL; the URLs built last time and not now must be gone.
fn assert_served_as_built(
    site: &crate::support::Site,
    served: &Served,
    built_before: &mut BTreeSet<String>,
    what: &str,
) {
    let output = site.temp_dir().join("built");
    let _ = std::fs::remove_dir_all(&output);
    let base = served.url.trim_end_matches('/');
    let run = site.run_build(&["--output", output.to_str().unwrap(), "--base-url", base]);
    assert!(run.success, "after {what}: {}", run.stderr);
    let mut urls = BTreeSet::new();
    for file in files_under(&output) {
        if file == ".brief-manifest" {
            continue;
        }
        let url = url_of(&file);
        let response = served.get(&url);
        assert_eq!(response.status, 200, "after {what}: {url}");
        let built =
            String::from_utf8_lossy(&std::fs::read(output.join(&file)).unwrap()).into_owned();
        assert!(
            without_script(&response.body) == built,
            "after {what}: {url} is not as built\n--- served:\n{}\n--- built:\n{built}",
            without_script(&response.body)
        );
        urls.insert(url);
    }
    for gone in built_before.difference(&urls) {
        assert_eq!(
            served.get(gone).status,
            404,
            "after {what}: {gone} is still served"
        );
    }
    *built_before = urls;
}

#[test]
fn every_page_is_as_built_after_edits_that_move_briefings_between_lists() {
    let site = site();
    let served = Served::start(&site, &["--no-drafts"]);
    served.wait_for_text("/2025/01/b/", "step 0.");
    let mut built = BTreeSet::new();
    assert_served_as_built(&site, &served, &mut built, "loading");
    assert!(
        built.contains("/page/3/"),
        "lists of several pages: {built:?}"
    );
    assert!(built.contains("/2025/02/g/notes.txt") && built.contains("/old/g/"));

    let edits: [(&str, &str, &str); 8] = [
        ("a ticker added", "tickers = [\"MU\", \"1347.HK\"]", ""),
        ("a ticker removed", "tickers = [\"1347.HK\"]", ""),
        (
            "the ecosystem changed",
            "tickers = [\"1347.HK\"]\necosystem = \"china\"",
            "",
        ),
        (
            "the date moved to another day",
            "date = 2025-01-06T10:00:00+08:00\ntickers = [\"1347.HK\"]",
            "",
        ),
        (
            "the date moved to another month",
            "date = 2025-02-02T23:30:00+08:00\ntickers = [\"1347.HK\", \"0981.HK\"]",
            "",
        ),
        (
            "the date moved to another year, the first day of its month",
            "date = 2024-12-31T01:00:00+08:00\ntickers = [\"0981.HK\"]",
            "",
        ),
        (
            "a move reported",
            "date = 2024-12-31T01:00:00+08:00\ntickers = [\"0981.HK\"]",
            "\n[moves]\n\"MU\" = -2.5\n",
        ),
        ("back where it was", "", ""),
    ];
    for (step, (what, front, rest)) in edits.into_iter().enumerate() {
        let step = step + 1;
        site.write("content/2025/01/b.md", &moving(step, front, rest));
        served.wait_for_text("/2025/01/b/", &format!("step {step}."));
        assert_served_as_built(&site, &served, &mut built, what);
    }

    // The bundle moves to another month, its file and old URL with it.
    site.replace("content/2025/02/g/index.md", "2025-02-02", "2025-01-08");
    served.wait_for_text("/2025/01/08/", "The text of G");
    assert_served_as_built(&site, &served, &mut built, "the bundle's date changed");

    site.write(
        "content/2025/03/h.md",
        &briefing("H", "2025-03-01", "\"MU\"", "us", ""),
    );
    served.wait_for_text("/2025/03/h/", "The text of H.");
    assert_served_as_built(&site, &served, &mut built, "a briefing added");

    std::fs::remove_file(site.path("content/2025/01/a.md")).unwrap();
    served.wait_for("/2025/01/a/", "a 404", |r| r.status == 404);
    assert_served_as_built(&site, &served, &mut built, "a briefing removed");

    site.replace(
        "content/2025/01/c.md",
        "title = \"C\"",
        "title = \"C\"\ndraft = true",
    );
    served.wait_for("/2025/01/c/", "a 404", |r| r.status == 404);
    assert_served_as_built(&site, &served, &mut built, "a briefing made a draft");

    site.replace("content/2025/01/c.md", "draft = true", "draft = false");
    served.wait_for_text("/2025/01/c/", "The text of C.");
    assert_served_as_built(&site, &served, &mut built, "a draft published");

    // A ticker no company lists: a page of its own, so the site is decided anew.
    site.replace("content/2025/02/e.md", "\"MU\", ", "\"ASML\", \"MU\", ");
    served.wait_for("/companies/asml/", "the new company page", |r| {
        r.status == 200
    });
    assert_served_as_built(&site, &served, &mut built, "a ticker no company lists");
}
