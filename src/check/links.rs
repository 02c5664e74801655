//! Following links through the site a build would write: every `href` and `src` of
//! every rendered page, and every link and image in the Markdown, must reach a page,
//! feed or file of the site, and an `#anchor` must name an element on its page.
//!
//! Works on the rendered files in memory; a link from Markdown is reported at its line,
//! a link from a template once, with the number of pages that have it.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::html;
use crate::error::{Error, Missing};
use crate::model::Site;
use crate::render::OutputFile;

/// What following the links found.
#[derive(Debug, Default)]
pub struct LinkReport {
    pub errors: Vec<Error>,
    /// Internal links followed.
    pub followed: usize,
}

/// The files of the built site by path (`2026/10/rally/index.html`), with the anchors
/// of each HTML page.
struct SiteFiles {
    files: HashMap<String, Option<HashSet<String>>>,
}

/// Where a link leads, as a site path (before the base URL's path prefix).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Resolved {
    /// Another site, a `mailto:`, or nothing to follow.
    Elsewhere,
    /// A path on this site's host but outside the site (above its path prefix, or
    /// climbing above its root).
    Outside,
    Internal {
        path: String,
        fragment: String,
    },
}

/// The origin and path prefix of the site's base URL.
struct Base<'a> {
    origin: &'a str,
    prefix: &'a str,
}

/// Where the site paths of links to content files are: the site's own root.
const SITE_PATHS: Base = Base {
    origin: "",
    prefix: "",
};

/// Follows every link; `unpublished` holds the site paths of articles this build leaves
/// out, so a link to one says why it is broken.
pub fn check(site: &Site, files: &[OutputFile], unpublished: &HashSet<String>) -> LinkReport {
    let prefix = site.config.path_prefix();
    let base = Base {
        origin: &site.config.base_url[..site.config.base_url.len() - prefix.len()],
        prefix,
    };
    let mut pages: Vec<(String, html::Scan)> = Vec::new();
    let mut index = SiteFiles {
        files: HashMap::with_capacity(files.len()),
    };
    for file in files {
        let path = file.path.to_string_lossy().replace('\\', "/");
        let rendered = file.rendered().filter(|_| path.ends_with(".html"));
        let ids = if let Some(bytes) = rendered {
            let scan = html::scan(&String::from_utf8_lossy(bytes));
            let ids = scan.ids.iter().cloned().collect();
            pages.push((site_path_of(&path), scan));
            Some(ids)
        } else {
            None
        };
        index.files.insert(path, ids);
    }

    let mut report = LinkReport::default();
    // Broken targets already reported at a Markdown line, not to be reported again
    // for the page that shows that Markdown.
    let mut reported: HashSet<Resolved> = HashSet::new();
    for article in &site.articles {
        for reference in &article.references {
            // A link to a content file is kept as a site path; anything else is as the
            // writer wrote it, which the page has as it is, prefix and all.
            let resolved = match &reference.site_path {
                Some(path) => resolve(path, &article.url, &SITE_PATHS),
                None => resolve(&reference.written, &article.url, &base),
            };
            let Some(missing) = index.missing(&resolved, unpublished) else {
                report.followed += usize::from(resolved != Resolved::Elsewhere);
                continue;
            };
            report.followed += 1;
            let missing = match missing {
                Missing::Page if reference.image => Missing::File,
                other => other,
            };
            report.errors.push(Error::BrokenReference {
                location: Some(reference.location.clone()),
                page: article.url.clone(),
                target: reference.written.clone(),
                missing,
                elsewhere: 0,
            });
            reported.insert(resolved);
        }
    }

    // Target → (first page, link as written, what is missing, pages with it).
    let mut broken: BTreeMap<String, (String, String, Missing, usize)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (page, scan) in &pages {
        let mut seen_here = HashSet::new();
        for link in &scan.links {
            let resolved = resolve(link, page, &base);
            if resolved == Resolved::Elsewhere {
                continue;
            }
            report.followed += 1;
            let Some(missing) = index.missing(&resolved, unpublished) else {
                continue;
            };
            if reported.contains(&resolved) {
                continue;
            }
            let key = format!("{resolved:?}");
            if !seen_here.insert(key.clone()) {
                continue;
            }
            match broken.get_mut(&key) {
                Some(entry) => entry.3 += 1,
                None => {
                    order.push(key.clone());
                    broken.insert(key, (page.clone(), link.clone(), missing, 1));
                }
            }
        }
    }
    for key in order {
        let (page, target, missing, count) = broken.remove(&key).expect("recorded");
        report.errors.push(Error::BrokenReference {
            location: None,
            page,
            target,
            missing,
            elsewhere: count - 1,
        });
    }
    report
}

impl SiteFiles {
    /// What is missing for `resolved` to be there; None when it is.
    fn missing(&self, resolved: &Resolved, unpublished: &HashSet<String>) -> Option<Missing> {
        let (path, fragment) = match resolved {
            Resolved::Elsewhere => return None,
            Resolved::Outside => return Some(Missing::Page),
            Resolved::Internal { path, fragment } => (path, fragment),
        };
        let relative = path.trim_start_matches('/');
        let candidates = if relative.is_empty() || relative.ends_with('/') {
            vec![format!("{relative}index.html")]
        } else {
            // A server answers /about with /about/index.html too.
            vec![relative.to_string(), format!("{relative}/index.html")]
        };
        let Some(ids) = candidates.iter().find_map(|c| self.files.get(c)) else {
            let as_page = if path.ends_with('/') {
                path.clone()
            } else {
                format!("{path}/")
            };
            if unpublished.contains(&as_page) {
                return Some(Missing::Unpublished);
            }
            let last = relative.rsplit('/').next().unwrap_or_default();
            let is_file = last.contains('.') && !last.ends_with(".html");
            return Some(if is_file {
                Missing::File
            } else {
                Missing::Page
            });
        };
        match ids {
            Some(ids) if !fragment.is_empty() && fragment != "top" && !ids.contains(fragment) => {
                Some(Missing::Anchor)
            }
            _ => None,
        }
    }
}

/// The site path a built file is served at: `a/b/index.html` → `/a/b/`.
fn site_path_of(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => format!("/{folder}"),
        _ => format!("/{file}"),
    }
}

/// Where `href`, on the page at site path `page`, leads.
fn resolve(href: &str, page: &str, base: &Base) -> Resolved {
    let href = href.trim();
    let (before, fragment) = href.split_once('#').unwrap_or((href, ""));
    let before = before.split_once('?').map_or(before, |(path, _)| path);
    let fragment = percent_decode(fragment);
    let path = if has_scheme(before) {
        match before.strip_prefix(base.origin) {
            Some(rest) if !base.origin.is_empty() && (rest.is_empty() || rest.starts_with('/')) => {
                match within_prefix(if rest.is_empty() { "/" } else { rest }, base.prefix) {
                    Some(path) => path,
                    None => return Resolved::Elsewhere,
                }
            }
            _ => return Resolved::Elsewhere,
        }
    } else if href.is_empty() || before.starts_with("//") {
        return Resolved::Elsewhere;
    } else if before.is_empty() {
        page.to_string()
    } else if before.starts_with('/') {
        match within_prefix(before, base.prefix) {
            Some(path) => path,
            None => return Resolved::Outside,
        }
    } else {
        let folder = &page[..page.rfind('/').map_or(0, |i| i + 1)];
        format!("{folder}{before}")
    };
    match normalize(&percent_decode(&path)) {
        Some(path) => Resolved::Internal { path, fragment },
        None => Resolved::Outside,
    }
}

/// `/blog/a/` → `/a/` when the site lives under `/blog`; None for paths outside it.
fn within_prefix(path: &str, prefix: &str) -> Option<String> {
    if prefix.is_empty() {
        return Some(path.to_string());
    }
    let rest = path.strip_prefix(prefix)?;
    if rest.is_empty() {
        Some("/".to_string())
    } else if rest.starts_with('/') {
        Some(rest.to_string())
    } else {
        None
    }
}

/// `https:`, `mailto:`, `data:`: a scheme before any slash.
fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(colon) => {
            let scheme = &href[..colon];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Resolves `.` and `..` in an absolute path, keeping a trailing slash; None when it
/// climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let trailing = matches!(path.rsplit('/').next(), Some("" | "." | ".."));
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !parts.is_empty() {
        out.push('/');
    }
    Some(out)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(path: &str, fragment: &str) -> Resolved {
        Resolved::Internal {
            path: path.into(),
            fragment: fragment.into(),
        }
    }

    const ROOT: Base = Base {
        origin: "https://example.org",
        prefix: "",
    };
    const BLOG: Base = Base {
        origin: "https://example.org",
        prefix: "/blog",
    };

    #[test]
    fn relative_links_resolve_against_the_page_folder() {
        let page = "/2026/10/rally/";
        assert_eq!(
            resolve("chart.png", page, &ROOT),
            internal("/2026/10/rally/chart.png", "")
        );
        assert_eq!(
            resolve("../other/#move", page, &ROOT),
            internal("/2026/10/other/", "move")
        );
        assert_eq!(
            resolve("#notes", page, &ROOT),
            internal("/2026/10/rally/", "notes")
        );
        assert_eq!(
            resolve("/atom.xml?x=1", page, &ROOT),
            internal("/atom.xml", "")
        );
        assert_eq!(resolve("../../../../x/", page, &ROOT), Resolved::Outside);
        assert_eq!(
            resolve("a%20b.pdf", "/404.html", &ROOT),
            internal("/a b.pdf", "")
        );
    }

    #[test]
    fn other_hosts_and_schemes_are_not_followed() {
        for href in [
            "https://other.org/",
            "mailto:a@b.c",
            "//cdn.org/x.js",
            "data:,x",
            "",
        ] {
            assert_eq!(resolve(href, "/", &ROOT), Resolved::Elsewhere, "{href}");
        }
    }

    #[test]
    fn the_base_url_and_its_path_prefix_are_this_site() {
        assert_eq!(
            resolve("https://example.org/atom.xml", "/", &ROOT),
            internal("/atom.xml", "")
        );
        assert_eq!(
            resolve("https://example.org/blog/atom.xml", "/", &BLOG),
            internal("/atom.xml", "")
        );
        assert_eq!(
            resolve("/blog/companies/", "/", &BLOG),
            internal("/companies/", "")
        );
        assert_eq!(resolve("/atom.xml", "/", &BLOG), Resolved::Outside);
        assert_eq!(
            resolve("https://example.org/shop/", "/", &BLOG),
            Resolved::Elsewhere
        );
    }

    #[test]
    fn built_files_map_back_to_their_urls() {
        assert_eq!(site_path_of("index.html"), "/");
        assert_eq!(site_path_of("2026/10/rally/index.html"), "/2026/10/rally/");
        assert_eq!(site_path_of("404.html"), "/404.html");
    }
}
