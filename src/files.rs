//! The writer's files by name: where site.toml and content/ are, how a path is shown
//! back to the writer, and bytes read as UTF-8 with the first invalid byte located.
//! A leaf: every stage may use it, and it uses only the error vocabulary.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::{Error, Location};

/// The file that makes a folder a site.
pub const SITE_TOML: &str = "site.toml";

/// The folder of articles under the site's root.
pub const CONTENT: &str = "content";

/// The folder of price files under the site's root: `<ticker>.csv`, one per listing.
pub const PRICES: &str = "data/prices";

/// A path as the writer reads it: `./content/a.md` is `content/a.md`, because the
/// binary runs with the site as `.` and the writer never typed the `./`.
pub fn shown(path: &Path) -> &Path {
    path.strip_prefix("./").unwrap_or(path)
}

/// The file of the article at `source` (relative to content/), as the writer knows it.
pub fn content_file(root: &Path, source: &Path) -> PathBuf {
    shown(&root.join(CONTENT).join(source)).to_path_buf()
}

/// Decodes a file's bytes, or says where the first invalid byte is.
pub fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Error::NotUtf8 {
            location: Location::from_offset(path, &before, before.len(), 1),
        }
    })
}

/// A fingerprint of a file's bytes, to tell a save that changed nothing from one
/// that did without keeping the old bytes.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// A file's length and modification time, as `stat` gives them: what says, without
/// reading it, that a file is the one seen before (as rsync judges files). Only other
/// bytes of the same length given the very same time, to the nanosecond, would pass
/// for the same file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified: SystemTime,
}

impl Stamp {
    /// None where the system gives no modification time: such a file is always read.
    pub fn of(metadata: &std::fs::Metadata) -> Option<Stamp> {
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok()?,
        })
    }
}

/// Files editors write beside the real one while saving: backups, swap files,
/// autosaves, locks, and the temp files of atomic saves that are not hidden. Never
/// the writer's own, so never content, a bundle's file or a reason to rebuild.
pub fn is_editor_leftover(name: &str) -> bool {
    const SUFFIXES: [&str; 10] = [
        "~",
        ".swp",
        ".swo",
        ".swx",
        ".tmp",
        ".bak",
        ".kate-swp",
        "___jb_tmp___",
        "___jb_old___",
        ".crswap",
    ];
    name == "4913" // Vim checks it may create files with this name
        || name.starts_with('#')
        || name.starts_with(".#")
        || SUFFIXES.iter().any(|s| name.ends_with(s))
        || name.starts_with(".goutputstream-") // GNOME
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_dot_folder_is_not_shown() {
        assert_eq!(shown(Path::new("./site.toml")), Path::new("site.toml"));
        assert_eq!(
            shown(Path::new("/srv/site.toml")),
            Path::new("/srv/site.toml")
        );
        assert_eq!(
            content_file(Path::new("."), Path::new("2026/a.md")),
            Path::new("content/2026/a.md")
        );
    }

    #[test]
    fn an_invalid_byte_is_located_on_its_line() {
        let error = decode_utf8(Path::new("a.md"), b"ok\nab\xffc".to_vec()).unwrap_err();
        let location = error.location().unwrap();
        assert_eq!((location.line, location.column), (2, 3));
    }
}
