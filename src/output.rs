//! The only writer of built sites. Every file is rendered and compared with the
//! previous output before anything in the output changes: new and changed files go
//! into a staging folder beside the output, and only once every file has succeeded are
//! they moved in and the files no longer built removed. A failed build leaves the
//! previous output exactly as it was; a first build is one rename of the staging
//! folder. Files whose bytes did not change are never touched, so they keep their
//! modification times, deploys that sync by time or content send nothing, and an
//! unchanged rebuild writes nothing at all.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Error, Errors};
use crate::render::{DistinctErrors, OutputFile};

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written with new bytes.
    pub written: usize,
    /// Files whose bytes were already there, kept as they were.
    pub unchanged: usize,
    /// Files of the previous output that this build no longer makes, removed.
    pub removed: usize,
}

/// Files every brief output has; a non-empty folder without them is not ours to replace.
const SIGNATURE_FILES: [&str; 2] = ["404.html", "sitemap.xml"];

/// What became of one file while staging.
enum Staged {
    /// Same bytes as in the previous output.
    Unchanged(PathBuf),
    /// Written into the staging folder.
    Written(PathBuf),
}

/// Makes `output` hold exactly `files`. Every error is collected (each distinct one
/// once) and, if there is any, the output is left as it was.
pub fn write<F>(files: F, output: &Path) -> Result<WriteReport, Errors>
where
    F: ParallelIterator<Item = Result<OutputFile, Error>>,
{
    refuse_foreign(output)?;
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.brief-new-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(write_error(&staging))?;
    }
    fs::create_dir_all(&staging).map_err(write_error(&staging))?;
    let staged = match stage(files, output, &staging) {
        Ok(staged) => staged,
        Err(errors) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(errors);
        }
    };
    let result = apply(&staged, output, &staging);
    let _ = fs::remove_dir_all(&staging);
    result.map_err(Errors::from)
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Write { path, source }
}

/// Renders every file and writes the new and changed ones into `staging`, so only the
/// pages being rendered at the moment are in memory.
fn stage<F>(files: F, output: &Path, staging: &Path) -> Result<Vec<Staged>, Errors>
where
    F: ParallelIterator<Item = Result<OutputFile, Error>>,
{
    let outcomes: Vec<Result<Staged, Error>> =
        files.map(|file| place(file?, output, staging)).collect();
    let mut staged = Vec::with_capacity(outcomes.len());
    let mut errors = DistinctErrors::default();
    for outcome in outcomes {
        match outcome {
            Ok(file) => staged.push(file),
            Err(e) => errors.push(e),
        }
    }
    errors.into_errors().into_result(staged)
}

fn place(file: OutputFile, output: &Path, staging: &Path) -> Result<Staged, Error> {
    if !is_inside(&file.path) {
        return Err(Error::UnsafeOutput {
            output: output.join(&file.path),
            protected: output.to_path_buf(),
        });
    }
    if unchanged(&output.join(&file.path), &file.bytes) {
        return Ok(Staged::Unchanged(file.path));
    }
    let target = staging.join(&file.path);
    if let Some(folder) = target.parent() {
        fs::create_dir_all(folder).map_err(write_error(folder))?;
    }
    fs::write(&target, &file.bytes).map_err(write_error(&target))?;
    Ok(Staged::Written(file.path))
}

/// Moves the staged files into the output and removes what the build no longer makes.
/// Reached only when every file has been rendered and staged.
fn apply(staged: &[Staged], output: &Path, staging: &Path) -> Result<WriteReport, Error> {
    let mut report = WriteReport::default();
    for file in staged {
        match file {
            Staged::Unchanged(_) => report.unchanged += 1,
            Staged::Written(_) => report.written += 1,
        }
    }
    if !output.exists() {
        fs::rename(staging, output).map_err(write_error(output))?;
        return Ok(report);
    }
    staged.par_iter().try_for_each(|file| match file {
        Staged::Written(path) => move_in(&staging.join(path), &output.join(path)),
        Staged::Unchanged(_) => Ok(()),
    })?;
    let built: HashSet<&Path> = staged
        .iter()
        .map(|file| match file {
            Staged::Unchanged(path) | Staged::Written(path) => path.as_path(),
        })
        .collect();
    report.removed = remove_stale(output, &built)?;
    Ok(report)
}

/// Renames a staged file over its place in the output: each file is replaced whole,
/// never seen half-written. Whatever stands in the way (a folder where a file now
/// goes, or a file where a folder now goes) is from an older build and goes.
fn move_in(staged: &Path, target: &Path) -> Result<(), Error> {
    if let Some(folder) = target.parent() {
        if folder.is_file() {
            fs::remove_file(folder).map_err(write_error(folder))?;
        }
        fs::create_dir_all(folder).map_err(write_error(folder))?;
    }
    if target.is_dir() {
        fs::remove_dir_all(target).map_err(write_error(target))?;
    }
    fs::rename(staged, target).map_err(write_error(target))
}

/// Removes files of the output that this build did not make, and folders left empty.
fn remove_stale(output: &Path, built: &HashSet<&Path>) -> Result<usize, Error> {
    let mut removed = 0;
    let mut folders = Vec::new();
    for entry in WalkDir::new(output).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| Error::Write {
            path: e.path().unwrap_or(output).to_path_buf(),
            source: e.into(),
        })?;
        let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if !built.contains(relative) {
            fs::remove_file(entry.path()).map_err(write_error(entry.path()))?;
            removed += 1;
        }
    }
    for folder in folders {
        // Only empty folders go; a folder that still holds built files stays.
        let _ = fs::remove_dir(folder);
    }
    Ok(removed)
}

fn unchanged(previous: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(previous) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(previous).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// True when a relative path stays inside the folder it is joined to.
fn is_inside(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.components().next().is_some()
}

/// Refuses to replace a folder that holds files but is not a brief output.
fn refuse_foreign(output: &Path) -> Result<(), Error> {
    let Ok(mut entries) = fs::read_dir(output) else {
        return if output.exists() {
            Err(Error::UnsafeOutput {
                output: output.to_path_buf(),
                protected: output.to_path_buf(),
            })
        } else {
            Ok(())
        };
    };
    let is_empty = entries.next().is_none();
    if is_empty || SIGNATURE_FILES.iter().all(|f| output.join(f).is_file()) {
        Ok(())
    } else {
        Err(Error::ForeignOutput {
            output: output.to_path_buf(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> Result<OutputFile, Error> {
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: text.as_bytes().to_vec(),
        })
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
