//! One file written whole (`brief digest --output`): the bytes go to a temporary file
//! beside it, then one rename puts them in its place, so a reader of the file (a mail
//! script, a watcher) sees the old file or the new one, never a part of it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes `bytes` to `path`, replacing what is there. A folder at `path` is refused.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if path.is_dir() {
        return Err(Error::Write {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a folder"),
        });
    }
    let temporary = temporary_beside(path);
    let failed = |source: std::io::Error| {
        let _ = fs::remove_file(&temporary);
        super::stage::write_error(path, path, source)
    };
    let mut file = fs::File::create_new(&temporary).map_err(failed)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(failed)?;
    drop(file);
    fs::rename(&temporary, path).map_err(failed)
}

/// `.<name>.brief-<pid>` in the same folder, so the rename never crosses a disk.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.brief-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("digest.html");
        fs::write(&path, "old").unwrap();
        write_file(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(write_file(dir.path(), b"x").is_err());
        assert!(write_file(&dir.path().join("missing/digest.html"), b"x").is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
