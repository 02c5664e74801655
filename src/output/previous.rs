//! What the output folder holds before a build: brief's own files (those its manifest
//! lists) and everything else, which brief keeps as it is and never overwrites.
//!
//! The folder is walked without following symbolic links, so a link inside the output
//! is an entry like any other (kept, never read through), and a file counts as brief's
//! only while it is still the plain file brief wrote.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::manifest;
use crate::error::Error;
use crate::files::Stamp;

/// A file in-place builds stage in, inside the output: `.brief-staging-<pid>`.
pub const IN_PLACE_STAGING: &str = ".brief-staging-";

/// The files every output of brief before the manifest had: with both present and no
/// manifest, the folder is an older brief's output.
const OLD_SIGNATURE: [&str; 2] = ["404.html", "sitemap.xml"];

/// What the output folder held before this build.
#[derive(Debug, Default)]
pub struct Previous {
    pub exists: bool,
    /// brief's own files, by path relative to the output, with their lengths and times
    /// (None for a file that could not be looked at, which is then always rewritten).
    pub ours: HashMap<PathBuf, Option<Stamp>>,
    /// Everything else: each entry brief keeps whole (a file, a link, or a folder that
    /// holds nothing of brief's), and whether it is a folder.
    pub foreign: BTreeMap<PathBuf, bool>,
    /// Folders that hold foreign entries, each with one of them, to name in errors.
    holds_foreign: HashMap<PathBuf, PathBuf>,
    /// Built by a brief that kept no manifest: its files are brief's when this build
    /// makes them again, and kept otherwise, since which of them a writer added cannot
    /// be known.
    pub legacy: bool,
    /// A folder inside the output that is on another file system (a mount point): such
    /// a folder cannot be carried into a new tree by hard links.
    pub mount_inside: Option<PathBuf>,
    /// What a killed in-place build left inside the output.
    pub leftovers: Vec<PathBuf>,
}

impl Previous {
    /// Reads the output folder, which must be a real folder or absent.
    pub fn scan(output: &Path) -> Result<Previous, Error> {
        let read_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Read { path, source }
        };
        let meta = match fs::symlink_metadata(output) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Previous::default()),
            Err(e) => return Err(read_error(output)(e)),
        };
        let mut previous = Previous {
            exists: true,
            ..Previous::default()
        };
        let listed = match fs::read_to_string(output.join(manifest::NAME)) {
            Ok(text) if is_plain_file(&output.join(manifest::NAME)) => manifest::parse(&text),
            _ => {
                previous.legacy = OLD_SIGNATURE
                    .iter()
                    .all(|name| is_plain_file(&output.join(name)));
                HashSet::new()
            }
        };
        let folders_of_ours: HashSet<&Path> = listed
            .iter()
            .flat_map(|path| path.ancestors().skip(1))
            .collect();
        let mut walk = WalkDir::new(output).min_depth(1).into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(|e| Error::Read {
                path: e.path().unwrap_or(output).to_path_buf(),
                source: e.into(),
            })?;
            let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
            let name = entry.file_name().to_string_lossy();
            if entry.depth() == 1 && (name == manifest::NAME || name.starts_with(IN_PLACE_STAGING))
            {
                if name != manifest::NAME {
                    previous.leftovers.push(entry.path().to_path_buf());
                }
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            if entry.file_type().is_dir() {
                let dev = entry.metadata().map_err(|e| Error::Read {
                    path: entry.path().to_path_buf(),
                    source: e.into(),
                })?;
                if dev.dev() != meta.dev() && previous.mount_inside.is_none() {
                    previous.mount_inside = Some(entry.path().to_path_buf());
                }
                if !previous.legacy && !folders_of_ours.contains(relative) {
                    previous.foreign.insert(relative.to_path_buf(), true);
                    walk.skip_current_dir();
                }
            } else if entry.file_type().is_file() && (previous.legacy || listed.contains(relative))
            {
                let stamp = entry.metadata().ok().and_then(|m| Stamp::of(&m));
                previous.ours.insert(relative.to_path_buf(), stamp);
            } else {
                previous.foreign.insert(relative.to_path_buf(), false);
            }
        }
        for path in previous.foreign.keys() {
            for folder in path.ancestors().skip(1) {
                if folder.as_os_str().is_empty() {
                    break;
                }
                previous
                    .holds_foreign
                    .entry(folder.to_path_buf())
                    .or_insert_with(|| path.clone());
            }
        }
        Ok(previous)
    }

    /// The entry brief did not write that stands where the build would put `path` (the
    /// same path, a file where a folder of it goes, or a folder holding writers' files
    /// where the file goes), relative to the output.
    pub fn taken_by(&self, path: &Path) -> Option<&Path> {
        if let Some((found, _)) = self.foreign.get_key_value(path) {
            return Some(found);
        }
        for folder in path.ancestors().skip(1) {
            if let Some((found, &false)) = self.foreign.get_key_value(folder) {
                return Some(found);
            }
        }
        self.holds_foreign.get(path).map(PathBuf::as_path)
    }
}

/// A regular file, not a link to one.
fn is_plain_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}
