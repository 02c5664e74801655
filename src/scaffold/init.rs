//! `brief init`: a new briefing site that builds and checks cleanly as it stands:
//! site.toml with every option, a small registry, a welcome briefing that names all of
//! it, an About page (the theme links to one), and the archetype.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::archetype::{self, FILE_NAME};
use super::new::{front_matter, front_matter_date, toml_string};
use super::write::{self, Created};
use crate::error::Error;
use crate::theme::{self, DEFAULT_THEME};

const SITE_TOML: &str = include_str!("starter/site.toml");
const WELCOME: &str = include_str!("starter/welcome.md");
const ABOUT: &str = include_str!("starter/about.md");
/// The built site, and the folders a build that was killed leaves beside it until the
/// next build clears them (`.public.brief-new-<pid>`, `.public.brief-old-<pid>`), and
/// the cache of resized images, which any build makes again from the images.
const GITIGNORE: &str = "/public/\n/.public.brief-*/\n/.brief-cache/\n";

/// What `brief init` was asked to create.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The new site's folder; created when missing.
    pub root: PathBuf,
    /// Add the site's files to a folder that already holds others (none is overwritten).
    pub force: bool,
    /// Copy the built-in theme into themes/ for the writer to change.
    pub copy_theme: bool,
    /// The site's title; made from the folder's name when not given.
    pub title: Option<String>,
    /// The welcome briefing's date.
    pub now: Timestamp,
}

impl InitOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        InitOptions {
            root: root.into(),
            force: false,
            copy_theme: false,
            title: None,
            now: Timestamp::now(),
        }
    }
}

/// What `brief init` did.
#[derive(Debug, Clone)]
pub struct InitReport {
    pub root: PathBuf,
    /// Files written, relative to the root.
    pub created: Vec<PathBuf>,
    /// Files that were already there and were left as they were.
    pub kept: Vec<PathBuf>,
}

/// Creates a briefing site in `options.root`.
pub fn init(options: &InitOptions) -> Result<InitReport, Error> {
    let root = &options.root;
    let has_files = std::fs::read_dir(root).is_ok_and(|mut entries| entries.next().is_some());
    if has_files && !options.force {
        return Err(Error::FolderNotEmpty { dir: root.clone() });
    }
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| title_from_folder(root));
    let mut report = InitReport {
        root: root.clone(),
        created: Vec::new(),
        kept: Vec::new(),
    };
    for (path, bytes) in files(&title, options) {
        match write::create(root, &path, &bytes)? {
            Created::Written => report.created.push(path),
            Created::AlreadyThere => report.kept.push(path),
        }
    }
    Ok(report)
}

/// Every file of a new site, relative to its root.
fn files(title: &str, options: &InitOptions) -> Vec<(PathBuf, Vec<u8>)> {
    let timezone = TimeZone::UTC;
    let date = front_matter_date(options.now, &timezone);
    let zoned = options.now.to_zoned_datetime(timezone);
    let welcome_path = PathBuf::from(format!(
        "content/{:04}/{:02}/welcome.md",
        zoned.year(),
        zoned.month()
    ));
    let welcome = format!(
        "{}\n{WELCOME}",
        front_matter(
            &format!("Welcome to {title}"),
            &date,
            &["china".into(), "us".into()],
            &[
                "0981.HK".into(),
                "huawei".into(),
                "NVDA".into(),
                "MU".into()
            ],
            &[],
            false,
        )
    );
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (
            crate::files::SITE_TOML.into(),
            SITE_TOML.replace("@TITLE@", &toml_string(title)).into(),
        ),
        (welcome_path, welcome.into()),
        ("content/about.md".into(), ABOUT.into()),
        (
            Path::new("archetypes").join(FILE_NAME),
            archetype::copy_for(archetype::Place::Site).into(),
        ),
        (".gitignore".into(), GITIGNORE.into()),
    ];
    if options.copy_theme {
        let dir = Path::new("themes").join(DEFAULT_THEME);
        let theme = theme::embedded();
        for (name, template) in theme.templates {
            files.push((dir.join("templates").join(name), template.source.into()));
        }
        for (path, asset) in theme.assets {
            if let theme::Asset::Embedded(bytes) = asset {
                files.push((dir.join("static").join(path), bytes.to_vec()));
            }
        }
        files.push((
            dir.join("archetypes").join(FILE_NAME),
            archetype::copy_for(archetype::Place::Theme).into(),
        ));
    }
    files
}

/// "two-stacks" → "Two Stacks": a title to start from, for the writer to change.
fn title_from_folder(root: &Path) -> String {
    let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let name = absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: Vec<String> = name
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "Briefings".to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_comes_from_the_folder_name() {
        assert_eq!(title_from_folder(Path::new("/x/two-stacks")), "Two Stacks");
        assert_eq!(title_from_folder(Path::new("/")), "Briefings");
    }

    #[test]
    fn site_toml_sets_every_option() {
        let text = SITE_TOML.replace("@TITLE@", &toml_string("A \"B\""));
        let value: toml::Table = toml::from_str(&text).unwrap();
        for key in [
            "title",
            "base_url",
            "description",
            "language",
            "theme",
            "per_page",
            "feed_limit",
            "timezone",
            "cashtags",
        ] {
            assert!(value.contains_key(key), "{key}");
        }
        assert_eq!(value["title"].as_str(), Some("A \"B\""));
    }
}
