//! Staging: every built file goes into a folder of brief's own before anything in the
//! output changes. New and changed files are written there; unchanged ones are hard
//! links to the output's (same bytes, same modification time, no copy); and for a
//! whole new tree, everything brief did not write is linked in too, so the new tree is
//! the complete site to swap in.
//!
//! A file copied into the site (a static file, a bundle's picture, a resized copy from
//! the image cache) keeps its source's modification time, and one whose length and
//! time (its `files::Stamp`) match the output's is taken as unchanged without reading
//! either, as rsync does.
//!
//! Nothing is ever opened for writing outside the staging folder, which brief created
//! and which holds no link of anyone else's while files are written into it.

use std::collections::BTreeMap;
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::previous::Previous;
use crate::error::{Error, Errors};
use crate::files::Stamp;
use crate::render::{Contents, DistinctErrors, OutputFile};

/// What became of one built file.
pub enum Staged {
    /// Same bytes as brief's file in the output.
    Unchanged(PathBuf),
    /// New bytes, written into the staging folder.
    Written(PathBuf),
}

impl Staged {
    pub fn path(&self) -> &Path {
        match self {
            Staged::Unchanged(path) | Staged::Written(path) => path,
        }
    }
}

/// A staging folder for one build.
pub struct Staging<'a> {
    pub output: &'a Path,
    pub previous: &'a Previous,
    pub dir: PathBuf,
    /// Link unchanged files into the staging folder (a whole new tree, swapped in at
    /// once) rather than leaving them where they are (an update in place).
    pub whole_tree: bool,
}

impl Staging<'_> {
    /// Renders every file and stages it, so only the pages being rendered at the moment
    /// are in memory. After the first failed write no more are attempted: a full disk
    /// is one error, not one per file.
    pub fn stage<F>(&self, files: F) -> Result<Vec<Staged>, Errors>
    where
        F: ParallelIterator<Item = Result<OutputFile, Error>>,
    {
        let failed = AtomicBool::new(false);
        let outcomes: Vec<Result<Option<Staged>, Error>> = files
            .map(|file| {
                let file = file?;
                self.check_place(&file.path)?;
                if failed.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                self.place(file).map(Some).inspect_err(|e| {
                    if matches!(e, Error::Write { .. } | Error::DiskFull { .. }) {
                        failed.store(true, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        let mut staged = Vec::with_capacity(outcomes.len());
        let mut errors = DistinctErrors::default();
        // A writer's file in the way of many built files (a folder of pages) is named
        // once, with the first of them.
        let mut taken: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
        for outcome in outcomes {
            match outcome {
                Ok(Some(file)) => staged.push(file),
                Ok(None) => {}
                Err(Error::OutputTaken { path, built }) => {
                    let first = taken.entry(path).or_insert_with(|| built.clone());
                    if built < *first {
                        *first = built;
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        for (path, built) in taken {
            errors.push(Error::OutputTaken { path, built });
        }
        errors.into_errors().into_result(staged)
    }

    /// A built file must stay inside the output and may not replace a writer's file.
    fn check_place(&self, path: &Path) -> Result<(), Error> {
        if !is_inside(path) || path.as_os_str() == super::manifest::NAME {
            return Err(Error::UnsafeOutput {
                output: self.output.join(path),
                protected: self.output.to_path_buf(),
            });
        }
        match self.previous.taken_by(path) {
            Some(taken) => Err(Error::OutputTaken {
                path: self.output.join(taken),
                built: path.to_path_buf(),
            }),
            None => Ok(()),
        }
    }

    fn place(&self, file: OutputFile) -> Result<Staged, Error> {
        let previous = self.output.join(&file.path);
        let target = self.dir.join(&file.path);
        let built = self.previous.ours.get(&file.path).copied().flatten();
        match file.contents {
            Contents::Bytes(bytes) => {
                let same_size = built.is_some_and(|b| b.len == bytes.len() as u64);
                if same_size && fs::read(&previous).is_ok_and(|old| old == bytes) {
                    return self.keep(&previous, &target, file.path);
                }
                self.create_parent(&target)?;
                write_new(&target, &bytes).map_err(|e| self.write_error(&target, e))?;
            }
            Contents::Copy(source) => {
                let read_error = |source_error| Error::Read {
                    path: crate::files::shown(&source).to_path_buf(),
                    source: source_error,
                };
                let mut from = open_unfollowed(&source).map_err(read_error)?;
                let meta = from.metadata().map_err(read_error)?;
                let now = Stamp::of(&meta);
                // A copy carries its source's modification time, so the same length
                // and time say the output has it already (rsync's quick check): an
                // unchanged picture is not read at all.
                if now.is_some() && built == now {
                    return self.keep(&previous, &target, file.path);
                }
                let modified = now.map(|n| n.modified);
                self.create_parent(&target)?;
                // Otherwise the bytes say: an output whose times were changed (a
                // deploy tool, a restore) keeps the files that are the same.
                if built.is_some_and(|b| b.len == meta.len()) {
                    let mut bytes = Vec::new();
                    std::io::Read::read_to_end(&mut from, &mut bytes).map_err(read_error)?;
                    if fs::read(&previous).is_ok_and(|old| old == bytes) {
                        return self.keep(&previous, &target, file.path);
                    }
                    write_new(&target, &bytes)
                        .and_then(|()| fs::File::options().write(true).open(&target))
                        .and_then(|written| set_time(&written, modified))
                        .map_err(|e| self.write_error(&target, e))?;
                } else {
                    copy_new(&mut from, &target, modified)
                        .map_err(|e| self.write_error(&target, e))?;
                }
            }
        }
        Ok(Staged::Written(file.path))
    }

    /// The output's file stays: linked into a whole new tree, left where it is for an
    /// update in place.
    fn keep(&self, previous: &Path, target: &Path, path: PathBuf) -> Result<Staged, Error> {
        if self.whole_tree {
            self.create_parent(target)?;
            link_or_copy(previous, target).map_err(|e| self.write_error(target, e))?;
        }
        Ok(Staged::Unchanged(path))
    }

    fn create_parent(&self, target: &Path) -> Result<(), Error> {
        match target.parent() {
            Some(folder) => fs::create_dir_all(folder).map_err(|e| self.write_error(folder, e)),
            None => Ok(()),
        }
    }

    /// Links into the staging folder everything of the output that the new tree must
    /// keep: whatever brief did not write, and an older brief's files that this build
    /// does not make.
    pub fn carry_kept(&self, staged: &[Staged]) -> Result<(), Error> {
        for path in self.previous.foreign.keys() {
            self.carry(path)?;
        }
        if self.previous.legacy {
            for path in kept_from_legacy(self.previous, staged) {
                self.carry(&path)?;
            }
        }
        Ok(())
    }

    fn carry(&self, relative: &Path) -> Result<(), Error> {
        let from = self.output.join(relative);
        let to = self.dir.join(relative);
        self.create_parent(&to)?;
        let mut folders = Vec::new();
        // A link is carried as a link: never followed, even at the top.
        for entry in WalkDir::new(&from).follow_root_links(false) {
            let entry = entry.map_err(|e| Error::Read {
                path: e.path().unwrap_or(&from).to_path_buf(),
                source: e.into(),
            })?;
            let target = match entry.path().strip_prefix(&from) {
                Ok(inner) if !inner.as_os_str().is_empty() => to.join(inner),
                _ => to.clone(),
            };
            if entry.file_type().is_dir() {
                match fs::create_dir(&target) {
                    Err(e) if e.kind() != ErrorKind::AlreadyExists => {
                        return Err(self.write_error(&target, e));
                    }
                    _ => {}
                }
                folders.push((entry.into_path(), target));
            } else {
                link_or_copy(entry.path(), &target).map_err(|e| self.write_error(&target, e))?;
            }
        }
        // Deepest first, once their contents are in, so nothing changes them again.
        for (from, to) in folders.into_iter().rev() {
            copy_folder_attributes(&from, &to).map_err(|e| self.write_error(&to, e))?;
        }
        Ok(())
    }

    pub fn write_error(&self, path: &Path, source: std::io::Error) -> Error {
        write_error(self.output, path, source)
    }
}

/// A writer's file opened for reading, refusing a symbolic link: what is copied into
/// the site is the writer's file under content/, never what a link there leads to.
fn open_unfollowed(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// Gives a file just written its source's modification time, where it has one.
fn set_time(file: &fs::File, modified: Option<SystemTime>) -> std::io::Result<()> {
    match modified {
        Some(time) => file.set_modified(time),
        None => Ok(()),
    }
}

/// Copies `from` into a file that must not exist yet, with `from`'s modification
/// time; the copy is the kernel's (`io::copy` between two files), so the bytes never
/// pass through brief. A failed copy is removed, as `write_new` does.
fn copy_new(from: &mut fs::File, path: &Path, modified: Option<SystemTime>) -> std::io::Result<()> {
    let mut file = fs::File::create_new(path)?;
    std::io::copy(from, &mut file)
        .and_then(|_| set_time(&file, modified))
        .inspect_err(|_| {
            let _ = fs::remove_file(path);
        })
}

/// True when a relative path stays inside the folder it is joined to.
pub fn is_inside(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.components().next().is_some()
}

/// An older brief's files that this build does not make: kept, since a writer may
/// have added them.
pub fn kept_from_legacy(previous: &Previous, staged: &[Staged]) -> Vec<PathBuf> {
    let built: std::collections::HashSet<&Path> = staged.iter().map(Staged::path).collect();
    let mut kept: Vec<PathBuf> = previous
        .ours
        .keys()
        .filter(|path| !built.contains(path.as_path()))
        .cloned()
        .collect();
    kept.sort();
    kept
}

/// A failed write, as one error for the whole build when the disk is full.
pub fn write_error(output: &Path, path: &Path, source: std::io::Error) -> Error {
    match source.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Error::DiskFull {
            output: output.to_path_buf(),
            source,
        },
        _ => Error::Write {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Writes a file that must not exist yet, removing it again if the write fails, so a
/// full disk leaves no empty or cut-off file behind.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::File::create_new(path)?;
    file.write_all(bytes).inspect_err(|_| {
        let _ = fs::remove_file(path);
    })
}

/// A hard link, so the file keeps its bytes, modification time and identity; a copy
/// with the same modification time and permissions where a link is not allowed (a
/// file owned by someone else on a system that protects hard links).
pub fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(e) if matches!(e.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded) => Err(e),
        Err(e) => {
            let meta = fs::symlink_metadata(from)?;
            if meta.file_type().is_symlink() {
                std::os::unix::fs::symlink(fs::read_link(from)?, to)
            } else if meta.file_type().is_file() {
                fs::copy(from, to)?;
                fs::File::options()
                    .write(true)
                    .open(to)?
                    .set_modified(meta.modified()?)
            } else {
                Err(e)
            }
        }
    }
}

/// A folder carried into the new tree keeps its permissions and modification time.
fn copy_folder_attributes(from: &Path, to: &Path) -> std::io::Result<()> {
    let meta = fs::metadata(from)?;
    fs::set_permissions(to, meta.permissions())?;
    fs::File::open(to)?.set_modified(meta.modified()?)
}
