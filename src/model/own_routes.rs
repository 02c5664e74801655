//! The routes each article brings: its own page, the files of its bundle and the
//! redirects of its old URLs; and the check that none of the files or redirects takes
//! the place of another route or stands where one needs a folder, since either would
//! silently drop a page or a file. `OutputFiles` answers the same question for the
//! resized copies of images, which the images stage names after their image.
//!
//! These routes come last in the site's routes, each article's together, so `update`
//! can make them again for articles in a new order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Page, Route, Site};
use crate::error::{Error, Errors};
use crate::keys::ArticleId;
use crate::urls;

/// The pages of the article `id`: its own, each file of its bundle, each redirect.
pub fn pages(site: &Site, id: ArticleId) -> impl Iterator<Item = Page> + use<> {
    let article = site.article(id);
    std::iter::once(Page::Article {
        id,
        kind: article.kind,
    })
    .chain((0..article.bundle.len()).map(move |file| Page::BundleFile { article: id, file }))
    .chain((0..article.aliases.len()).map(move |alias| Page::Redirect { article: id, alias }))
}

/// The routes of every article, in the site's order of articles.
pub fn routes(site: &Site) -> Vec<Route> {
    (0..site.articles.len())
        .flat_map(|index| pages(site, ArticleId(index)))
        .map(|page| Route {
            url: page.url(site).into(),
            page,
        })
        .collect()
}

/// An error for each bundle file or redirect whose output file is another route's,
/// inside one (a route's file where it needs a folder) or a folder of others' files.
pub fn collisions(site: &Site, routes: &[Route], errors: &mut Errors) {
    let checked = |page: Page| Taker::of(page).is_some();
    if !routes.iter().any(|r| checked(r.page)) {
        return;
    }
    let files: Vec<PathBuf> = routes.iter().map(|r| urls::output_file(&r.url)).collect();
    let mut by_file: HashMap<&Path, Vec<usize>> = HashMap::new();
    let mut folders: HashMap<&Path, usize> = HashMap::new();
    for (index, file) in files.iter().enumerate() {
        by_file.entry(file.as_path()).or_default().push(index);
        for folder in file.ancestors().skip(1) {
            if folder.as_os_str().is_empty() {
                break;
            }
            folders.entry(folder).or_insert(index);
        }
    }
    for (index, route) in routes.iter().enumerate() {
        let Some(taker) = Taker::of(route.page) else {
            continue;
        };
        let path = files[index].as_path();
        let same = by_file[path].iter().copied().find(|&other| other != index);
        let inside = path
            .ancestors()
            .skip(1)
            .find_map(|folder| by_file.get(folder).map(|routes| routes[0]));
        let same_as_earlier_file =
            same.is_some_and(|other| other < index && checked(routes[other].page));
        if same_as_earlier_file {
            continue; // reported with the earlier file, which names this one
        }
        let (other, folder) = match (same, folders.get(path), inside) {
            (Some(other), _, _) => (other, false),
            (None, Some(&other), _) => (other, true),
            (None, None, Some(other)) => (other, false),
            (None, None, None) => continue,
        };
        let other = routes[other].page.describe(site);
        match taker {
            Taker::File { article, file } => {
                let article = site.article(article);
                let shown = article.file.parent().unwrap_or(Path::new(""));
                errors.push(Error::BundleCollision {
                    path: shown.join(&article.bundle[file]),
                    url: route.url.to_string(),
                    other,
                    folder,
                });
            }
            Taker::Redirect { article, alias } => {
                errors.push(Error::AliasTaken {
                    location: site.article(article).aliases[alias].location.clone(),
                    url: route.url.to_string(),
                    other: if folder {
                        format!("{other}, which needs it as a folder")
                    } else {
                        other
                    },
                });
            }
        }
    }
}

/// Every output file of the site's routes and the folders they need, to say what a
/// file that brief writes beside them (an image's resized copy) would collide with.
pub struct OutputFiles<'a> {
    site: &'a Site,
    by_file: HashMap<PathBuf, usize>,
    folders: HashMap<PathBuf, usize>,
}

impl<'a> OutputFiles<'a> {
    pub fn of(site: &'a Site) -> OutputFiles<'a> {
        let mut by_file: HashMap<PathBuf, usize> = HashMap::new();
        let mut folders: HashMap<PathBuf, usize> = HashMap::new();
        for (index, route) in site.routes.iter().enumerate() {
            let file = urls::output_file(&route.url);
            for folder in file.ancestors().skip(1) {
                if folder.as_os_str().is_empty() || folders.contains_key(folder) {
                    break;
                }
                folders.insert(folder.to_path_buf(), index);
            }
            by_file.entry(file).or_insert(index);
        }
        OutputFiles {
            site,
            by_file,
            folders,
        }
    }

    /// What brief writes at `file` (relative to the output), needs it as a folder for,
    /// or writes as a file where `file` needs a folder; None when nothing.
    pub fn taken_by(&self, file: &Path) -> Option<String> {
        let describe = |index: usize| self.site.routes[index].page.describe(self.site);
        if let Some(&index) = self.by_file.get(file) {
            Some(describe(index))
        } else if let Some(&index) = self.folders.get(file) {
            Some(format!("{}, which needs it as a folder", describe(index)))
        } else {
            file.ancestors()
                .skip(1)
                .find_map(|folder| self.by_file.get(folder))
                .map(|&index| format!("{}, which stands where it needs a folder", describe(index)))
        }
    }
}

/// A route that can take another's place: a writer chose its URL outside the rules
/// that keep generated URLs apart.
enum Taker {
    File { article: ArticleId, file: usize },
    Redirect { article: ArticleId, alias: usize },
}

impl Taker {
    fn of(page: Page) -> Option<Taker> {
        match page {
            Page::BundleFile { article, file } => Some(Taker::File { article, file }),
            Page::Redirect { article, alias } => Some(Taker::Redirect { article, alias }),
            // Checked against each other where the routes are made (`model::routes`).
            Page::Home { .. }
            | Page::Article { .. }
            | Page::Companies
            | Page::Company { .. }
            | Page::Ecosystems
            | Page::Ecosystem { .. }
            | Page::Archive { .. }
            | Page::NotFound
            | Page::Feed(..)
            | Page::Sitemap
            | Page::Robots
            | Page::Search
            | Page::SearchScript
            | Page::SearchIndex
            | Page::SearchTerms { .. }
            | Page::SearchRecord { .. } => None,
        }
    }
}
