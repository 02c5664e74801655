//! The harness of the integration tests: copy a fixture site into a temporary folder,
//! change files in it, run the real `brief` binary there, and read what it wrote.
//!
//! The binary runs with its working directory set to the copied site and `--root .`,
//! so every path it prints reads `content/...` and snapshots do not depend on where
//! the temporary folder is. Owns no assertions about brief's behaviour: those live in
//! the test modules; this file only runs and reads.
//!
//! Beside it: `commands` (the fixtures of `brief new`/`check`/`init`), `serve` (a running
//! `brief serve`), `browser` (headless Chromium), `html` and `xml` (reading what was written).

#[cfg(unix)]
pub mod browser;
pub mod commands;
pub mod html;
#[cfg(unix)]
pub mod serve;
pub mod system;
pub mod xml;

/// `insta::assert_snapshot!`, with the snapshots in `tests/snapshots/` (beside each
/// test module insta would use a `snapshots/` folder of its own).
macro_rules! assert_snapshot {
    ($($arg:tt)*) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots"));
        settings.bind(|| insta::assert_snapshot!($($arg)*));
    }};
}

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output as ProcessOutput;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use tempfile::TempDir;

/// The folder of this crate, which is itself an example site.
pub fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`: `invalid/<name>` for the sites that must not build.
pub fn fixture_path(name: &str) -> PathBuf {
    repository_root().join("tests/fixtures").join(name)
}

/// `brief` itself, as cargo built it for these tests, with no editor to open.
pub fn brief() -> Command {
    let mut command =
        Command::cargo_bin("brief").expect("cargo builds the brief binary for integration tests");
    command.env_remove("VISUAL").env_remove("EDITOR");
    command
}

/// A site in a temporary folder of its own, at `<temp>/site`, so a test can look for
/// files written beside the site (`<temp>`) as well as inside it.
pub struct Site {
    temp: TempDir,
    pub root: PathBuf,
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let source = fixture_path(name);
        assert!(source.is_dir(), "no fixture at {}", source.display());
        let site = Site::empty();
        copy_dir(&source, &site.root);
        site
    }

    /// A folder named `site` that does not exist yet, inside a temporary one.
    pub fn empty() -> Site {
        let temp = tempfile::Builder::new()
            .prefix("brief-test-")
            .tempdir()
            .expect("a temporary folder");
        let root = temp.path().join("site");
        Site { temp, root }
    }

    /// A copy of `tests/fixtures/invalid/<name>`.
    pub fn invalid(name: &str) -> Site {
        Site::fixture(&format!("invalid/{name}"))
    }

    /// The temporary folder holding the site: anything brief writes outside the site
    /// or its output shows up here.
    pub fn temp_dir(&self) -> &Path {
        self.temp.path()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative))
            .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
    }

    /// Writes text or bytes, taken by reference so a test passes `&format!(..)` as it
    /// would to any function that reads text.
    pub fn write(&self, relative: &str, contents: &(impl AsRef<[u8]> + ?Sized)) {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, contents).unwrap_or_else(|e| panic!("cannot write {relative}: {e}"));
    }

    pub fn append(&self, relative: &str, text: &str) {
        let mut contents = self.read(relative);
        contents.push_str(text);
        self.write(relative, &contents);
    }

    /// As editors do: write a temporary file beside it, then rename it over.
    pub fn save_atomically(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        let temp = path.with_file_name(format!(
            ".{}.tmp{}",
            path.file_name().unwrap().to_string_lossy(),
            std::process::id()
        ));
        fs::write(&temp, text).unwrap();
        fs::rename(&temp, &path).unwrap();
    }

    /// Every file under content/ (symlinks left out), relative to the root, sorted.
    pub fn content_files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(self.path("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&self.root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    /// Replaces the first `from` in a file with `to`, failing if `from` is not there.
    pub fn replace(&self, relative: &str, from: &str, to: &str) {
        let contents = self.read(relative);
        assert!(contents.contains(from), "{relative} has no {from:?}");
        self.write(relative, &contents.replacen(from, to, 1));
    }

    /// `brief` with its working directory in the site.
    pub fn command(&self) -> Command {
        let mut command = brief();
        command.current_dir(&self.root);
        command
    }

    /// Runs `brief` in the site's folder (made if need be), so paths print relative to it.
    pub fn brief(&self, args: &[&str]) -> Run {
        self.brief_with(args, &[])
    }

    /// Runs `brief` in the site's folder with more environment variables.
    pub fn brief_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        fs::create_dir_all(&self.root).unwrap();
        let mut command = self.command();
        command.args(args);
        for (name, value) in env {
            command.env(name, value);
        }
        Run::from(command.output().expect("brief runs"))
    }

    /// Runs `brief build --root .` and the extra `args`.
    pub fn run_build(&self, args: &[&str]) -> Run {
        let output = self
            .command()
            .args(["build", "--root", "."])
            .args(args)
            .output()
            .expect("brief runs");
        Run::from(output)
    }

    /// Builds the site into `public/`, which must succeed.
    pub fn build(&self) -> Built {
        self.build_with(&[])
    }

    /// Builds with extra flags, which must succeed.
    pub fn build_with(&self, args: &[&str]) -> Built {
        let run = self.run_build(args);
        assert!(
            run.success,
            "brief build {args:?} failed\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        Built {
            out: Out::at(self.output_dir_for(args)),
            stdout: run.stdout,
            stderr: run.stderr,
        }
    }

    /// Runs a build that must fail, and returns its stderr.
    pub fn build_fails(&self, args: &[&str]) -> String {
        let run = self.run_build(args);
        assert!(
            !run.success,
            "brief build {args:?} succeeded but should have failed\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        assert_eq!(run.code, 1, "a failed build exits with 1");
        assert!(
            run.stdout.is_empty(),
            "a failed build prints nothing on stdout, got:\n{}",
            run.stdout
        );
        run.stderr
    }

    /// The default output folder.
    pub fn public(&self) -> Out {
        Out::at(self.path("public"))
    }

    fn output_dir_for(&self, args: &[&str]) -> PathBuf {
        match args.iter().position(|a| *a == "--output" || *a == "-o") {
            Some(i) => self.root.join(args[i + 1]),
            None => self.path("public"),
        }
    }
}

/// What one run of the binary did.
pub struct Run {
    pub success: bool,
    /// The exit code; -1 if a signal ended it.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn succeeded(&self) -> bool {
        self.success
    }
}

/// Everything a failed assertion needs to show: the exit code and both outputs.
impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl From<ProcessOutput> for Run {
    fn from(output: ProcessOutput) -> Run {
        Run {
            success: output.status.success(),
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// A successful build: what it printed and what it wrote.
pub struct Built {
    pub out: Out,
    pub stdout: String,
    pub stderr: String,
}

/// A built site's output folder.
pub struct Out {
    pub dir: PathBuf,
}

impl Out {
    pub fn at(dir: PathBuf) -> Out {
        Out { dir }
    }

    /// The file that serves a site URL: `/a/` is `a/index.html`, `/atom.xml` itself.
    pub fn file_for(&self, url: &str) -> PathBuf {
        let (path, _) = url.split_once('#').unwrap_or((url, ""));
        let relative = path.trim_start_matches('/');
        let file = self.dir.join(relative);
        if relative.is_empty() || path.ends_with('/') || file.is_dir() {
            file.join("index.html")
        } else {
            file
        }
    }

    pub fn has(&self, url: &str) -> bool {
        self.file_for(url).is_file()
    }

    /// The text served at a URL.
    pub fn page(&self, url: &str) -> String {
        let file = self.file_for(url);
        fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("no page at {url} ({}): {e}", file.display()))
    }

    pub fn bytes(&self, relative: &str) -> Vec<u8> {
        fs::read(self.dir.join(relative)).unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
    }

    /// Every file of the site, relative to the output, `/`-separated, sorted: brief's
    /// list of its own files (`.brief-manifest`) is bookkeeping, not part of the site.
    pub fn files(&self) -> Vec<String> {
        files_under(&self.dir)
            .into_iter()
            .filter(|f| f != ".brief-manifest")
            .collect()
    }

    /// Every HTML file written, as (relative path, text).
    pub fn html_pages(&self) -> Vec<(String, String)> {
        self.files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .map(|f| {
                let text = fs::read_to_string(self.dir.join(&f)).unwrap();
                (f, text)
            })
            .collect()
    }

    /// Every file's bytes and modification time.
    pub fn state(&self) -> TreeState {
        TreeState::of(&self.dir)
    }
}

/// Every file under `dir`, relative, `/`-separated, sorted; hidden ones too.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files);
    files.sort();
    files
}

fn collect_files(base: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let path = entry.path();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            collect_files(base, &path, files);
        } else {
            let relative = path.strip_prefix(base).unwrap();
            let parts: Vec<_> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
}

/// Copies a folder recursively, hidden files included.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The bytes and modification time of every file under a folder, to prove that a
/// build left them alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeState(pub BTreeMap<String, (Vec<u8>, SystemTime)>);

impl TreeState {
    pub fn of(dir: &Path) -> TreeState {
        TreeState(
            files_under(dir)
                .into_iter()
                .map(|f| {
                    let path = dir.join(&f);
                    let modified = fs::metadata(&path).unwrap().modified().unwrap();
                    (f, (fs::read(&path).unwrap(), modified))
                })
                .collect(),
        )
    }

    /// The files whose bytes or modification time differ from `other`'s, and those
    /// only one of the two has.
    pub fn differences(&self, other: &TreeState) -> Vec<String> {
        let mut names: Vec<&String> = self.0.keys().chain(other.0.keys()).collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .filter_map(|name| match (self.0.get(name), other.0.get(name)) {
                (Some(a), Some(b)) if a.0 != b.0 => Some(format!("{name}: bytes changed")),
                (Some(a), Some(b)) if a.1 != b.1 => Some(format!("{name}: mtime changed")),
                (Some(_), None) => Some(format!("{name}: removed")),
                (None, Some(_)) => Some(format!("{name}: added")),
                _ => None,
            })
            .collect()
    }
}

/// Sets every file under `dir` to an old modification time, so that any later write,
/// however quick, shows as a changed mtime.
pub fn age_files(dir: &Path) {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for f in files_under(dir) {
        let file = fs::File::options().write(true).open(dir.join(&f)).unwrap();
        file.set_modified(old).unwrap();
    }
}

/// The one summary line a successful build prints, with its duration (which varies
/// from run to run) replaced by `[TIME]`.
pub fn summary_without_time(stdout: &str) -> String {
    let line = stdout.trim_end();
    let (head, time) = line
        .rsplit_once(" in ")
        .unwrap_or_else(|| panic!("no ` in <time>` at the end of {line:?}"));
    let number = time.trim_end_matches(|c: char| c.is_alphabetic() || c == 'µ');
    let unit = &time[number.len()..];
    assert!(
        !number.is_empty()
            && number.parse::<f64>().is_ok()
            && ["ns", "µs", "ms", "s"].contains(&unit),
        "{time:?} is not a duration"
    );
    format!("{head} in [TIME]")
}

/// A file of an npm package the tests use (a validator, an audit script): `env_var`
/// when set, as `.ci/run` sets it, else the package installed under `target/<dir>`,
/// where it is installed first if missing, never running an install script.
pub fn npm_file(env_var: &str, dir: &str, package: &str, file: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(env_var) {
        return PathBuf::from(path);
    }
    let prefix = repository_root().join("target").join(dir);
    let path = prefix.join("node_modules").join(package).join(file);
    if !path.is_file() {
        let status = std::process::Command::new("npm")
            .args([
                "install",
                "--ignore-scripts",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
            ])
            .arg(&prefix)
            .arg(package)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm install {package} failed");
    }
    path
}
