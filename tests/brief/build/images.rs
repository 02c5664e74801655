//! Images (fixture `images`): every local `<img>` gets its size from the file, the first
//! of an article loads at once and the rest lazily, a titled image alone in its
//! paragraph is a `<figure>`, and a raster image wider than the text column gets
//! resized copies in a `srcset`, made once and kept in `.brief-cache/`. A broken,
//! unsupported or missing image is an error at the line that shows it.

use std::fs;
use std::time::SystemTime;

use crate::support::{Site, age_files, files_under, html};

const ARTICLE: &str = "/2024/10/capex-chart/";

fn imgs(page: &str) -> Vec<html::Tag> {
    let body = html::section(page, "div", "prose").expect("an article body");
    html::tags(body)
        .into_iter()
        .filter(|t| t.name == "img")
        .collect()
}

fn size(tag: &html::Tag) -> (Option<&str>, Option<&str>) {
    (tag.get("width"), tag.get("height"))
}

fn img<'a>(tags: &'a [html::Tag], src: &str) -> Vec<&'a html::Tag> {
    tags.iter().filter(|t| t.get("src") == Some(src)).collect()
}

#[test]
fn every_local_image_says_its_size_and_only_the_first_loads_at_once() {
    let site = Site::fixture("images");
    let page = site.build().out.page(ARTICLE);
    let tags = imgs(&page);
    let wide = img(&tags, "/images/wide-chart.png");
    assert_eq!(wide.len(), 2, "the Markdown image and the raw HTML one");
    assert_eq!(size(wide[0]), (Some("1600"), Some("800")));
    assert_eq!(
        size(img(&tags, "/images/small-logo.png")[0]),
        (Some("300"), Some("200"))
    );
    assert_eq!(
        size(img(&tags, "/images/sized.svg")[0]),
        (Some("640"), Some("320")),
        "an SVG whose root gives its size in pixels"
    );
    assert_eq!(
        size(img(&tags, "/images/unsized.svg")[0]),
        (None, None),
        "an SVG that gives no size is left to the layout"
    );
    // The first image of the body may be on the first screen; every other waits.
    assert_eq!(
        (tags[0].get("loading"), tags[0].get("decoding")),
        (None, None)
    );
    for tag in &tags[1..] {
        assert_eq!(
            (tag.get("loading"), tag.get("decoding")),
            (Some("lazy"), Some("async")),
            "{tag:?}"
        );
    }
}

#[test]
fn a_titled_image_alone_in_its_paragraph_is_a_figure_with_its_caption() {
    let site = Site::fixture("images");
    let page = site.build().out.page(ARTICLE);
    let figure = &page[page.find("<figure>").expect("a figure")..];
    assert!(
        figure.contains(
            "<figcaption>Capital spending rose in every quarter of 2024.</figcaption></figure>"
        ),
        "{figure}"
    );
    assert!(
        !page.contains("title=\"Capital spending rose"),
        "the caption is not repeated as a tooltip"
    );
    assert!(
        !page.contains("<p><figure>"),
        "a figure is not inside a paragraph"
    );
}

#[test]
fn a_wide_raster_image_gets_resized_copies_in_a_srcset_and_a_narrow_one_does_not() {
    let site = Site::fixture("images");
    let built = site.build();
    let page = built.out.page(ARTICLE);
    assert!(
        page.contains(
            "<picture><source type=\"image/webp\" srcset=\"/images/wide-chart-480w.webp 480w, /images/wide-chart-960w.webp 960w\" sizes=\""
        ),
        "{page}"
    );
    let tags = imgs(&page);
    let wide = img(&tags, "/images/wide-chart.png")[0];
    assert_eq!(
        wide.get("srcset"),
        Some(
            "/images/wide-chart-480w.png 480w, /images/wide-chart-960w.png 960w, /images/wide-chart.png 1600w"
        )
    );
    assert!(wide.get("sizes").is_some());
    assert_eq!(img(&tags, "/images/small-logo.png")[0].get("srcset"), None);
    // Each copy is a real image of its width, in its format, with the image's shape.
    for (name, format, width) in [
        ("wide-chart-480w.webp", image::ImageFormat::WebP, 480),
        ("wide-chart-960w.webp", image::ImageFormat::WebP, 960),
        ("wide-chart-480w.png", image::ImageFormat::Png, 480),
        ("wide-chart-960w.png", image::ImageFormat::Png, 960),
    ] {
        let bytes = built.out.bytes(&format!("images/{name}"));
        let copy = image::load_from_memory_with_format(&bytes, format).expect(name);
        assert_eq!((copy.width(), copy.height()), (width, width / 2), "{name}");
    }
    let copies: Vec<String> = built
        .out
        .files()
        .into_iter()
        .filter(|f| f.starts_with("images/"))
        .collect();
    assert_eq!(copies.len(), 8, "4 images and 4 copies: {copies:?}");
    assert!(
        built
            .stdout
            .contains("Images: 4 shown, 4 resized copies; 1 decoded"),
        "{}",
        built.stdout
    );
}

#[test]
fn a_second_build_decodes_no_image_and_finds_its_copies_in_the_cache() {
    let site = Site::fixture("images");
    let first = site.build();
    assert!(first.stdout.contains("; 1 decoded"), "{}", first.stdout);
    let cache = site.path(".brief-cache");
    let cached = files_under(&cache);
    assert_eq!(cached.len(), 5, "four copies and the record: {cached:?}");
    age_files(&cache);
    let mtimes = |dir: &std::path::Path| -> Vec<SystemTime> {
        files_under(dir)
            .iter()
            .map(|f| fs::metadata(dir.join(f)).unwrap().modified().unwrap())
            .collect()
    };
    let before = mtimes(&cache);
    let second = site.build();
    assert!(
        second
            .stdout
            .contains("Images: 4 shown, 4 resized copies; 0 decoded"),
        "{}",
        second.stdout
    );
    assert_eq!(mtimes(&cache), before, "no copy was made again");
    assert_eq!(first.out.page(ARTICLE), second.out.page(ARTICLE));
    // A changed image (here, bytes after its end, which decoders skip) is decoded
    // once more, and gets copies of its own.
    let wide = site.path("static/images/wide-chart.png");
    let mut changed = fs::read(&wide).unwrap();
    changed.extend_from_slice(b"edited");
    fs::write(&wide, changed).unwrap();
    let third = site.build();
    assert!(third.stdout.contains("; 1 decoded"), "{}", third.stdout);
    assert_eq!(
        files_under(&cache).len(),
        9,
        "the new content's copies beside the old, and the record"
    );
}

/// Gives `path` modification time `time`.
fn set_time(path: &std::path::Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

#[test]
fn an_image_file_with_the_same_length_and_time_is_not_read_again() {
    let site = Site::fixture("images");
    let first = site.build();
    let wide = site.path("static/images/wide-chart.png");
    let was = fs::metadata(&wide).unwrap();
    // Bytes no decoder reads, of the same length and given the same time back: a
    // build that opened the file would fail, so one that succeeds took what it knew
    // of the file from the record, as it would for a picture nobody touched.
    fs::write(&wide, vec![b'x'; was.len() as usize]).unwrap();
    set_time(&wide, was.modified().unwrap());
    let second = site.build();
    assert!(second.stdout.contains("; 0 decoded"), "{}", second.stdout);
    assert_eq!(first.out.page(ARTICLE), second.out.page(ARTICLE));
    // The same bytes at another time are read, and are an error where they are shown.
    set_time(
        &wide,
        was.modified().unwrap() + std::time::Duration::from_secs(1),
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("/images/wide-chart.png` is broken"),
        "{stderr}"
    );
    // A record that is not one is only read past: every image is read once more.
    site.write(".brief-cache/images/v1/surveyed.json", "{ not a record");
    fs::copy(
        crate::support::fixture_path("images").join("static/images/wide-chart.png"),
        &wide,
    )
    .unwrap();
    let fourth = site.build();
    assert!(
        fourth.stdout.contains("Images: 4 shown"),
        "{}",
        fourth.stdout
    );
    assert!(
        site.read(".brief-cache/images/v1/surveyed.json")
            .contains("wide-chart.png"),
        "the record is written again"
    );
}

#[test]
fn broken_unsupported_and_missing_images_are_errors_where_they_are_shown() {
    let site = Site::invalid("broken-image");
    let stderr = site.build_fails(&[]);
    assert!(!site.path("public").exists());
    assert_snapshot!(stderr);
    // `check` reports the same, each once.
    let run = site.brief(&["check"]);
    assert_eq!(run.code, 1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 4, "{}", run.stderr);
    for (line, what) in [
        (6, "/images/notes.png` is broken: it is not a PNG"),
        (8, "/images/page.svg` is broken: it is named .svg"),
        (10, "`/images/missing.png` points at no file"),
        (12, "/images/cut-off.png` is broken: it cannot be read"),
    ] {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&format!("content/about.md:{line}:")) && e.contains(what)),
            "{line}: {what}\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_misspelt_key_of_images_is_an_error_naming_the_closest() {
    let site = Site::fixture("images");
    site.replace("site.toml", "widths = [480, 960]", "width = [480, 960]");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.starts_with("site.toml:6:1: error: unknown key `width`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `widths`?"), "{stderr}");
    site.replace("site.toml", "width = [480, 960]", "widths = [480, 0]");
    let stderr = site.build_fails(&[]);
    assert!(stderr.starts_with("site.toml:6:16: error:"), "{stderr}");
}

#[test]
fn a_resized_copy_where_brief_writes_another_file_is_an_error_naming_both() {
    let site = Site::invalid("image-copy-collision");
    // A WebP named as the PNG beside it: both would get `wide-480w.webp`.
    image::DynamicImage::new_rgb8(1200, 600)
        .save_with_format(
            site.path("static/images/wide.webp"),
            image::ImageFormat::WebP,
        )
        .unwrap();
    site.append(
        "content/2024/10/moved.md",
        "\n![Wide, as WebP](/images/wide.webp)\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(!site.path("public").exists());
    for (place, both) in [
        (
            "content/2024/10/rally/index.md:8:",
            "the resized copy /2024/10/rally/chart-480w.png of `/2024/10/rally/chart.png` would be published where brief writes the bundle's file content/2024/10/rally/chart-480w.png",
        ),
        (
            "content/2024/10/rally/index.md:8:",
            "the resized copy /2024/10/rally/chart-960w.webp of `/2024/10/rally/chart.png` would be published where brief writes the article content/2024/10/moved.md, which needs it as a folder",
        ),
        (
            "content/2024/10/moved.md:12:",
            "the resized copy /images/wide-480w.webp of `/images/wide.webp` would be published where brief writes a resized copy of `/images/wide.png`",
        ),
        (
            "error: static/images/wide-960w.png",
            "stands where brief writes a resized copy of `/images/wide.png`",
        ),
    ] {
        assert!(
            stderr
                .lines()
                .any(|line| line.starts_with(place) && line.contains(both)),
            "{place} {both}\n{stderr}"
        );
    }
    assert_snapshot!(stderr);
    // `check` finds the same, and writes no copy.
    let run = site.brief(&["check"]);
    assert_eq!(run.code, 1);
    for both in [
        "chart-480w.png",
        "chart-960w.webp",
        "wide-480w.webp",
        "wide-960w.png",
    ] {
        assert!(run.stderr.contains(both), "{both}\n{}", run.stderr);
    }
}
