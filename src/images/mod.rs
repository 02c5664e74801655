//! Images: the local images the published articles show, read once per build. Each
//! one's size comes from its file's header (no decoding), so every `<img>` can say its
//! `width` and `height` and nothing moves as pages load; raster images wider than the
//! text column get resized copies (`copies`) for a `srcset`.
//!
//! A stage that reads, as `content` is: it reads the image files the articles show
//! (the site's and the theme's static files, and the files of page bundles), each
//! when it looks at it, and keeps the copies in a cache folder of its own
//! (`.brief-cache/` at the site root), where an unchanged image finds them again
//! without being decoded, and, by its file's length and time (`record`), without
//! being read. It writes nothing into the output: the
//! copies reach it through `output`, as every other file. What it decides (`Images`) is
//! plain data that the model carries and `render` dresses each `<img>` with.

mod copies;
mod image;
mod record;
mod survey;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::Article;
use crate::error::{Error, Errors, ImageProblem, Location, Missing};
use crate::files::Stamp;
use crate::theme::{Asset, Theme};
pub use copies::CACHE_FOLDER;
pub use image::{COLUMN, Copy, CopyMode, Format, Image, Size};
use record::{Record, Surveyed};

/// The `sizes` of a responsive image: the whole screen on a phone (less the page's
/// margins), the text column anywhere wider.
pub const SIZES: &str = "(max-width: 46.5rem) calc(100vw - 2.5rem), 44rem";

/// Every local image the published articles show, by site path (`/images/chart.png`,
/// percent-decoded, before the base URL's path prefix).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Images {
    by_path: HashMap<String, Image>,
}

impl Images {
    pub fn get(&self, site_path: &str) -> Option<&Image> {
        self.by_path.get(site_path)
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }
}

/// What the stage found and did.
#[derive(Debug, Default)]
pub struct Loaded {
    pub images: Images,
    /// Every resized copy the output gets (none for `CopyMode::None`).
    pub copies: Vec<Placed>,
    pub report: ImageReport,
}

/// One resized copy, where the output gets it and where it comes from.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Its file in the output (`images/chart-480w.webp`).
    pub place: PathBuf,
    /// Its file in the cache.
    pub cached: PathBuf,
    /// The image it was made from, by site path.
    pub image: String,
    /// The first place an article shows that image: where a clash of the copy with
    /// another file is reported, as the writer chose the image's name there.
    pub shown_at: Location,
}

/// Counts for the build's report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageReport {
    /// Local images the published articles show.
    pub images: usize,
    /// Resized copies published.
    pub copies: usize,
    /// Images decoded by this build: those with copies the cache did not have.
    pub decoded: usize,
}

/// Whether `load` finds the same images with `new` in place of `old`, an earlier
/// version of the same file: it shows the same images from the same URL, its bundle
/// (whose files other articles may show) has the same files, and, if it shows or holds
/// any, it is published as before. Their bytes are not compared: a changed image file
/// is a change of its own.
pub fn same_for(old: &Article, new: &Article) -> bool {
    fn shown(a: &Article) -> Vec<&str> {
        a.references
            .iter()
            .filter(|r| r.image)
            .map(|r| r.written.as_str())
            .collect()
    }
    let (shows, holds) = (shown(new), &new.bundle);
    let nothing = shows.is_empty() && holds.is_empty();
    shows == shown(old)
        && *holds == old.bundle
        && (nothing || (old.url == new.url && old.draft == new.draft && old.date == new.date))
}

/// Reads every local image that `articles` show. Each missing, broken or unsupported
/// image is an error at every place an article shows it, and so is each copy whose
/// file in the output a static file, another image's copy or what `taken` names
/// (the site's pages, files and redirects, as the model knows them) already has: all
/// reported at once.
pub fn load(
    config: &SiteConfig,
    theme: &Theme,
    articles: &[Arc<Article>],
    mode: &CopyMode,
    taken: &dyn Fn(&Path) -> Option<String>,
) -> Result<Loaded, Errors> {
    let prefix = config.path_prefix();
    // Site path → every place that shows it (in article order, then as written).
    let mut shown: BTreeMap<String, Vec<Shown>> = BTreeMap::new();
    for article in articles {
        for reference in article.references.iter().filter(|r| r.image) {
            if let Some(path) = site_path(&reference.written, &article.url, prefix) {
                shown.entry(path).or_default().push(Shown {
                    location: &reference.location,
                    written: &reference.written,
                    page: &article.url,
                });
            }
        }
    }
    // A bundle's files (`/2024/10/rally/chart.png`), read from its folder when shown.
    let bundled: HashMap<String, PathBuf> = articles
        .iter()
        .flat_map(|article| {
            let folder = config
                .root
                .join(crate::files::CONTENT)
                .join(article.source.parent().unwrap_or(Path::new("")));
            article
                .bundle
                .iter()
                .map(move |file| (format!("{}{file}", article.url), folder.join(file)))
        })
        .collect();
    // Where the image at a site path comes from: built into brief, or a file.
    let origin = |path: &str| -> Option<Origin> {
        let relative = Path::new(path.trim_start_matches('/'));
        match theme.assets.get(relative) {
            Some(Asset::Embedded(bytes)) => Some(Origin::Embedded(bytes)),
            Some(Asset::File { path, .. }) => Some(Origin::File(path)),
            None => bundled.get(path).map(|file| Origin::File(file)),
        }
    };
    // With no copies to make, no image need be read past its header.
    let widths: &[u32] = match mode {
        CopyMode::None => &[],
        _ => &config.images.widths,
    };
    let cache = match mode {
        CopyMode::Make { cache } | CopyMode::Verify { cache } => Some(cache.as_path()),
        CopyMode::None => None,
    };
    let record = cache.map(|cache| Record::read(&copies::folder(cache)));
    let found: Vec<Found> = shown
        .par_iter()
        .map(|(path, _)| match origin(path) {
            None => Found::broken(path, ImageProblem::Missing),
            Some(Origin::Embedded(bytes)) => examine(path, bytes, widths, mode),
            Some(Origin::File(file)) => {
                // Stamped before it is read: a file changed in between is read again
                // by the next build, as its stamp no longer matches.
                let stamp = std::fs::metadata(file).ok().and_then(|m| Stamp::of(&m));
                let known = stamp.zip(record.as_ref()).and_then(|(stamp, record)| {
                    let known = record.get(file, stamp)?;
                    let image = Image {
                        copies: known.size.map_or_else(Vec::new, |size| {
                            copies::plan(path, size, known.format, widths)
                        }),
                        size: known.size,
                        format: known.format,
                    };
                    let cached = image.copies.is_empty()
                        || (!known.key.is_empty()
                            && cache.is_some_and(|c| copies::all_cached(c, &known.key, &image)));
                    cached.then_some((known, image))
                });
                if let Some((known, image)) = known {
                    return Found {
                        key: known.key.clone(),
                        surveyed: Some((file.to_path_buf(), known.clone())),
                        ..Found::image(path, image)
                    };
                }
                let bytes = match std::fs::read(file) {
                    Ok(bytes) => bytes,
                    Err(source) => {
                        return Found {
                            result: Err(Err(Error::Read {
                                path: file.to_path_buf(),
                                source,
                            })),
                            ..Found::broken(path, ImageProblem::Missing)
                        };
                    }
                };
                let mut found = examine(path, &bytes, widths, mode);
                if let (Some(stamp), Ok(image)) = (stamp, &found.result) {
                    let surveyed = Surveyed {
                        stamp,
                        size: image.size,
                        format: image.format,
                        key: found.key.clone(),
                    };
                    found.surveyed = Some((file.to_path_buf(), surveyed));
                }
                found
            }
        })
        .collect();
    let mut record_now = Record::default();
    let mut loaded = Loaded::default();
    let mut errors = Errors::default();
    // Output file → the image whose copy it is, to find two images whose copies share
    // a name (`chart.png` and `chart.webp` both get `chart-480w.webp`).
    let mut copied_from: HashMap<PathBuf, &str> = HashMap::new();
    for found in found {
        let path = found.path;
        loaded.report.decoded += usize::from(found.decoded);
        if let Some((file, surveyed)) = found.surveyed {
            record_now.insert(file, surveyed);
        }
        let problem = match found.result {
            Ok(image) => {
                if let CopyMode::Make { cache } | CopyMode::Verify { cache } = mode {
                    let shown_at = shown[path][0].location;
                    for copy in &image.copies {
                        let place = PathBuf::from(copy.url.trim_start_matches('/'));
                        if let Some(taken) = theme.asset_origin(&place) {
                            errors.push(Error::ImageCopyTaken {
                                path: crate::files::shown(&taken).to_path_buf(),
                                image: path.clone(),
                            });
                        }
                        let other = match copied_from.get(&place) {
                            Some(other) if *other != path.as_str() => {
                                Some(format!("a resized copy of `{other}`"))
                            }
                            _ => {
                                copied_from.insert(place.clone(), path);
                                taken(&place)
                            }
                        };
                        if let Some(other) = other {
                            errors.push(Error::ImageCopyCollision {
                                location: shown_at.clone(),
                                url: copy.url.clone(),
                                image: path.clone(),
                                other,
                            });
                        }
                        loaded.copies.push(Placed {
                            cached: copies::cached(cache, &found.key, copy),
                            place,
                            image: path.clone(),
                            shown_at: shown_at.clone(),
                        });
                    }
                }
                loaded.report.images += 1;
                loaded.report.copies += image.copies.len();
                loaded.images.by_path.insert(path.clone(), image);
                continue;
            }
            Err(Err(error)) => {
                errors.push(error);
                continue;
            }
            Err(Ok(problem)) => problem,
        };
        for shown in &shown[path] {
            errors.push(match &problem {
                ImageProblem::Missing => Error::BrokenReference {
                    location: Some(shown.location.clone()),
                    page: shown.page.to_string(),
                    target: shown.written.to_string(),
                    missing: Missing::File,
                    elsewhere: 0,
                },
                other => Error::BrokenImage {
                    location: shown.location.clone(),
                    image: path.clone(),
                    problem: other.clone(),
                },
            });
        }
    }
    if let (CopyMode::Make { cache }, Some(record)) = (mode, record) {
        let folder = copies::folder(cache);
        // A site whose images need no copies gets no cache folder for their sake.
        if record_now != record && (!loaded.copies.is_empty() || folder.is_dir()) {
            let written = std::fs::create_dir_all(&folder)
                .and_then(|()| record_now.write(&folder))
                .map_err(|source| Error::Write {
                    path: folder.clone(),
                    source,
                });
            if let Err(error) = written {
                errors.push(error);
            }
        }
    }
    errors.into_result(loaded)
}

/// Surveys the image at site path `path` from its bytes, and sees that the cache has
/// its copies.
fn examine<'a>(path: &'a String, bytes: &[u8], widths: &[u32], mode: &CopyMode) -> Found<'a> {
    let (size, format) = match survey::survey(path, bytes) {
        Ok(surveyed) => surveyed,
        Err(problem) => return Found::broken(path, problem),
    };
    let image = Image {
        copies: size.map_or_else(Vec::new, |size| copies::plan(path, size, format, widths)),
        size,
        format,
    };
    if image.copies.is_empty() {
        return Found::image(path, image);
    }
    let key = copies::content_key(bytes);
    match copies::provide(bytes, &key, &image, mode) {
        Ok(decoded) => Found {
            key,
            decoded,
            ..Found::image(path, image)
        },
        Err(copies::Failure::Image(problem)) => Found {
            decoded: true,
            ..Found::broken(path, problem)
        },
        Err(copies::Failure::Cache(error)) => Found {
            result: Err(Err(*error)),
            ..Found::broken(path, ImageProblem::Missing)
        },
    }
}

/// Where an image's bytes are.
enum Origin<'a> {
    Embedded(&'static [u8]),
    File(&'a Path),
}

/// One image, surveyed and its copies provided, or what went wrong.
struct Found<'a> {
    path: &'a String,
    /// `Err(Ok(_))`: the image's problem, the writer's to fix; `Err(Err(_))`: brief's.
    result: Result<Image, Result<ImageProblem, Error>>,
    /// Its content's key in the cache, when it has copies.
    key: String,
    decoded: bool,
    /// What the record keeps of its file, when it is a file and all went well.
    surveyed: Option<(PathBuf, Surveyed)>,
}

impl<'a> Found<'a> {
    fn image(path: &'a String, image: Image) -> Found<'a> {
        Found {
            path,
            result: Ok(image),
            key: String::new(),
            decoded: false,
            surveyed: None,
        }
    }

    fn broken(path: &'a String, problem: ImageProblem) -> Found<'a> {
        Found {
            path,
            result: Err(Ok(problem)),
            key: String::new(),
            decoded: false,
            surveyed: None,
        }
    }
}

/// A place an article shows an image.
struct Shown<'a> {
    location: &'a Location,
    written: &'a str,
    page: &'a str,
}

/// The site path of a local image as written on the page at site path `page` (a
/// Markdown destination, or an `<img>`'s `src` with its entities decoded): None for
/// another site's image, a `data:` URL, or a path above the site's root or outside
/// its base URL's `prefix`.
pub fn site_path(written: &str, page: &str, prefix: &str) -> Option<String> {
    let written = written.trim();
    let path = written.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() || path.starts_with("//") || has_scheme(path) {
        return None;
    }
    let joined = match path.strip_prefix('/') {
        Some(_) if prefix.is_empty() => path.to_string(),
        Some(_) => {
            let rest = path.strip_prefix(prefix)?;
            if !rest.starts_with('/') {
                return None;
            }
            rest.to_string()
        }
        None => format!("{}{path}", &page[..page.rfind('/').map_or(0, |i| i + 1)]),
    };
    let mut parts: Vec<String> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(percent_decode(other)),
        }
    }
    (!parts.is_empty()).then(|| format!("/{}", parts.join("/")))
}

fn has_scheme(href: &str) -> bool {
    href.find(':').is_some_and(|colon| {
        let scheme = &href[..colon];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && !scheme.contains('/')
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_image_has_a_site_path_wherever_it_is_written_from() {
        let at = |written| site_path(written, "/2026/10/rally/", "");
        assert_eq!(at("chart.png").as_deref(), Some("/2026/10/rally/chart.png"));
        assert_eq!(at("../old.png").as_deref(), Some("/2026/10/old.png"));
        assert_eq!(
            at("/images/a%20b.png?v=2").as_deref(),
            Some("/images/a b.png")
        );
        assert_eq!(at("https://example.org/x.png"), None);
        assert_eq!(at("//cdn.example.org/x.png"), None);
        assert_eq!(at("data:image/png;base64,AAAA"), None);
        assert_eq!(at("../../../../../x.png"), None);
        let under = |written| site_path(written, "/2026/10/rally/", "/blog");
        assert_eq!(
            under("/blog/images/x.png").as_deref(),
            Some("/images/x.png")
        );
        assert_eq!(under("/images/x.png"), None);
        assert_eq!(under("x.png").as_deref(), Some("/2026/10/rally/x.png"));
    }
}
