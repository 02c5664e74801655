//! The only writer of built sites, and only of brief's own files.
//!
//! Every file is rendered and staged before anything in the output changes, so a
//! failed build leaves the previous output exactly as it was. The output keeps a list
//! of the files brief built (`manifest`): brief replaces and removes only those, never
//! overwrites anything else (a built file whose place a writer's file takes is an
//! error naming it), and carries everything else (a deploy repository's `.git`,
//! `CNAME`, a folder of images) into the new site untouched.
//!
//! The new site is staged as a whole tree beside the output (unchanged files and the
//! writer's files hard-linked, so they keep their bytes and modification times) and
//! swapped in with one rename: killed at any instant, a build leaves the whole old site
//! or the whole new one (`swap`). Where no folder can be made beside the output (a
//! mount point, a parent brief may not write to), the output is updated in place, file
//! by file (`in_place`).

mod file;
mod in_place;
pub mod manifest;
mod previous;
mod stage;
mod swap;

use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Errors};
use crate::render::OutputFile;
pub use file::write_file;
use previous::Previous;
use stage::{Staged, Staging, kept_from_legacy};

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written with new bytes.
    pub written: usize,
    /// Files whose bytes were already there, kept as they were.
    pub unchanged: usize,
    /// Files of the previous output that this build no longer makes, removed.
    pub removed: usize,
    /// Files of an output built by an older brief (which kept no list of its files)
    /// that this build does not make: kept, since a writer may have added them.
    pub kept_from_older_brief: usize,
}

/// Makes `output` hold `files` beside whatever brief did not write there. Every
/// error is collected (each distinct one once) and, if there is any, the output is
/// left as it was.
pub fn write<F>(files: F, output: &Path) -> Result<WriteReport, Errors>
where
    F: ParallelIterator<Item = Result<OutputFile, Error>>,
{
    // An output that is a link to a folder is that folder: the swap replaces the
    // folder, not the link.
    let output = output
        .canonicalize()
        .unwrap_or_else(|_| output.to_path_buf());
    swap::recover(&output);
    let previous = Previous::scan(&output)?;
    if previous.exists && !output.is_dir() {
        return Err(Error::OutputNotAFolder { output }.into());
    }
    match make_staging(&output, &previous)? {
        Some(dir) => whole_tree(files, &output, &previous, dir),
        None => in_place::update(files, &output, &previous),
    }
}

/// The staging folder beside the output, or None where the output must be updated in
/// place: it is a mount point, holds one, or its parent may not be written to.
fn make_staging(output: &Path, previous: &Previous) -> Result<Option<PathBuf>, Error> {
    let staging = swap::staging_path(output);
    let parent = staging.parent().unwrap_or(Path::new("."));
    let device = |path: &Path| fs::metadata(path).map(|m| m.dev()).ok();
    if previous.mount_inside.is_some() || (previous.exists && device(output) != device(parent)) {
        return Ok(None);
    }
    let created = fs::create_dir_all(parent).and_then(|()| fs::create_dir(&staging));
    match created {
        Ok(()) => Ok(Some(staging)),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(stage::write_error(output, &staging, e)),
    }
}

/// Stages the whole new tree beside the output and swaps it in.
fn whole_tree<F>(
    files: F,
    output: &Path,
    previous: &Previous,
    dir: PathBuf,
) -> Result<WriteReport, Errors>
where
    F: ParallelIterator<Item = Result<OutputFile, Error>>,
{
    let staging = Staging {
        output,
        previous,
        dir,
        whole_tree: true,
    };
    let result = staging
        .stage(files)
        .and_then(|staged| finish_tree(&staging, &staged).map(|()| staged));
    let staged = match result {
        Ok(staged) => staged,
        Err(errors) => {
            let _ = fs::remove_dir_all(&staging.dir);
            return Err(errors);
        }
    };
    let built: HashSet<&Path> = staged.iter().map(Staged::path).collect();
    let written = staged
        .iter()
        .filter(|s| matches!(s, Staged::Written(_)))
        .count();
    let report = WriteReport {
        written,
        unchanged: staged.len() - written,
        removed: if previous.legacy {
            0
        } else {
            previous
                .ours
                .keys()
                .filter(|p| !built.contains(p.as_path()))
                .count()
        },
        kept_from_older_brief: if previous.legacy {
            kept_from_legacy(previous, &staged).len()
        } else {
            0
        },
    };
    if let Err(e) = swap::swap(&staging.dir, output) {
        let _ = fs::remove_dir_all(&staging.dir);
        return Err(stage::write_error(output, output, e).into());
    }
    Ok(report)
}

/// Completes the staged tree: the writer's files, the manifest, the output's permissions.
fn finish_tree(staging: &Staging, staged: &[Staged]) -> Result<(), Errors> {
    staging.carry_kept(staged)?;
    let manifest_path = staging.dir.join(manifest::NAME);
    let text = manifest::text(staged.iter().map(Staged::path));
    // Kept as it was when the set of files is the same, as every unchanged file is.
    let previous_manifest = staging.output.join(manifest::NAME);
    let same = fs::symlink_metadata(&previous_manifest).is_ok_and(|m| m.is_file())
        && fs::read(&previous_manifest).is_ok_and(|old| old == text.as_bytes());
    let result = if same {
        stage::link_or_copy(&previous_manifest, &manifest_path)
    } else {
        stage::write_new(&manifest_path, text.as_bytes())
    };
    result.map_err(|e| staging.write_error(&manifest_path, e))?;
    if let Ok(meta) = fs::metadata(staging.output) {
        fs::set_permissions(&staging.dir, meta.permissions())
            .map_err(|e| staging.write_error(&staging.dir, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use stage::is_inside;

    fn file(path: &str, text: &str) -> Result<OutputFile, Error> {
        Ok(OutputFile::bytes(
            PathBuf::from(path),
            text.as_bytes().to_vec(),
        ))
    }

    fn write_all(
        files: Vec<Result<OutputFile, Error>>,
        output: &Path,
    ) -> Result<WriteReport, Errors> {
        write(files.into_par_iter(), output)
    }

    #[test]
    fn a_rebuild_touches_only_what_changed_and_removes_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = vec![
            file("404.html", "missing"),
            file("sitemap.xml", "map"),
            file("a/index.html", "old"),
            file("gone/index.html", "bye"),
        ];
        write_all(first, &output).unwrap();
        let kept_mtime = fs::metadata(output.join("404.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = vec![
            file("404.html", "missing"),
            file("sitemap.xml", "map"),
            file("a/index.html", "new"),
        ];
        let report = write_all(second, &output).unwrap();
        assert_eq!(
            (report.written, report.unchanged, report.removed),
            (1, 2, 1)
        );
        assert_eq!(
            fs::read_to_string(output.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(
            !output.join("gone").exists(),
            "the folder left empty goes too"
        );
        let mtime = fs::metadata(output.join("404.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(mtime, kept_mtime);
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            leftovers,
            ["public"],
            "no staging folder is left beside the output"
        );
    }

    #[test]
    fn an_output_in_folders_that_do_not_exist_yet_is_made_with_them() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("dist/site/public");
        write_all(vec![file("index.html", "home")], &output).unwrap();
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "home"
        );
    }

    #[test]
    fn a_file_can_become_a_folder_and_back() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        write_all(
            vec![
                file("404.html", "x"),
                file("sitemap.xml", "x"),
                file("feed", "file"),
            ],
            &output,
        )
        .unwrap();
        write_all(
            vec![
                file("404.html", "x"),
                file("sitemap.xml", "x"),
                file("feed/index.html", "folder"),
            ],
            &output,
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(output.join("feed/index.html")).unwrap(),
            "folder"
        );
        write_all(
            vec![
                file("404.html", "x"),
                file("sitemap.xml", "x"),
                file("feed", "file again"),
            ],
            &output,
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(output.join("feed")).unwrap(),
            "file again"
        );
    }

    #[test]
    fn any_error_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        write_all(
            vec![
                file("404.html", "x"),
                file("sitemap.xml", "x"),
                file("a.html", "old"),
            ],
            &output,
        )
        .unwrap();
        let failing = vec![
            file("404.html", "x"),
            file("a.html", "new"),
            Err(Error::NoSiteConfig {
                root: PathBuf::from("x"),
            }),
        ];
        assert!(write_all(failing, &output).is_err());
        assert_eq!(fs::read_to_string(output.join("a.html")).unwrap(), "old");
        assert!(output.join("sitemap.xml").exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "the staging folder is gone"
        );
    }

    #[test]
    fn only_plain_relative_paths_stay_inside() {
        assert!(is_inside(Path::new("a/b/index.html")));
        assert!(!is_inside(Path::new("../x")));
        assert!(!is_inside(Path::new("/etc/passwd")));
        assert!(!is_inside(Path::new("a/../../x")));
        assert!(!is_inside(Path::new("")));
    }
}
