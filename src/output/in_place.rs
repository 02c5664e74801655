//! The update in place, for an output folder that cannot be swapped: a mount point, or
//! a folder whose parent brief may not write to (a web server's document root).
//!
//! The same rules hold as for a swap (files brief did not write are never touched or
//! overwritten, nothing is written through a link, every file is staged before any is
//! moved, so a failed build changes nothing), but the staging folder is inside the
//! output and the files are moved in one by one: each file is replaced whole, yet a
//! build killed while moving leaves old and new files side by side until the next
//! build. The manifest lists the files of both builds while they are moved, so that
//! next build still knows every file brief wrote.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::previous::{IN_PLACE_STAGING, Previous};
use super::stage::{Staged, Staging, kept_from_legacy};
use super::{WriteReport, manifest, swap};
use crate::error::{Error, Errors};
use crate::render::OutputFile;

/// Updates `output` file by file.
pub fn update<F>(files: F, output: &Path, previous: &Previous) -> Result<WriteReport, Errors>
where
    F: ParallelIterator<Item = Result<OutputFile, Error>>,
{
    for leftover in &previous.leftovers {
        let pid = leftover
            .file_name()
            .and_then(|n| n.to_str()?.rsplit('-').next()?.parse().ok());
        if pid.is_some_and(|pid| !swap::is_running(pid)) {
            let _ = fs::remove_dir_all(leftover).or_else(|_| fs::remove_file(leftover));
        }
    }
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |e| super::stage::write_error(output, &path, e)
    };
    fs::create_dir_all(output).map_err(write_error(output))?;
    let staging = Staging {
        output,
        previous,
        dir: output.join(format!("{IN_PLACE_STAGING}{}", std::process::id())),
        whole_tree: false,
    };
    fs::create_dir(&staging.dir).map_err(write_error(&staging.dir))?;
    let staged = match staging.stage(files) {
        Ok(staged) => staged,
        Err(errors) => {
            let _ = fs::remove_dir_all(&staging.dir);
            return Err(errors);
        }
    };
    let built: HashSet<&Path> = staged.iter().map(Staged::path).collect();
    let kept_from_older_brief = if previous.legacy {
        kept_from_legacy(previous, &staged).len()
    } else {
        0
    };
    // An older brief's files are not listed: those this build does not make are kept
    // as a writer's, so a build killed while moving must not list them as brief's.
    let listed_before = previous.ours.keys().filter(|_| !previous.legacy);
    let both = built
        .iter()
        .copied()
        .chain(listed_before.map(PathBuf::as_path));
    let result = write_manifest(output, both)
        .and_then(|()| move_all(&staging.dir, output, &staged))
        .and_then(|()| {
            let removed = remove_stale(output, previous, &built);
            write_manifest(output, built.iter().copied()).map(|()| removed)
        });
    let _ = fs::remove_dir_all(&staging.dir);
    let removed = result?;
    let written = staged
        .iter()
        .filter(|s| matches!(s, Staged::Written(_)))
        .count();
    Ok(WriteReport {
        written,
        unchanged: staged.len() - written,
        removed,
        kept_from_older_brief,
    })
}

/// Moves every staged file to its place; an error part-way says how far it got.
fn move_all(staging: &Path, output: &Path, staged: &[Staged]) -> Result<(), Errors> {
    let written: Vec<&Path> = staged
        .iter()
        .filter_map(|s| match s {
            Staged::Written(path) => Some(path.as_path()),
            Staged::Unchanged(_) => None,
        })
        .collect();
    for (moved, path) in written.iter().enumerate() {
        if let Err(e) = move_in(&staging.join(path), output, path) {
            return Err(Errors(vec![
                e,
                Error::OutputPartlyUpdated {
                    output: output.to_path_buf(),
                    replaced: moved,
                    total: written.len(),
                },
            ]));
        }
    }
    Ok(())
}

/// Renames a staged file over its place. What stands in the way (a file where a
/// folder now goes, a folder where a file now goes) is brief's own: a writer's file
/// there was an error before anything moved.
fn move_in(staged: &Path, output: &Path, relative: &Path) -> Result<(), Error> {
    let target = output.join(relative);
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |e| super::stage::write_error(output, &path, e)
    };
    let mut folders: Vec<&Path> = relative
        .ancestors()
        .skip(1)
        .filter(|f| !f.as_os_str().is_empty())
        .collect();
    folders.reverse();
    for folder in folders {
        let path = output.join(folder);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => fs::remove_file(&path).map_err(write_error(&path))?,
            Err(_) => {}
        }
        match fs::create_dir(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                return Err(write_error(&path)(e));
            }
            _ => {}
        }
    }
    if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(&target).map_err(write_error(&target))?;
    }
    fs::rename(staged, &target).map_err(write_error(&target))
}

/// Removes brief's files that this build no longer makes, and the folders they leave
/// empty. An older brief's files are kept: which of them a writer added is not known.
fn remove_stale(output: &Path, previous: &Previous, built: &HashSet<&Path>) -> usize {
    if previous.legacy {
        return 0;
    }
    let mut removed = 0;
    for path in previous
        .ours
        .keys()
        .filter(|p| !built.contains(p.as_path()))
    {
        let file = output.join(path);
        if fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) && fs::remove_file(&file).is_ok()
        {
            removed += 1;
            for folder in path.ancestors().skip(1) {
                if folder.as_os_str().is_empty() || fs::remove_dir(output.join(folder)).is_err() {
                    break;
                }
            }
        }
    }
    removed
}

/// Replaces the manifest in one rename, so it is never seen half-written.
fn write_manifest<'a>(
    output: &Path,
    paths: impl IntoIterator<Item = &'a Path>,
) -> Result<(), Errors> {
    let unique: HashSet<&Path> = paths.into_iter().collect();
    let text = manifest::text(unique);
    let temporary = output.join(format!("{IN_PLACE_STAGING}manifest-{}", std::process::id()));
    let _ = fs::remove_file(&temporary);
    let result = super::stage::write_new(&temporary, text.as_bytes())
        .and_then(|()| fs::rename(&temporary, output.join(manifest::NAME)));
    result.map_err(|e| {
        let _ = fs::remove_file(&temporary);
        Errors::from(super::stage::write_error(
            output,
            &output.join(manifest::NAME),
            e,
        ))
    })
}
