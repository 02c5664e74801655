//! The machine's side of the output tests: a small file system mounted for a test (a
//! full disk, a mount point), and running brief as a user that permissions apply to.
//!
//! Mounting needs root. Not as root, the tests that need a mount say so on stderr and
//! return; as root (as in this project's CI), a mount that fails fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

/// True when the tests run as root.
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A tmpfs of a given size, mounted at a folder until dropped.
pub struct Tmpfs {
    pub dir: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `kib` KiB at `dir` (created if needed); None when not root.
    pub fn mount(dir: &Path, kib: u64) -> Option<Tmpfs> {
        if !is_root() {
            eprintln!("skipped: mounting a tmpfs needs root");
            return None;
        }
        std::fs::create_dir_all(dir).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir)
            .status()
            .expect("mount runs");
        assert!(
            status.success(),
            "cannot mount a tmpfs at {}",
            dir.display()
        );
        Some(Tmpfs {
            dir: dir.to_path_buf(),
        })
    }

    /// Fills the file system to its last `spare` bytes with a file of its own.
    pub fn fill(&self, spare: u64) -> PathBuf {
        let filler = self.dir.join("filler");
        let free = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&self.dir)
            .output()
            .unwrap();
        let free: u64 = String::from_utf8_lossy(&free.stdout)
            .lines()
            .nth(1)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let size = free.saturating_sub(spare);
        std::fs::write(&filler, vec![b'x'; size as usize]).unwrap();
        filler
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

/// The user brief runs as in permission tests when the tests run as root, whom
/// permissions do not stop: `nobody`.
pub const NOBODY: u32 = 65534;

/// `command` as it runs for a permission test: as `nobody` (through setpriv) when the
/// tests run as root, else as it is.
pub fn as_unprivileged(program: &Path) -> Command {
    if is_root() {
        let mut command = Command::new("setpriv");
        command
            .arg(format!("--reuid={NOBODY}"))
            .arg(format!("--regid={NOBODY}"))
            .arg("--clear-groups")
            .arg(program);
        command
    } else {
        Command::new(program)
    }
}

/// Gives a folder and everything under it to the user of `as_unprivileged` (no-op when
/// not root: the files are already the tests' own).
pub fn give_to_unprivileged(dir: &Path) {
    if is_root() {
        let status = Command::new("chown")
            .args(["-R", &format!("{NOBODY}:{NOBODY}")])
            .arg(dir)
            .status()
            .unwrap();
        assert!(status.success());
    }
}
