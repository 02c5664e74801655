//! URL rules: where each article, list page and feed lives, and which file holds it.
//!
//! URLs here are site paths (`/companies/smic/`), before the base URL's path prefix.
//! Every segment is a slug, so no URL can name a file outside the output folder.

use std::path::{Component, Path, PathBuf};

use crate::markdown::slug_or;

/// The longest file or folder name most file systems allow, in bytes: the limit on
/// each part of a URL, since each becomes one.
pub const MAX_PART_BYTES: usize = 255;

/// The file that makes its folder under content/ a page bundle: the folder is the
/// article (its URL), and its other files are published beside it.
pub const BUNDLE_INDEX: &str = "index.md";

/// An article's URL: its path under content/ without `.md` (a bundle's `index.md`
/// is its folder), each part a slug, with the front matter's `slug` in place of the
/// last part.
pub fn article(source: &Path, slug: Option<&str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let components: Vec<&str> = source
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    let Some((mut last, mut folders)) = components.split_last() else {
        return "/".to_string();
    };
    // A bundle (`rally/index.md`) is the article its folder names.
    if *last == BUNDLE_INDEX
        && let Some((folder, above)) = folders.split_last()
    {
        (last, folders) = (folder, above);
    }
    for folder in folders {
        parts.push(slug_or(folder, "section"));
    }
    let stem = last.strip_suffix(".md").unwrap_or(last);
    let own = slug.map(slug::slugify).filter(|s| !s.is_empty());
    parts.push(own.unwrap_or_else(|| slug_or(stem, "article")));
    format!("/{}/", parts.join("/"))
}

/// Page `number` (1-based) of a list whose first page is at `first`.
pub fn page(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{number}/")
    }
}

/// Where `content/about.md` is published.
pub const ABOUT: &str = "/about/";

pub fn companies() -> String {
    "/companies/".to_string()
}

pub fn company(key: &str) -> String {
    format!("/companies/{key}/")
}

pub fn ecosystems() -> String {
    "/ecosystems/".to_string()
}

pub fn ecosystem(key: &str) -> String {
    format!("/ecosystems/{key}/")
}

/// The feed beside a list page: `/companies/smic/` → `/companies/smic/atom.xml`.
pub fn feed(list: &str) -> String {
    format!("{list}atom.xml")
}

/// The JSON Feed beside a list page: `/companies/smic/` → `/companies/smic/feed.json`.
pub fn json_feed(list: &str) -> String {
    format!("{list}feed.json")
}

/// The site path of an image written on the page at `page` (`card.png` on
/// `/2025/10/rally/` is `/2025/10/rally/card.png`, `/images/card.png` stays), without
/// its query or fragment; None for an image on another site (`https://…`).
pub fn image(written: &str, page: &str) -> Option<String> {
    let resolved = crate::markdown::relative::resolve(written, page);
    if !resolved.starts_with('/') || resolved.starts_with("//") {
        return None;
    }
    let end = resolved.find(['?', '#']).unwrap_or(resolved.len());
    Some(resolved[..end].to_string())
}

/// The file, relative to the output folder, that serves a URL.
pub fn output_file(url: &str) -> PathBuf {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || url.ends_with('/') {
        Path::new(trimmed).join("index.html")
    } else {
        PathBuf::from(trimmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_lives_at_its_path_without_md() {
        assert_eq!(
            article(Path::new("2026/10/hong-kong-rally.md"), None),
            "/2026/10/hong-kong-rally/"
        );
        assert_eq!(article(Path::new("about.md"), None), "/about/");
    }

    #[test]
    fn a_bundle_is_the_article_its_folder_names() {
        assert_eq!(
            article(Path::new("2025/10/rally/index.md"), None),
            "/2025/10/rally/"
        );
        assert_eq!(
            article(Path::new("2025/10/rally/index.md"), Some("SMIC up")),
            "/2025/10/smic-up/"
        );
        assert_eq!(article(Path::new("index.md"), None), "/index/");
    }

    #[test]
    fn a_front_matter_slug_replaces_the_last_part() {
        assert_eq!(
            article(Path::new("2026/10/draft-1.md"), Some("SMIC jumps 11%")),
            "/2026/10/smic-jumps-11/"
        );
    }

    #[test]
    fn no_part_can_climb_out_or_be_empty() {
        assert_eq!(
            article(Path::new("2026/Größe Notes/..x.md"), Some("../../etc")),
            "/2026/grosse-notes/etc/"
        );
        assert_eq!(
            article(Path::new("2026/???.md"), Some("///")),
            "/2026/article/"
        );
    }

    #[test]
    fn pages_after_the_first_go_under_page_n() {
        assert_eq!(page("/", 1), "/");
        assert_eq!(page("/companies/smic/", 3), "/companies/smic/page/3/");
    }

    #[test]
    fn urls_map_to_files_in_the_output() {
        assert_eq!(output_file("/"), PathBuf::from("index.html"));
        assert_eq!(output_file("/a/b/"), PathBuf::from("a/b/index.html"));
        assert_eq!(output_file("/atom.xml"), PathBuf::from("atom.xml"));
        assert_eq!(
            image("card.png", "/2025/10/rally/").as_deref(),
            Some("/2025/10/rally/card.png")
        );
        assert_eq!(
            image("/images/card.png?v=2", "/2025/10/rally/").as_deref(),
            Some("/images/card.png")
        );
        assert_eq!(image("https://cdn.example.org/card.png", "/"), None);
        assert_eq!(image("//cdn.example.org/card.png", "/"), None);
    }
}
