//! The one error vocabulary of brief: every way a build can fail, with where it happened.
//!
//! Variants carry facts (paths, positions, keys, known alternatives), never
//! preformatted text, so the binary can print them rustc-style and `check` can emit
//! them as JSON. Turning them into text is `report`'s job.

use std::path::{Path, PathBuf};

/// A position in a writer's file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// Length in characters of the offending text, for the caret; at least 1.
    pub width: usize,
}

impl Location {
    /// Locates a byte offset in `text`, the whole content of the file at `path`.
    pub fn from_offset(path: &Path, text: &str, offset: usize, width_bytes: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(text, (offset + width_bytes).min(text.len()));
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let width = text[offset..end.min(line_end)].chars().count().max(1);
        Location {
            path: path.to_path_buf(),
            line,
            column,
            width,
        }
    }

    /// A location known only by line and column (YAML reports these).
    pub fn at(path: &Path, line: usize, column: usize) -> Self {
        Location {
            path: path.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
            width: 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Why a build, or one file of it, failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no site.toml in {}", root.display())]
    NoSiteConfig { root: PathBuf },
    #[error("the file is not valid UTF-8: the first invalid byte is here")]
    NotUtf8 { location: Location },
    #[error("invalid TOML: {message}")]
    Toml { location: Location, message: String },
    #[error("invalid YAML: {message}")]
    Yaml { location: Location, message: String },
    #[error("the file has no front matter")]
    NoFrontMatter { location: Location },
    #[error("the front matter is never closed: no `{fence}` line after the opening one")]
    UnclosedFrontMatter {
        location: Location,
        fence: &'static str,
    },
    #[error("missing `{field}` in the front matter")]
    MissingField {
        location: Location,
        field: &'static str,
    },
    #[error("`{value}` is not a date: {reason}")]
    BadDate {
        location: Location,
        value: String,
        reason: String,
    },
    #[error("unknown ecosystem `{key}`")]
    UnknownEcosystem {
        location: Location,
        key: String,
        known: Vec<String>,
    },
    #[error("`{value}` is not a valid {what}")]
    InvalidValue {
        location: Location,
        what: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("ticker `{ticker}` is listed by both `{first}` and `{second}`")]
    TickerListedTwice {
        location: Location,
        ticker: String,
        first: String,
        second: String,
    },
    #[error("{} and {} both map to the URL {url}", first.display(), second.display())]
    DuplicateUrl {
        url: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("{} maps to {url}, which brief generates itself", path.display())]
    ReservedUrl { path: PathBuf, url: String },
    #[error("the link to `{target}` points at no file in content/")]
    BrokenLink { location: Location, target: String },
    #[error("theme `{name}` not found in {}", dir.display())]
    UnknownTheme { name: String, dir: PathBuf },
    #[error("template {}: {message}", origin.display())]
    Template {
        origin: PathBuf,
        location: Option<Location>,
        message: String,
    },
    #[error("the output folder {} would replace {}", output.display(), protected.display())]
    UnsafeOutput { output: PathBuf, protected: PathBuf },
    #[error("{} holds files that brief did not write; it will not replace them", output.display())]
    ForeignOutput { output: PathBuf },
}

impl Error {
    /// Where in a writer's file the error is, when it is in one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::NotUtf8 { location }
            | Error::Toml { location, .. }
            | Error::Yaml { location, .. }
            | Error::NoFrontMatter { location }
            | Error::UnclosedFrontMatter { location, .. }
            | Error::MissingField { location, .. }
            | Error::BadDate { location, .. }
            | Error::UnknownEcosystem { location, .. }
            | Error::InvalidValue { location, .. }
            | Error::TickerListedTwice { location, .. }
            | Error::BrokenLink { location, .. } => Some(location),
            Error::Template { location, .. } => location.as_ref(),
            _ => None,
        }
    }

    /// What the writer can do about it.
    pub fn help(&self) -> Option<String> {
        Some(match self {
            Error::NoSiteConfig { .. } => {
                "run brief in a site folder, or point --root at one".to_string()
            }
            Error::NotUtf8 { .. } => "save the file as UTF-8 in your editor".to_string(),
            Error::Toml { .. } => "fix the TOML syntax at the caret".to_string(),
            Error::Yaml { .. } => "fix the YAML syntax at the caret".to_string(),
            Error::NoFrontMatter { .. } => {
                "start the file with a `+++` (TOML) or `---` (YAML) block holding at least `title` and `date`".to_string()
            }
            Error::UnclosedFrontMatter { fence, .. } => {
                format!("add a line with `{fence}` where the front matter ends")
            }
            Error::MissingField { field, .. } => format!("add `{field} = ...` to the front matter"),
            Error::BadDate { .. } => {
                "write a TOML date like 2026-10-02 or a datetime like 2026-10-02T09:30:00+08:00"
                    .to_string()
            }
            Error::UnknownEcosystem { key, known, .. } => {
                let hint = crate::diagnostics::closest(key, known.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                format!(
                    "{hint}declare it as [ecosystems.{key}] in site.toml, or use one of: {}",
                    known.join(", ")
                )
            }
            Error::InvalidValue { expected, .. } => format!("expected {expected}"),
            Error::TickerListedTwice { .. } => {
                "a listing belongs to one company: remove it from one of them".to_string()
            }
            Error::DuplicateUrl { .. } => {
                "give one of them a different `slug` in its front matter, or rename the file"
                    .to_string()
            }
            Error::ReservedUrl { .. } => {
                "give it a different `slug` in its front matter, or move the file".to_string()
            }
            Error::BrokenLink { .. } => {
                "link to an existing .md file, relative to this one or from the content root (/2026/10/x.md)".to_string()
            }
            Error::UnknownTheme { .. } => {
                "set `theme` in site.toml to a folder under themes/, or remove it to use the built-in theme".to_string()
            }
            Error::Template { .. } => "fix the template at the line shown".to_string(),
            Error::ForeignOutput { .. } => {
                "empty that folder yourself, or choose another with --output".to_string()
            }
            Error::UnsafeOutput { .. } => {
                "choose an output folder of its own, such as public/".to_string()
            }
            Error::Read { .. } | Error::Write { .. } => return None,
        })
    }
}

/// Every error of a build, reported together.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn push(&mut self, error: Error) {
        self.0.push(error);
    }
    pub fn extend(&mut self, errors: impl IntoIterator<Item = Error>) {
        self.0.extend(errors);
    }
    /// `Ok(value)` when nothing went wrong, else every error, sorted by file and line.
    pub fn into_result<T>(self, value: T) -> Result<T, Errors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.sorted())
        }
    }
    /// In file and line order, so a writer can work down the list.
    pub fn sorted(mut self) -> Errors {
        self.0.sort_by_cached_key(sort_key);
        self
    }
}

fn sort_key(error: &Error) -> (Option<PathBuf>, usize, usize) {
    match error.location() {
        Some(l) => (Some(l.path.clone()), l.line, l.column),
        None => (None, 0, 0),
    }
}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

impl std::fmt::Display for Errors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for error in &self.0 {
            writeln!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}
