//! Putting a staged tree in the output's place in one step, and clearing up after a
//! build that was killed.
//!
//! The staging folder is a sibling of the output, `.<name>.brief-new-<pid>`, so the
//! two are on the same file system and `renameat2(RENAME_EXCHANGE)` swaps them
//! atomically: at every instant the output's name holds one whole tree. Where the file
//! system cannot exchange, the old tree is first renamed aside to
//! `.<name>.brief-old-<pid>`; a build killed between that rename and the next leaves
//! no output, and the next build puts the old tree back before anything else.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rustix::fs::{CWD, RenameFlags, renameat_with};
use rustix::io::Errno;

const NEW: &str = "brief-new-";
const OLD: &str = "brief-old-";

/// Where this build stages its tree: beside the output.
pub fn staging_path(output: &Path) -> PathBuf {
    beside(output, NEW, std::process::id())
}

fn beside(output: &Path, kind: &str, pid: u32) -> PathBuf {
    let name = output.file_name().unwrap_or(OsStr::new("public"));
    let mut file = std::ffi::OsString::from(".");
    file.push(name);
    file.push(format!(".{kind}{pid}"));
    output.with_file_name(file)
}

/// Before a build: an output left aside by a killed build is put back, and the
/// folders of builds that are no longer running are removed. Those of a build still
/// running (another `brief build` of the same site) are left to it.
pub fn recover(output: &Path) {
    let Some(parent) = output.parent() else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let name = output.file_name().unwrap_or(OsStr::new("public"));
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut leftovers: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let file = entry.file_name();
            let rest = file.to_str()?.strip_prefix(&prefix)?;
            let (is_old, pid) = match (rest.strip_prefix(OLD), rest.strip_prefix(NEW)) {
                (Some(pid), _) => (true, pid),
                (_, Some(pid)) => (false, pid),
                _ => return None,
            };
            let pid: u32 = pid.parse().ok()?;
            (!is_running(pid)).then(|| (entry.path(), is_old))
        })
        .collect();
    // The old tree first: it is the output's if the output is missing.
    leftovers.sort_by_key(|(_, is_old)| !is_old);
    for (path, is_old) in leftovers {
        let output_missing = fs::symlink_metadata(output).is_err();
        if is_old && output_missing && fs::rename(&path, output).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(&path);
    }
}

/// True for another process that is still running; never for this one, whose own
/// leftovers (from an earlier process that had the same id) may go.
pub fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    !matches!(rustix::process::test_kill_process(pid), Err(Errno::SRCH))
}

/// Puts `staging` where `output` is, in one step, and removes the old tree.
pub fn swap(staging: &Path, output: &Path) -> io::Result<()> {
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(staging, output);
    }
    match renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE) {
        Ok(()) => {
            // The old tree now has the staging folder's name; if this removal is cut
            // short, the next build finishes it.
            let _ = fs::remove_dir_all(staging);
            Ok(())
        }
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => swap_in_two_steps(staging, output),
        Err(e) => Err(e.into()),
    }
}

fn swap_in_two_steps(staging: &Path, output: &Path) -> io::Result<()> {
    let aside = beside(output, OLD, std::process::id());
    fs::rename(output, &aside)?;
    if let Err(e) = fs::rename(staging, output) {
        fs::rename(&aside, output)?;
        return Err(e);
    }
    let _ = fs::remove_dir_all(&aside);
    Ok(())
}
