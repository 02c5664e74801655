//! What a batch of file-system events means for the served site: a pure function of
//! the paths the watcher reported, so editors' habits (temp files, atomic saves,
//! backup copies, renames) are decided here and unit-tested without a watcher.
//!
//! It never looks at the disk: whether a path under content/ is a file, a folder or
//! gone is the rebuild's question, asked once per path.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// Where a site's sources are, as the watcher sees them.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The site's folder, absolute (the watcher reports absolute paths).
    pub root: PathBuf,
    /// The theme folder under `themes/` that the site uses.
    pub theme: String,
}

/// What changed, in the terms the rebuild acts on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// site.toml: reload the whole configuration.
    pub config: bool,
    /// A template of the site or its theme: recompile the templates.
    pub templates: bool,
    /// A stylesheet under a static folder.
    pub stylesheets: bool,
    /// Any other static file.
    pub assets: bool,
    /// Paths under content/, relative to it: articles, or folders created, renamed or
    /// removed (an empty path is content/ itself).
    pub content: BTreeSet<PathBuf>,
    /// A price file in data/prices, or the folder itself: read the prices again.
    pub prices: bool,
    /// The watcher may have missed events: look at everything again.
    pub rescan: bool,
    /// Paths that mean nothing to the site: hidden files, editors' leftovers, the output.
    pub ignored: Vec<PathBuf>,
}

impl ChangeSet {
    /// Everything, as on the first load or after the watcher lost track.
    pub fn everything() -> ChangeSet {
        ChangeSet {
            config: true,
            templates: true,
            stylesheets: true,
            assets: true,
            content: BTreeSet::from([PathBuf::new()]),
            prices: true,
            rescan: true,
            ignored: Vec::new(),
        }
    }

    /// True when nothing the site is built from changed.
    pub fn is_empty(&self) -> bool {
        !(self.config
            || self.templates
            || self.stylesheets
            || self.assets
            || self.prices
            || self.rescan
            || !self.content.is_empty())
    }

    /// True when only stylesheets changed, so a page can swap them without reloading.
    pub fn stylesheets_only(&self) -> bool {
        self.stylesheets
            && !(self.config
                || self.templates
                || self.assets
                || self.prices
                || self.rescan
                || !self.content.is_empty())
    }

    /// The theme (templates or static files) has to be read again.
    pub fn theme(&self) -> bool {
        self.config || self.templates || self.stylesheets || self.assets || self.rescan
    }
}

/// Sorts the paths of one batch of events into what the rebuild must do.
pub fn classify(layout: &Layout, paths: &[PathBuf]) -> ChangeSet {
    let mut changes = ChangeSet::default();
    for path in paths {
        match meaning(layout, path) {
            Meaning::Config => changes.config = true,
            Meaning::Template => changes.templates = true,
            Meaning::Static(file) => {
                if file
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("css"))
                {
                    changes.stylesheets = true;
                } else {
                    changes.assets = true;
                }
            }
            Meaning::Theme => {
                changes.templates = true;
                changes.assets = true;
            }
            Meaning::Content(relative) => {
                changes.content.insert(relative);
            }
            Meaning::Prices => changes.prices = true,
            Meaning::Ignored => changes.ignored.push(path.clone()),
        }
    }
    changes
}

enum Meaning {
    Config,
    Template,
    /// A static file, by its path inside the static folder.
    Static(PathBuf),
    /// The theme's folder itself, or its templates/ or static/ folder, appeared or went.
    Theme,
    Content(PathBuf),
    /// data/prices or a file in it, or data/ itself (which holds it) appearing or going.
    Prices,
    Ignored,
}

fn meaning(layout: &Layout, path: &Path) -> Meaning {
    let Ok(relative) = path.strip_prefix(&layout.root) else {
        return Meaning::Ignored;
    };
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => match part.to_str() {
                Some(part) => parts.push(part),
                None => return Meaning::Ignored,
            },
            _ => return Meaning::Ignored,
        }
    }
    if parts.iter().any(|part| part.starts_with('.'))
        || parts
            .last()
            .is_some_and(|n| crate::files::is_editor_leftover(n))
    {
        return Meaning::Ignored;
    }
    let rest = |from: usize| parts[from..].iter().collect::<PathBuf>();
    match parts.as_slice() {
        [crate::files::SITE_TOML] => Meaning::Config,
        ["content", ..] => Meaning::Content(rest(1)),
        ["data"] | ["data", "prices", ..] => Meaning::Prices,
        ["templates", ..] => Meaning::Template,
        ["static"] => Meaning::Theme,
        ["static", ..] => Meaning::Static(rest(1)),
        ["themes"] => Meaning::Theme,
        ["themes", theme, tail @ ..] if *theme == layout.theme => match tail {
            [] | ["templates"] | ["static"] => Meaning::Theme,
            ["templates", ..] => Meaning::Template,
            ["static", ..] => Meaning::Static(rest(3)),
            _ => Meaning::Ignored,
        },
        // archetypes/ only matter to `brief new`; public/ and the rest are not sources.
        _ => Meaning::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            root: PathBuf::from("/site"),
            theme: "briefing".to_string(),
        }
    }

    fn classify_names(names: &[&str]) -> ChangeSet {
        let paths: Vec<PathBuf> = names.iter().map(|n| Path::new("/site").join(n)).collect();
        classify(&layout(), &paths)
    }

    fn content(paths: &[&str]) -> BTreeSet<PathBuf> {
        paths.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn editor_temp_files_and_backups_are_ignored() {
        let changes = classify_names(&[
            "content/2026/.rally.md.swp",
            "content/2026/rally.md~",
            "content/2026/#rally.md#",
            "content/2026/.#rally.md",
            "content/2026/4913",
            "content/2026/rally.md___jb_tmp___",
            "content/2026/rally.md.tmp",
            "content/2026/.goutputstream-XYZ123",
            "content/.DS_Store",
            "static/.style.css.swp",
            "templates/base.html~",
            "site.toml~",
        ]);
        assert!(changes.is_empty(), "{changes:?}");
        assert_eq!(changes.ignored.len(), 12);
    }

    #[test]
    fn an_atomic_save_is_the_saved_file() {
        // Write a hidden temp file, rename it over the article: the watcher reports both.
        let changes = classify_names(&["content/2026/.rally.md.tmp1234", "content/2026/rally.md"]);
        assert_eq!(changes.content, content(&["2026/rally.md"]));
        assert!(!changes.config && !changes.templates && !changes.rescan);
        // Vim without backupcopy: move the original away, write anew, delete the backup.
        let changes = classify_names(&[
            "content/2026/4913",
            "content/2026/rally.md~",
            "content/2026/rally.md",
        ]);
        assert_eq!(changes.content, content(&["2026/rally.md"]));
    }

    #[test]
    fn renames_report_both_names_and_folders_as_folders() {
        let changes = classify_names(&["content/2026/old.md", "content/2026/new.md"]);
        assert_eq!(changes.content, content(&["2026/old.md", "2026/new.md"]));
        let changes = classify_names(&["content/2026/10", "content/2026/october"]);
        assert_eq!(changes.content, content(&["2026/10", "2026/october"]));
        // content/ itself replaced: look at all of it.
        assert_eq!(classify_names(&["content"]).content, content(&[""]));
    }

    #[test]
    fn config_templates_and_the_theme_in_use_are_told_apart() {
        assert!(classify_names(&["site.toml"]).config);
        assert!(classify_names(&["templates/article.html"]).templates);
        assert!(classify_names(&["themes/briefing/templates/base.html"]).templates);
        assert!(classify_names(&["themes/briefing"]).templates);
        assert!(classify_names(&["themes/other/templates/base.html"]).is_empty());
        assert!(classify_names(&["archetypes/default.md"]).is_empty());
    }

    #[test]
    fn a_stylesheet_alone_can_be_swapped_without_a_reload() {
        let css = classify_names(&["static/style.css"]);
        assert!(css.stylesheets_only());
        assert!(classify_names(&["themes/briefing/static/style.css"]).stylesheets_only());
        let image = classify_names(&["static/chart.png"]);
        assert!(image.assets && !image.stylesheets_only());
        let mixed = classify_names(&["static/style.css", "content/a.md"]);
        assert!(mixed.stylesheets && !mixed.stylesheets_only());
    }

    #[test]
    fn the_output_and_other_files_outside_the_sources_are_ignored() {
        let changes = classify_names(&[
            "public/index.html",
            "public/2026/rally/index.html",
            ".git/index",
            "README.md",
        ]);
        assert!(changes.is_empty());
        let elsewhere = classify(&layout(), &[PathBuf::from("/elsewhere/site.toml")]);
        assert!(elsewhere.is_empty());
    }

    #[test]
    fn a_mixed_batch_keeps_every_meaning() {
        let changes = classify_names(&[
            "content/a.md",
            "content/.a.md.swp",
            "content/b.md",
            "content/b.md~",
            "site.toml",
            "templates/index.html",
            "static/fonts/x.woff2",
            "public/index.html",
        ]);
        assert_eq!(changes.content, content(&["a.md", "b.md"]));
        assert!(changes.config && changes.templates && changes.assets);
        assert!(!changes.stylesheets && !changes.rescan);
        assert_eq!(changes.ignored.len(), 3);
    }

    #[test]
    fn price_files_and_their_folders_are_prices_and_other_data_is_not() {
        for names in [
            &["data/prices/0981.HK.csv"][..],
            &["data/prices/.0981.HK.csv.tmp", "data/prices/0981.HK.csv"],
            &["data/prices/notes.txt"],
            &["data/prices"],
            &["data"],
        ] {
            let changes = classify_names(names);
            assert!(changes.prices, "{names:?}");
            assert!(changes.content.is_empty() && !changes.config && !changes.templates);
            assert!(!changes.is_empty() && !changes.stylesheets_only());
        }
        for ignored in [
            "data/prices/0981.HK.csv~",
            "data/prices/.0981.HK.csv.swp",
            "data/prices/#0981.HK.csv#",
            "data/other.json",
            "data/notes/a.csv",
        ] {
            assert!(classify_names(&[ignored]).is_empty(), "{ignored}");
        }
        assert!(ChangeSet::everything().prices);
    }

    #[test]
    fn a_burst_of_saves_of_one_file_is_one_change() {
        let names: Vec<&str> = std::iter::repeat_n("content/a.md", 300).collect();
        assert_eq!(classify_names(&names).content, content(&["a.md"]));
    }
}
