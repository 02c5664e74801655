//! Themes: the template sources and static assets a site renders with.
//!
//! The default theme is compiled into the binary, so a site with no themes/ folder
//! builds; a file of the same name on disk wins, first from `themes/<name>/`, then
//! from the site's own `templates/` and `static/`. Compiling templates is render's job.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::content::Article;
use crate::diagnostics::Warning;
use crate::error::{Error, Errors};

/// The theme brief ships with.
pub const DEFAULT_THEME: &str = "briefing";

/// A template's source and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct Template {
    pub source: String,
    /// The file it was read from, or `<built-in>/templates/<name>` for embedded ones.
    pub origin: PathBuf,
}

/// Everything a site renders with.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (`article.html`) → its source.
    pub templates: BTreeMap<String, Template>,
    /// Path relative to the output folder → the asset, theme assets overlaid by the
    /// site's.
    pub assets: BTreeMap<PathBuf, Asset>,
}

/// A static file: compiled in, or on disk, where it stays until it is copied or asked
/// for. A site's pictures can weigh gigabytes, which a build must not hold at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asset {
    Embedded(&'static [u8]),
    /// With its length and modification time when read, so that a theme read again
    /// knows a changed file from the same one.
    File {
        path: PathBuf,
        len: u64,
        modified: Option<std::time::SystemTime>,
    },
}

impl Theme {
    /// Where the asset at `relative` comes from (`<built-in>/static/...` for a built-in
    /// one), to name it in errors.
    pub fn asset_origin(&self, relative: &Path) -> Option<PathBuf> {
        Some(match self.assets.get(relative)? {
            Asset::Embedded(_) => Path::new("<built-in>/static").join(relative),
            Asset::File { path, .. } => path.clone(),
        })
    }
}

impl Asset {
    /// Its bytes, read now for a file.
    pub fn bytes(&self) -> Result<std::borrow::Cow<'static, [u8]>, Error> {
        match self {
            Asset::Embedded(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Asset::File { path, .. } => read(path).map(std::borrow::Cow::Owned),
        }
    }
}

macro_rules! embedded {
    ($kind:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/briefing/", $kind, "/", $name)))),*]
    };
}

const EMBEDDED_TEMPLATES: &[(&str, &[u8])] = embedded!("templates":
    "base.html", "components.html", "index.html", "article.html", "page.html",
    "companies.html", "company.html", "ecosystems.html", "ecosystem.html", "year.html",
    "month.html", "day.html", "404.html", "digest.html", "digest.txt", "search.html",
    "search.js",
);
const EMBEDDED_STATIC: &[(&str, &[u8])] = embedded!("static": "style.css", "favicon.svg");

/// Templates that every page builds on, the digest's email and the search page's
/// script: not pages of their own, so an article's `template` may not name them.
const NOT_PAGES: [&str; 5] = [
    "base.html",
    "components.html",
    "digest.html",
    "digest.txt",
    "search.js",
];

impl Theme {
    /// The templates an article's `template` may name.
    pub fn page_templates(&self) -> impl Iterator<Item = &str> {
        self.templates
            .keys()
            .map(String::as_str)
            .filter(|name| !NOT_PAGES.contains(name))
    }
}

/// An error for each article whose `template` the theme does not have.
pub fn unknown_templates<'a>(
    theme: &Theme,
    articles: impl IntoIterator<Item = &'a Article>,
) -> Vec<Error> {
    articles
        .into_iter()
        .filter_map(|article| {
            let name = article.template.as_ref()?;
            if theme.page_templates().any(|t| t == name) {
                return None;
            }
            Some(Error::UnknownTemplate {
                location: article.template_location.clone()?,
                name: name.clone(),
                known: theme.page_templates().map(str::to_string).collect(),
            })
        })
        .collect()
}

/// A warning for each link-preview image (`[social] image`, an article's `image`) on
/// this site that no static file provides: a preview would show a broken picture. An
/// absolute URL (`https://…`) is another site's business and is not looked at.
pub fn missing_images<'a>(
    theme: &Theme,
    config: &SiteConfig,
    articles: impl IntoIterator<Item = &'a Article>,
) -> Vec<Warning> {
    let site_wide = config.social_image.iter().map(|image| (image, "/"));
    let own = articles
        .into_iter()
        .filter_map(|a| Some((a.image.as_ref()?, a.url.as_str())));
    site_wide
        .chain(own)
        .filter_map(|(image, page)| {
            let path = crate::urls::image(&image.written, page)?;
            let file = path.trim_start_matches('/');
            (!theme.assets.contains_key(Path::new(file))).then(|| Warning::MissingImage {
                location: image.location.clone(),
                image: image.written.clone(),
                static_path: format!("static/{file}"),
            })
        })
        .collect()
}

/// The built-in theme alone.
pub fn embedded() -> Theme {
    let mut theme = Theme::default();
    for (name, bytes) in EMBEDDED_TEMPLATES {
        theme.templates.insert(
            name.to_string(),
            Template {
                source: String::from_utf8_lossy(bytes).into_owned(),
                origin: Path::new("<built-in>/templates").join(name),
            },
        );
    }
    for (name, bytes) in EMBEDDED_STATIC {
        theme
            .assets
            .insert(PathBuf::from(name), Asset::Embedded(bytes));
    }
    theme
}

/// The site's theme: built-in, overlaid by `themes/<name>/`, overlaid by the site's own files.
pub fn load(config: &SiteConfig) -> Result<Theme, Errors> {
    let mut theme = embedded();
    let name = config.theme.as_deref().unwrap_or(DEFAULT_THEME);
    let themes_dir = config.root.join("themes");
    let theme_dir = themes_dir.join(name);
    if theme_dir.is_dir() {
        overlay(&mut theme, &theme_dir)?;
    } else if name != DEFAULT_THEME {
        return Err(Error::UnknownTheme {
            name: name.to_string(),
            dir: themes_dir,
        }
        .into());
    }
    overlay(&mut theme, &config.root)?;
    Ok(theme)
}

/// Adds `dir/templates/**` and `dir/static/**` over what the theme already has.
fn overlay(theme: &mut Theme, dir: &Path) -> Result<(), Error> {
    for (relative, path) in files_under(&dir.join("templates"))? {
        let bytes = read(&path)?;
        let source = crate::files::decode_utf8(&path, bytes)?;
        let name = relative.to_string_lossy().replace('\\', "/");
        theme.templates.insert(
            name,
            Template {
                source,
                // As the writer reads it, so errors in it name it that way.
                origin: crate::files::shown(&path).to_path_buf(),
            },
        );
    }
    for (relative, path) in files_under(&dir.join("static"))? {
        let metadata = std::fs::metadata(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        let asset = Asset::File {
            path: path.clone(),
            len: metadata.len(),
            modified: metadata.modified().ok(),
        };
        theme.assets.insert(relative, asset);
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Files under `dir` (relative path, full path), skipping hidden ones; none if it is absent.
fn files_under(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, Error> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| Error::Read {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: e.into(),
        })?;
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            files.push((relative, entry.path().to_path_buf()));
        }
    }
    Ok(files)
}
