//! Rendering: turn the decided `Site` into bytes for each URL, with the theme's
//! templates compiled once. No file access: output is returned as data.

mod archives;
mod board;
pub mod chart;
mod context;
pub mod digest;
pub mod feeds;
pub mod images;
pub mod json_feed;
mod market;
mod memo;
mod pages;
mod pass;
mod plain;
mod redirect;
pub mod search;
pub mod sitemap;
mod social;
pub mod views;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::error::{Error, Errors, Location};
use crate::model::archives::Period;
use crate::model::feeds::Feed;
use crate::model::{FeedFormat, Page, Route, Site};
use crate::theme::Asset;
use crate::theme::Theme;
use crate::urls;
pub use pass::Pass;

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder.
    pub path: PathBuf,
    pub contents: Contents,
}

/// What a built file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Rendered here.
    Bytes(Vec<u8>),
    /// The bytes of a writer's file (a bundle's image), copied as they are by the
    /// output, which alone touches files; rendering never reads them.
    Copy(PathBuf),
}

impl OutputFile {
    pub fn bytes(path: PathBuf, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path,
            contents: Contents::Bytes(bytes),
        }
    }

    /// The bytes, when they were rendered rather than copied.
    pub fn rendered(&self) -> Option<&[u8]> {
        match &self.contents {
            Contents::Bytes(bytes) => Some(bytes),
            Contents::Copy(_) => None,
        }
    }
}

/// The theme's templates, compiled.
pub struct Renderer {
    tera: Arc<Tera>,
    origins: BTreeMap<String, PathBuf>,
}

impl Renderer {
    /// Compiles every template, reporting every template that does not compile.
    pub fn new(theme: &Theme) -> Result<Renderer, Errors> {
        let origins: BTreeMap<String, PathBuf> = theme
            .templates
            .iter()
            .map(|(name, t)| (name.clone(), t.origin.clone()))
            .collect();
        let cached_component = memo::CachedComponent::default();
        let mut tera = Tera::new();
        tera.register_function(memo::NAME, cached_component.clone());
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(name, t)| (name.as_str(), t.source.as_str())),
        )
        .map_err(|e| Errors(template_errors(&origins, "", &e)))?;
        let tera = Arc::new(tera);
        cached_component.attach(&tera);
        Ok(Renderer { tera, origins })
    }

    /// The bytes at `route`, for a caller that renders a page or two of `site`.
    pub fn render(&self, site: &Site, route: &Route) -> Result<Vec<u8>, Error> {
        self.render_in(&Pass::new(site), route)
    }

    /// The bytes at `route`, sharing views with the other pages of `pass`.
    pub fn render_in(&self, pass: &Pass, route: &Route) -> Result<Vec<u8>, Error> {
        let site = pass.site;
        let text = match route.page {
            Page::Home { page } => self.html(pass, route, &pages::home(pass, route, page))?,
            Page::Article { id, .. } => self.html(pass, route, &pages::article(pass, route, id))?,
            Page::Companies => self.html(pass, route, &pages::companies(pass, route))?,
            Page::Company { company, page } => {
                self.html(pass, route, &pages::company(pass, route, company, page))?
            }
            Page::Ecosystems => self.html(pass, route, &pages::ecosystems(pass, route))?,
            Page::Ecosystem { ecosystem, page } => {
                self.html(pass, route, &pages::ecosystem(pass, route, ecosystem, page))?
            }
            Page::Archive { period, page } => match period {
                Period::Year(year) => self.html(pass, route, &archives::year(pass, route, year))?,
                Period::Month(..) => {
                    self.html(pass, route, &archives::month(pass, route, period, page))?
                }
                Period::Day(_) => {
                    self.html(pass, route, &archives::day(pass, route, period, page))?
                }
            },
            Page::NotFound => self.html(pass, route, &pages::not_found(pass, route))?,
            Page::Feed(of, format @ FeedFormat::Atom) => {
                feeds::atom(site, &pass.feed_entries, &Feed::new(site, of, format))
            }
            Page::Feed(of, format @ FeedFormat::Json) => {
                json_feed::json(site, &pass.json_items, &Feed::new(site, of, format))
            }
            Page::Sitemap => sitemap::sitemap(site),
            Page::Robots => sitemap::robots(site),
            Page::Redirect { article, .. } => redirect::page(site, article),
            Page::BundleFile { .. } => {
                unreachable!("a bundle's file is copied (Site::copied_from), never rendered")
            }
            Page::Search => self.html(pass, route, &pages::search(pass, route))?,
            Page::SearchScript => {
                let template = route
                    .page
                    .template(site)
                    .expect("the table of page kinds names the script's template");
                self.render_template(
                    template,
                    &views::ScriptView {
                        site: pass.site_view.clone(),
                    },
                )?
            }
            Page::SearchIndex => return Ok(pass.search().index.clone()),
            Page::SearchTerms { shard } => return Ok(pass.search().terms[shard as usize].clone()),
            Page::SearchRecord { number } => {
                let id = crate::model::search::briefing(number, site.briefing_count);
                return Ok(search::record(site, id));
            }
        };
        Ok(text.into_bytes())
    }

    /// A template that is not a page of the site (the digest's), with `view` as its
    /// context.
    pub fn render_template(&self, template: &str, view: &impl Serialize) -> Result<String, Error> {
        let error = |e: tera::Error| template_error(&self.origins, template, &e);
        let context = Context::from_serialize(view).map_err(error)?;
        let text = self.tera.render(template, &context).map_err(error)?;
        Ok(crate::markdown::publishable(&text).into_owned())
    }

    /// The file a template was read from, to name it in errors.
    pub fn origin(&self, template: &str) -> PathBuf {
        self.origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(template))
    }

    /// An HTML page: its view, rendered with the template the table names for it.
    fn html(&self, pass: &Pass, route: &Route, view: &impl Serialize) -> Result<String, Error> {
        let template = route
            .page
            .template(pass.site)
            .expect("the table of page kinds names a template for every HTML page");
        let error = |e: tera::Error| template_error(&self.origins, template, &e);
        let context = Context::from_serialize(view).map_err(error)?;
        let html = memo::with_cache(&pass.components, || self.tera.render(template, &context))
            .map_err(error)?;
        // Control characters and noncharacters from any source (a title, a company
        // name, the body) stop here, whichever template shows them.
        Ok(match crate::markdown::publishable(&html) {
            std::borrow::Cow::Borrowed(_) => html,
            std::borrow::Cow::Owned(clean) => clean,
        })
    }
}

/// A Tera error as brief's error, located in the template file it came from. Shared
/// with `scaffold`, whose archetypes are Tera templates too.
pub(crate) fn template_error(
    origins: &BTreeMap<String, PathBuf>,
    template: &str,
    error: &tera::Error,
) -> Error {
    let origin_of = |name: &str| {
        origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let origin = origin_of(if report.filename().is_empty() {
                template
            } else {
                report.filename()
            });
            let span = report.span();
            Error::Template {
                location: Some(Location {
                    path: origin.clone(),
                    line: span.start_line.max(1),
                    column: span.start_col + 1,
                    width: if span.end_line == span.start_line {
                        span.end_col.saturating_sub(span.start_col).max(1)
                    } else {
                        1
                    },
                }),
                origin,
                message: report.message().to_string(),
            }
        }
        _ => Error::Template {
            origin: origin_of(template),
            location: None,
            message: error.to_string(),
        },
    }
}

/// Every error in a Tera error. Checks made when templates are added (unknown filters,
/// components, tests) come as one message of several `error: ...` / ` --> name:line:col`
/// reports, which are split back into located errors here.
fn template_errors(
    origins: &BTreeMap<String, PathBuf>,
    template: &str,
    error: &tera::Error,
) -> Vec<Error> {
    let tera::ErrorKind::Msg(text) = error.kind() else {
        return vec![template_error(origins, template, error)];
    };
    let mut errors = Vec::new();
    let mut message = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let (Some(m), Some(place)) = (&message, line.trim().strip_prefix("--> ")) {
            let mut parts = place.rsplitn(3, ':');
            let (column, line, name) = (parts.next(), parts.next(), parts.next());
            if let (Some(column), Some(line), Some(name)) = (column, line, name) {
                let origin = origins
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from(name));
                errors.push(Error::Template {
                    location: Some(Location {
                        path: origin.clone(),
                        line: line.parse().unwrap_or(1),
                        column: column.parse().unwrap_or(1),
                        width: 1,
                    }),
                    origin,
                    message: m.clone(),
                });
                message = None;
            }
        }
    }
    if errors.is_empty() {
        errors.push(template_error(origins, template, error));
    }
    errors
}

/// Every file of the site, produced lazily and in parallel: each route rendered, and
/// the theme's assets. The build streams these to the output so a large site is never
/// held in memory whole. A static file at a path the site generates is an error at the
/// static file (`static_collisions`), except `robots.txt`, which a site's own replaces.
pub fn files<'a>(
    site: &'a Site,
    renderer: &'a Renderer,
    theme: &'a Theme,
) -> impl ParallelIterator<Item = Result<OutputFile, Error>> + 'a {
    let (colliding, collisions): (HashSet<PathBuf>, Vec<Error>) =
        static_collisions(site, theme).into_iter().unzip();
    let generated: HashSet<PathBuf> = site
        .routes
        .iter()
        .map(|r| urls::output_file(&r.url))
        .collect();
    let pass = Pass::new(site);
    if site.config.search {
        // Made here, before the pages, rather than by the first file of the index that
        // is rendered: its own parallel work would let that thread take up another
        // file of the index meanwhile, which would then wait for itself.
        pass.search();
    }
    let robots_replaced = theme.assets.contains_key(Path::new(ROBOTS));
    let pages = site
        .routes
        .par_iter()
        .filter(move |route| !(robots_replaced && matches!(route.page, Page::Robots)))
        .map(move |route| {
            let path = urls::output_file(&route.url);
            match site.copied_from(route.page) {
                Some(source) => Ok(OutputFile {
                    path,
                    contents: Contents::Copy(source),
                }),
                None => renderer
                    .render_in(&pass, route)
                    .map(|bytes| OutputFile::bytes(path, bytes)),
            }
        });
    let assets = theme
        .assets
        .par_iter()
        .filter(move |(path, _)| {
            path.as_os_str() == ROBOTS || !(generated.contains(*path) || colliding.contains(*path))
        })
        .map(|(path, asset)| {
            Ok(match asset {
                Asset::Embedded(bytes) => OutputFile::bytes(path.clone(), bytes.to_vec()),
                Asset::File { path: file, .. } => OutputFile {
                    path: path.clone(),
                    contents: Contents::Copy(file.clone()),
                },
            })
        });
    pages
        .chain(assets)
        .chain(collisions.into_par_iter().map(Err))
}

/// The file a site's own static file may replace: a writer who writes a robots.txt
/// means it (`Disallow: /` on a site not ready to be indexed).
const ROBOTS: &str = "robots.txt";

/// Static files (the site's or the theme's) at a path the site generates a page,
/// feed or sitemap at, or where it needs a folder of them: neither may be dropped
/// silently, so each is an error at the static file. Each comes with the asset's path.
fn static_collisions(site: &Site, theme: &Theme) -> Vec<(PathBuf, Error)> {
    let files: HashMap<PathBuf, &str> = site
        .routes
        .iter()
        .map(|r| (urls::output_file(&r.url), &*r.url))
        .collect();
    let folders: HashSet<&Path> = files
        .keys()
        .flat_map(|path| path.ancestors().skip(1))
        .filter(|folder| !folder.as_os_str().is_empty())
        .collect();
    let mut errors = Vec::new();
    for path in theme.assets.keys() {
        let origin = theme
            .asset_origin(path)
            .map(|origin| origin.strip_prefix(".").unwrap_or(&origin).to_path_buf())
            .unwrap_or_else(|| Path::new("static").join(path));
        if path.as_os_str() == ROBOTS {
            continue;
        }
        let collision = if let Some(url) = files.get(path) {
            Some((url.to_string(), false))
        } else if folders.contains(path.as_path()) {
            Some((format!("/{}/", path.to_string_lossy()), true))
        } else {
            path.ancestors()
                .skip(1)
                .find_map(|a| files.get(a))
                .map(|url| (url.to_string(), false))
        };
        if let Some((url, folder)) = collision {
            let error = Error::StaticCollision {
                path: origin,
                url,
                folder,
            };
            errors.push((path.clone(), error));
        }
    }
    errors
}

/// Keeps the first of each distinct error: a broken template fails every page that
/// uses it, and is reported once.
#[derive(Default)]
pub struct DistinctErrors {
    seen: HashSet<String>,
    errors: Errors,
}

impl DistinctErrors {
    pub fn push(&mut self, error: Error) {
        if self.seen.insert(error.to_string()) {
            self.errors.push(error);
        }
    }

    pub fn into_errors(self) -> Errors {
        self.errors
    }
}

/// Every file of the site, in memory: for `check`, which looks at pages without
/// writing them.
pub fn all(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Errors> {
    let renderer = Renderer::new(theme)?;
    let rendered: Vec<Result<OutputFile, Error>> = files(site, &renderer, theme).collect();
    let mut errors = DistinctErrors::default();
    let mut files = Vec::with_capacity(rendered.len());
    for result in rendered {
        match result {
            Ok(file) => files.push(file),
            Err(e) => errors.push(e),
        }
    }
    errors.into_errors().into_result(files)
}
