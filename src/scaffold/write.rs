//! The only way `new` and `init` put files on disk: a new file, inside the site's
//! folder, never over an existing one.
//!
//! Separate from `output`, which replaces a whole built folder at once; scaffolding
//! adds single files to a writer's own folders, where replacing anything would lose work.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// What became of a file `create` was asked to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    Written,
    /// A file was already there; it was left as it was.
    AlreadyThere,
}

/// Writes `bytes` to `root/relative`, creating folders as needed, unless a file is
/// already there. `relative` must stay inside `root`.
pub fn create(root: &Path, relative: &Path, bytes: &[u8]) -> Result<Created, Error> {
    let path = root.join(relative);
    let inside = relative.components().next().is_some()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        return Err(Error::UnsafeOutput {
            output: path,
            protected: root.to_path_buf(),
        });
    }
    let write_error = |path: PathBuf| move |source| Error::Write { path, source };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(write_error(parent.to_path_buf()))?;
    }
    // create_new fails if anything is there, atomically: no window between a check and
    // the write in which another program's file could be replaced.
    let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return Ok(Created::AlreadyThere),
        Err(e) => return Err(write_error(path)(e)),
    };
    // A file cut short (a full disk) would block the retry and break the build: it goes.
    if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = fs::remove_file(&path);
        return Err(write_error(path)(e));
    }
    Ok(Created::Written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = Path::new("content/2026/10/a.md");
        assert_eq!(
            create(dir.path(), path, b"first").unwrap(),
            Created::Written
        );
        assert_eq!(
            create(dir.path(), path, b"second").unwrap(),
            Created::AlreadyThere
        );
        assert_eq!(fs::read(dir.path().join(path)).unwrap(), b"first");
    }

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        for path in ["../escape.md", "/etc/passwd", "", "a/../../b.md"] {
            assert!(create(&site, Path::new(path), b"x").is_err(), "{path}");
        }
        assert!(!dir.path().join("escape.md").exists());
    }
}
