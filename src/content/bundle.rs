//! Page bundles: a folder whose `index.md` is an article is that article's bundle, and
//! every other file in it and in its sub-folders (a chart, a PDF, a data file) is
//! published beside the article, under its URL, with its name as written, so the
//! article's Markdown reaches them by relative path (`![chart](chart.png)`).
//!
//! Lists the files of a bundle and nothing else; where they are published is the
//! model's business, and copying them the output's.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Skip;
use crate::files;

/// The file that makes a folder a bundle.
pub const INDEX: &str = crate::urls::BUNDLE_INDEX;

/// True for the `index.md` of a folder under content/ (`2025/10/rally/index.md`);
/// `content/index.md` itself is an article like any other, not a bundle of content/.
pub fn is_index(source: &Path) -> bool {
    source.file_name().is_some_and(|name| name == INDEX)
        && source
            .parent()
            .is_some_and(|folder| !folder.as_os_str().is_empty())
}

/// The files of one bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Paths relative to the bundle's folder, `/`-separated, in a stable order.
    pub files: Vec<String>,
    /// Files that would be published but cannot be (a symbolic link, a name that is
    /// not UTF-8), relative to content/, each for a warning.
    pub skipped: Vec<(PathBuf, Skip)>,
}

/// The files beside the bundle index `source` (relative to `content_dir`). Markdown
/// files are articles of their own, hidden files and editors' leftovers are nobody's,
/// and a sub-folder with its own `index.md` is a bundle of its own.
pub fn list(content_dir: &Path, source: &Path) -> Listing {
    let mut listing = Listing::default();
    let Some(folder) = source.parent() else {
        return listing;
    };
    let dir = content_dir.join(folder);
    let mut walker = WalkDir::new(&dir).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let Ok(entry) = entry else { continue };
        if entry.depth() == 0 {
            continue;
        }
        let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let is_dir = entry.file_type().is_dir();
        let Some(name) = entry.file_name().to_str() else {
            // Folders and Markdown files with such names are reported by `discover`.
            let bytes = entry.file_name().as_encoded_bytes();
            if !is_dir && !bytes.starts_with(b".") && !bytes.ends_with(b".md") {
                listing
                    .skipped
                    .push((folder.join(relative), Skip::NameNotUtf8));
            }
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        };
        if name.starts_with('.') || files::is_editor_leftover(name) {
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            // A link to a folder is reported by `discover`, which skips it too.
            if !entry.path().is_dir() && !name.ends_with(".md") {
                listing.skipped.push((folder.join(relative), Skip::Symlink));
            }
            continue;
        }
        if is_dir {
            if entry.path().join(INDEX).is_file() {
                walker.skip_current_dir();
            }
            continue;
        }
        if name.ends_with(".md") {
            continue;
        }
        if let Some(path) = relative.to_str() {
            listing.files.push(path.replace('\\', "/"));
        }
    }
    listing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_index_of_a_folder_makes_a_bundle() {
        assert!(is_index(Path::new("2025/10/rally/index.md")));
        assert!(!is_index(Path::new("index.md")));
        assert!(!is_index(Path::new("2025/10/rally.md")));
    }

    #[test]
    fn a_bundle_lists_its_files_but_not_articles_leftovers_or_inner_bundles() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        };
        for path in [
            "rally/index.md",
            "rally/chart.png",
            "rally/notes.md",
            "rally/chart.png~",
            "rally/.hidden",
            "rally/data/prices.csv",
            "rally/inner/index.md",
            "rally/inner/photo.jpg",
        ] {
            write(path);
        }
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("rally/out.txt")).unwrap();
        let listing = list(dir.path(), Path::new("rally/index.md"));
        assert_eq!(listing.files, ["chart.png", "data/prices.csv"]);
        assert_eq!(
            listing.skipped,
            [(PathBuf::from("rally/out.txt"), Skip::Symlink)]
        );
        let inner = list(dir.path(), Path::new("rally/inner/index.md"));
        assert_eq!(inner.files, ["photo.jpg"]);
    }
}
