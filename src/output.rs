//! The only writer of built sites: everything goes into a temporary folder beside the
//! output, which replaces the output only once every file is written. A failed build
//! leaves the previous output as it was. Files whose bytes did not change are carried
//! over as hard links, so they keep their modification times and deploys that sync by
//! time send nothing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Errors};
use crate::render::OutputFile;

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written with new bytes.
    pub written: usize,
    /// Files whose bytes were already there, kept as they were.
    pub unchanged: usize,
}

/// Files every brief output has; a non-empty folder without them is not ours to replace.
const SIGNATURE_FILES: [&str; 2] = ["404.html", "sitemap.xml"];

/// Replaces `output` with exactly `files`.
pub fn write(files: &[OutputFile], output: &Path) -> Result<WriteReport, Errors> {
    refuse_foreign(output)?;
    for file in files {
        if !is_inside(&file.path) {
            return Err(Error::UnsafeOutput {
                output: output.join(&file.path),
                protected: output.to_path_buf(),
            }
            .into());
        }
    }
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.brief-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.brief-old-{}", std::process::id()));
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(write_error(&staging))?;
    }
    let result = stage(files, output, &staging);
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e.into());
        }
    };
    if output.exists() {
        fs::rename(output, &retired).map_err(write_error(output))?;
    }
    if let Err(e) = fs::rename(&staging, output) {
        let _ = fs::rename(&retired, output);
        return Err(Error::Write {
            path: output.to_path_buf(),
            source: e,
        }
        .into());
    }
    if retired.exists() {
        fs::remove_dir_all(&retired).map_err(write_error(&retired))?;
    }
    Ok(report)
}

fn stage(files: &[OutputFile], output: &Path, staging: &Path) -> Result<WriteReport, Error> {
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| f.path.parent().map(|p| staging.join(p)))
        .chain([staging.to_path_buf()])
        .collect();
    for folder in &folders {
        fs::create_dir_all(folder).map_err(|source| Error::Write {
            path: folder.clone(),
            source,
        })?;
    }
    let kept: Vec<Result<bool, Error>> = files
        .par_iter()
        .map(|file| {
            let target = staging.join(&file.path);
            let previous = output.join(&file.path);
            if unchanged(&previous, &file.bytes) && fs::hard_link(&previous, &target).is_ok() {
                return Ok(true);
            }
            fs::write(&target, &file.bytes)
                .map(|_| false)
                .map_err(|source| Error::Write {
                    path: target,
                    source,
                })
        })
        .collect();
    let mut report = WriteReport::default();
    for kept in kept {
        if kept? {
            report.unchanged += 1;
        } else {
            report.written += 1;
        }
    }
    Ok(report)
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

    #[test]
    fn only_plain_relative_paths_stay_inside() {
        assert!(is_inside(Path::new("a/b/index.html")));
        assert!(!is_inside(Path::new("../x")));
        assert!(!is_inside(Path::new("/etc/passwd")));
        assert!(!is_inside(Path::new("a/../../x")));
        assert!(!is_inside(Path::new("")));
    }
}
