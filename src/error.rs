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
        Self::on_line(path, text, line, line_start, offset, width_bytes)
    }

    fn on_line(
        path: &Path,
        text: &str,
        line: usize,
        line_start: usize,
        offset: usize,
        width_bytes: usize,
    ) -> Self {
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

/// Where each line of a text starts, to locate many offsets in the same text without
/// counting its lines again for each (a briefing's links are all located for `check`).
pub struct Lines<'a> {
    path: &'a Path,
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { path, text, starts }
    }

    /// The same as `Location::from_offset` in this text.
    pub fn locate(&self, offset: usize, width_bytes: usize) -> Location {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        Location::on_line(self.path, self.text, line, line_start, offset, width_bytes)
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Which kind of registry name a command-line option gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Ticker,
    Ecosystem,
}

impl std::fmt::Display for NameKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NameKind::Ticker => "ticker",
            NameKind::Ecosystem => "ecosystem",
        })
    }
}

/// What a link in the built site points at that is not there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// No page at that URL.
    Page,
    /// No file (an image, a download) at that path.
    File,
    /// The page is there, but no element on it has that id.
    Anchor,
    /// An article this build leaves out: a draft, or one dated in the future.
    Unpublished,
}

/// What is wrong with an image an article shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageProblem {
    /// No file of the site is at its path.
    Missing,
    /// Its first bytes are those of no image format that browsers show.
    UnknownFormat,
    /// Named `.svg`, but holds no `<svg>` element.
    NotSvg,
    /// Its format is known, but its header or its pixels cannot be read.
    Unreadable(String),
}

impl std::fmt::Display for ImageProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageProblem::Missing => write!(f, "no file of the site is there"),
            ImageProblem::UnknownFormat => write!(
                f,
                "it is not a PNG, JPEG, GIF, WebP, AVIF, BMP or ICO image (its first bytes are those of none of them)"
            ),
            ImageProblem::NotSvg => write!(f, "it is named .svg but holds no <svg> element"),
            ImageProblem::Unreadable(why) => write!(f, "it cannot be read: {why}"),
        }
    }
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
        /// Written in YAML front matter, whose date forms the help shows.
        yaml: bool,
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
    #[error("unknown key `{key}` in {}", schema.table)]
    UnknownKey {
        location: Location,
        key: String,
        /// The keys of the table it is in.
        schema: &'static crate::schema::Schema,
    },
    #[error("an empty ticker")]
    EmptyTicker { location: Location },
    #[error("this briefing names {count} tickers; brief allows at most {limit} in one")]
    TooManyTickers {
        /// The first ticker past the limit.
        location: Location,
        count: usize,
        limit: usize,
    },
    #[error("the move of `{ticker}` has no `change`")]
    MoveWithoutChange { location: Location, ticker: String },
    #[error("`{ticker}` has a move already, at line {first_line}")]
    MovedTwice {
        location: Location,
        ticker: String,
        /// The line of the first move of the same ticker (in any case).
        first_line: usize,
    },
    #[error("the move of `{ticker}` has no trading day: the page has no `date`")]
    MoveWithoutDay { location: Location, ticker: String },
    #[error("TOML reads `{written}` as a table inside [moves], not as a ticker")]
    DottedTicker {
        location: Location,
        /// The key as written, dots and all.
        written: String,
        /// Its value as written.
        value: String,
    },
    #[error("the theme has no template `{name}`")]
    UnknownTemplate {
        location: Location,
        name: String,
        /// The theme's templates.
        known: Vec<String>,
    },
    #[error("the URL part `{part}` is {} bytes long; a file or folder name may have at most {limit}", part.len())]
    NameTooLong {
        location: Location,
        /// What it comes from: "slug", "file or folder name", "ticker".
        what: &'static str,
        part: String,
        limit: usize,
    },
    #[error("ticker `{ticker}` would have the URL {url}, which {owner} has already")]
    UrlTakenByTicker {
        location: Location,
        ticker: String,
        url: String,
        /// The ticker or company that has it, as the writer knows it.
        owner: String,
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
    #[error("{} maps to {url}, where brief writes {page}", path.display())]
    ReservedUrl {
        path: PathBuf,
        url: String,
        /// What brief writes there: "the list of companies", "the archive of ...".
        page: String,
    },
    #[error("the link to `{target}` points at no file in content/")]
    BrokenLink { location: Location, target: String },
    #[error("theme `{name}` not found in {}", dir.display())]
    UnknownTheme { name: String, dir: PathBuf },
    #[error("{}", template_text(.origin, .location, .message))]
    Template {
        origin: PathBuf,
        location: Option<Location>,
        message: String,
    },
    #[error("the output folder {} would replace {}", output.display(), protected.display())]
    UnsafeOutput { output: PathBuf, protected: PathBuf },
    #[error("{} is not a folder; brief will not replace it", output.display())]
    OutputNotAFolder { output: PathBuf },
    #[error("{} was not written by brief, and the build would put {} there", path.display(), built.display())]
    OutputTaken {
        /// The writer's file (or link, or folder) in the output.
        path: PathBuf,
        /// The built file, relative to the output.
        built: PathBuf,
    },
    #[error("no space left on the disk holding {}: {source}", output.display())]
    DiskFull {
        output: PathBuf,
        source: std::io::Error,
    },
    #[error("{} was updated only in part: {replaced} of {total} changed files were replaced before the error above", output.display())]
    OutputPartlyUpdated {
        output: PathBuf,
        replaced: usize,
        total: usize,
    },
    #[error("{} would be published at {url}, where the site has {}", path.display(), if *.folder { "a folder of generated pages" } else { "a generated page" })]
    StaticCollision {
        /// The static file, in static/ of the site or of its theme.
        path: PathBuf,
        /// The generated URL it collides with.
        url: String,
        /// Whether the static file stands where the site has a folder, rather than a file.
        folder: bool,
    },
    #[error("`{key}` {value:?} {problem}")]
    BadSitePath {
        location: Location,
        /// `path` or `aliases`.
        key: &'static str,
        value: String,
        problem: crate::site_paths::Problem,
    },
    #[error("the alias {url} is given twice")]
    AliasTwice { location: Location, url: String },
    #[error("the alias {url} is taken: brief writes {other} there")]
    AliasTaken {
        location: Location,
        url: String,
        /// What brief writes there: a page, a file, another alias.
        other: String,
    },
    #[error("{} would be published at {url}, where brief writes {other}", path.display())]
    BundleCollision {
        /// The bundle's file, as the writer knows it.
        path: PathBuf,
        url: String,
        /// What brief writes there, or needs that path as a folder for: "the article
        /// content/2025/10/x.md", "the bundle's file ...".
        other: String,
        /// Whether the other needs the file's path as a folder.
        folder: bool,
    },
    #[error("`{name}` is not a registered {kind}")]
    NotRegistered {
        kind: NameKind,
        name: String,
        /// The registered names closest in spelling, closest first.
        closest: Vec<String>,
        /// Every registered name, where they are few enough to list (ecosystems).
        declared: Vec<String>,
    },
    #[error("{} already exists", path.display())]
    FileExists { path: PathBuf },
    #[error("`{value}` is not a valid {option}")]
    InvalidOption {
        option: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("{} is not empty", dir.display())]
    FolderNotEmpty { dir: PathBuf },
    #[error("no editor to open {}: neither $VISUAL nor $EDITOR is set", path.display())]
    NoEditor { path: PathBuf },
    #[error("the editor `{command}` failed: {reason}")]
    EditorFailed { command: String, reason: String },
    #[error("port {} on {} is already in use", address.port(), address.ip())]
    PortInUse { address: std::net::SocketAddr },
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot watch {} for changes: {source}", root.display())]
    Watch {
        root: PathBuf,
        source: notify::Error,
    },
    #[error("cannot start the server: {source}")]
    ServerStart { source: std::io::Error },
    #[error("the header names no {}", missing_columns(.missing))]
    PriceHeader {
        /// The header line, or the start of an empty file.
        location: Location,
        /// `date`, `close` or both.
        missing: Vec<&'static str>,
    },
    #[error("this row has no `{column}` value")]
    PriceValueMissing {
        location: Location,
        column: &'static str,
    },
    #[error("`{value}` is not a date")]
    PriceDate { location: Location, value: String },
    #[error("`{value}` is not a closing price")]
    PriceClose { location: Location, value: String },
    #[error("`{date}` is given twice (first on line {first_line})")]
    PriceDateRepeated {
        location: Location,
        date: String,
        first_line: usize,
    },
    #[error("`{date}` comes after `{previous}` (line {previous_line}): rows must go oldest first")]
    PriceDateOutOfOrder {
        location: Location,
        date: String,
        previous: String,
        previous_line: usize,
    },
    #[error("{} is named after `{ticker}`, which no company in site.toml lists", path.display())]
    PriceFileUnregistered {
        path: PathBuf,
        /// The file's name without `.csv`.
        ticker: String,
        /// The registered listing closest in spelling, if one is close.
        closest: Option<String>,
    },
    #[error("{} and {} both hold the prices of `{ticker}`", first.display(), second.display())]
    PriceFileTwice {
        ticker: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("`{name}` is not {} in site.toml", if *.option == "--company" { "a company or a ticker" } else { "an ecosystem" })]
    UnknownChoice {
        /// The command-line option that named it: `--company` or `--ecosystem`.
        option: &'static str,
        name: String,
        /// The registered names closest in spelling, closest first.
        closest: Vec<String>,
        /// Every name it could be, where they are few enough to list (ecosystems).
        known: Vec<String>,
    },
    #[error("{}", no_briefings(.from, .until, .company, .ecosystem))]
    NoBriefings {
        /// The first and last day asked for, in the site's timezone.
        from: jiff::civil::Date,
        until: jiff::civil::Date,
        /// The company's and the ecosystem's names, when the digest is narrowed to them.
        company: Option<String>,
        ecosystem: Option<String>,
        /// The nearest days before and after with briefings that pass the same filters.
        before: Option<jiff::civil::Date>,
        after: Option<jiff::civil::Date>,
    },
    #[error("the image `{image}` is broken: {problem}")]
    BrokenImage {
        /// Where an article shows it.
        location: Location,
        /// Its site path.
        image: String,
        problem: ImageProblem,
    },
    #[error("{} stands where brief writes a resized copy of `{image}`", path.display())]
    ImageCopyTaken {
        /// The static file.
        path: PathBuf,
        /// The image's site path.
        image: String,
    },
    #[error("the resized copy {url} of `{image}` would be published where brief writes {other}")]
    ImageCopyCollision {
        /// Where an article shows the image.
        location: Location,
        /// The copy's site path.
        url: String,
        /// The image's site path.
        image: String,
        /// What brief writes there, or needs that path as a folder for: "the article
        /// content/2025/10/x.md", "a resized copy of `/images/chart.webp`".
        other: String,
    },
    #[error("{}", broken_reference(.location.is_some(), .page, .target, *.missing, *.elsewhere))]
    BrokenReference {
        /// Where the Markdown writes it; None for links that come from templates.
        location: Option<Location>,
        /// The site path of the page the link is on.
        page: String,
        /// The link as the page has it.
        target: String,
        missing: Missing,
        /// How many other pages have the same broken link.
        elsewhere: usize,
    },
}

/// "site.toml declares `china` and `us`", so a writer who guessed a key sees them all.
fn declared_ecosystems(keys: &[String]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    match quoted.as_slice() {
        [] => "site.toml declares no ecosystem".to_string(),
        [only] => format!("site.toml declares only {only}"),
        [init @ .., last] => format!("site.toml declares {} and {last}", init.join(", ")),
    }
}

/// "no published briefings on 2025-10-02 about SMIC in China's domestic stack".
fn no_briefings(
    from: &jiff::civil::Date,
    until: &jiff::civil::Date,
    company: &Option<String>,
    ecosystem: &Option<String>,
) -> String {
    let mut text = if from == until {
        format!("no published briefings on {from}")
    } else {
        format!("no published briefings from {from} to {until}")
    };
    if let Some(company) = company {
        text.push_str(&format!(" about {company}"));
    }
    if let Some(ecosystem) = ecosystem {
        text.push_str(&format!(" in {ecosystem}"));
    }
    text
}

/// "did you mean `a`, `b` or `c`? ", or nothing when no name is close.
fn did_you_mean(closest: &[String]) -> String {
    match closest {
        [] => String::new(),
        [only] => format!("did you mean `{only}`? "),
        [init @ .., last] => format!(
            "did you mean {} or `{last}`? ",
            init.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// "`date` and no `close` column", as the header lacks them.
fn missing_columns(missing: &[&str]) -> String {
    let named: Vec<String> = missing.iter().map(|c| format!("`{c}`")).collect();
    format!("{} column", named.join(" and no "))
}

fn broken_reference(
    in_markdown: bool,
    page: &str,
    target: &str,
    missing: Missing,
    elsewhere: usize,
) -> String {
    let what = match missing {
        Missing::Page => "points at no page of the site",
        Missing::File => "points at no file of the site",
        Missing::Anchor => "points at an anchor that its page does not have",
        Missing::Unpublished => {
            "points at an article this build leaves out (a draft, or dated in the future)"
        }
    };
    let mut text = format!("the link to `{target}` {what}");
    if !in_markdown {
        text.push_str(&format!(" (on {page}"));
        if elsewhere > 0 {
            let s = if elsewhere == 1 { "" } else { "s" };
            text.push_str(&format!(" and {elsewhere} other page{s}"));
        }
        text.push(')');
    }
    text
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
            | Error::UnknownKey { location, .. }
            | Error::EmptyTicker { location }
            | Error::TooManyTickers { location, .. }
            | Error::MoveWithoutChange { location, .. }
            | Error::MovedTwice { location, .. }
            | Error::MoveWithoutDay { location, .. }
            | Error::DottedTicker { location, .. }
            | Error::UnknownTemplate { location, .. }
            | Error::NameTooLong { location, .. }
            | Error::UrlTakenByTicker { location, .. }
            | Error::BrokenLink { location, .. }
            | Error::BadSitePath { location, .. }
            | Error::AliasTwice { location, .. }
            | Error::AliasTaken { location, .. }
            | Error::PriceHeader { location, .. }
            | Error::PriceValueMissing { location, .. }
            | Error::PriceDate { location, .. }
            | Error::PriceClose { location, .. }
            | Error::PriceDateRepeated { location, .. }
            | Error::PriceDateOutOfOrder { location, .. } => Some(location),
            Error::BrokenImage { location, .. } | Error::ImageCopyCollision { location, .. } => {
                Some(location)
            }
            Error::Template { location, .. } | Error::BrokenReference { location, .. } => {
                location.as_ref()
            }
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
            Error::BadDate { yaml: false, .. } => {
                "write a TOML date like 2026-10-02 or a datetime like 2026-10-02T09:30:00+08:00"
                    .to_string()
            }
            Error::BadDate { yaml: true, .. } => {
                "write a date like 2026-10-02, or a date and time like 2026-10-02 09:30:00 +08:00 or 2026-10-02T09:30:00+08:00"
                    .to_string()
            }
            Error::UnknownEcosystem { key, known, .. } => {
                let hint = crate::suggest::closest(key, known.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                format!(
                    "{hint}declare it as [ecosystems.{key}] in site.toml, or use one of: {}",
                    known.join(", ")
                )
            }
            Error::InvalidValue { expected, .. } => format!("expected {expected}"),
            Error::UnknownKey { key, schema, .. } => {
                let guess = schema
                    .closest(key)
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                format!(
                    "{guess}brief reads only the keys it documents here: {}; put a theme's own values under {}",
                    schema.known().join(", "),
                    schema.extra,
                )
            }
            Error::EmptyTicker { .. } => {
                "write a listing such as \"0981.HK\" or a company's key, or remove the empty one"
                    .to_string()
            }
            Error::TooManyTickers { limit, .. } => format!(
                "keep the {limit} tickers the briefing is most about: each ticker's page shows every ticker of each of its briefings, so a site grows with the square of the count"
            ),
            Error::MoveWithoutChange { ticker, .. } => format!(
                "give its percent change on the day: `\"{ticker}\" = 10.9`, or `change = 10.9` in its table"
            ),
            Error::MovedTwice { .. } => {
                "a briefing reports one move per ticker: keep one of them".to_string()
            }
            Error::MoveWithoutDay { .. } => {
                "add `on = 2025-10-01` to the move, or a `date` to the front matter".to_string()
            }
            Error::DottedTicker { written, value, .. } => {
                format!("put the ticker in quotes: `\"{written}\" = {value}`")
            }
            Error::UnknownTemplate { name, known, .. } => {
                let guess = crate::suggest::closest(name, known.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                format!(
                    "{guess}name one of the theme's templates ({}), or add templates/{name} to the site",
                    known.join(", ")
                )
            }
            Error::NameTooLong { what, .. } => {
                format!("shorten the {what}: each part of a URL becomes a folder of the built site")
            }
            Error::UrlTakenByTicker { .. } => {
                "use one spelling of the ticker in every briefing, or add it to a company's `tickers` in site.toml".to_string()
            }
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
            Error::OutputNotAFolder { .. } => {
                "remove that file, or choose another output folder with --output".to_string()
            }
            Error::OutputTaken { .. } => {
                "brief never replaces a file it did not write: move or delete it, or build into another folder with --output".to_string()
            }
            Error::DiskFull { .. } => {
                "free some space on that disk, or build elsewhere with --output, and build again".to_string()
            }
            Error::OutputPartlyUpdated { .. } => {
                "every file is whole and files brief did not write were not touched; fix the error above and build again to finish the update".to_string()
            }
            Error::BadSitePath { problem, .. } => problem.help().to_string(),
            Error::AliasTwice { .. } => "remove one of the two".to_string(),
            Error::AliasTaken { .. } => {
                "remove the alias, or give the page that has that URL another `slug` or `path`"
                    .to_string()
            }
            Error::BundleCollision { folder: true, .. } => {
                "rename or move the bundle's file: that path is a folder of the other's".to_string()
            }
            Error::BundleCollision { .. } => {
                "rename or move the bundle's file, or give its article another `slug`".to_string()
            }
            Error::StaticCollision { folder: true, .. } => {
                "rename or move the static file: generated pages need that path as a folder".to_string()
            }
            Error::BrokenImage { .. } => {
                "save the image again as PNG, JPEG, GIF, WebP or SVG, or point the article at the right file".to_string()
            }
            Error::ImageCopyTaken { .. } => {
                "rename the static file: brief writes an image's copies beside it, named after it with their width (`chart-960w.webp`)".to_string()
            }
            Error::ImageCopyCollision { .. } => {
                "rename the image, or move or delete the other file: brief writes an image's copies beside it, named after it with their width (`chart-960w.webp`)".to_string()
            }
            Error::StaticCollision { .. } => {
                "rename or move the static file; to change a generated page, edit its template (only static/robots.txt replaces a generated file)".to_string()
            }
            Error::UnsafeOutput { .. } => {
                "choose an output folder of its own, such as public/".to_string()
            }
            Error::NotRegistered {
                kind,
                name,
                closest,
                declared,
            } => {
                let guess = match closest.as_slice() {
                    [] => String::new(),
                    [only] => format!("did you mean `{only}`? "),
                    [init @ .., last] => format!(
                        "did you mean {} or `{last}`? ",
                        init.iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                let declare = match kind {
                    NameKind::Ticker => format!("add `{name}` to a company's `tickers` in site.toml"),
                    NameKind::Ecosystem => format!(
                        "{}; declare [ecosystems.{name}] in site.toml",
                        declared_ecosystems(declared)
                    ),
                };
                format!("{guess}{declare}, or pass --allow-unknown to use it anyway")
            }
            Error::FileExists { .. } => {
                "brief never overwrites a file: choose another file name with --slug".to_string()
            }
            Error::InvalidOption { expected, .. } => format!("expected {expected}"),
            Error::FolderNotEmpty { .. } => {
                "choose an empty or new folder, or pass --force to add the site's files beside what is there (no file is overwritten)".to_string()
            }
            Error::NoEditor { .. } => {
                "set $VISUAL or $EDITOR to your editor's command, such as `nano` or `code --wait`"
                    .to_string()
            }
            Error::EditorFailed { .. } => {
                "check $VISUAL or $EDITOR; the file was written and is waiting for you".to_string()
            }
            Error::PortInUse { .. } => {
                "stop what uses it, choose another port with --port, or --port 0 to pick a free one"
                    .to_string()
            }
            Error::Listen { .. } | Error::Watch { .. } | Error::ServerStart { .. } => {
                return None;
            }
            Error::BrokenReference {
                location, missing, ..
            } => match missing {
                Missing::Page if location.is_some() => {
                    "link to an article by its .md file, or to a page brief generates such as /companies/ or /atom.xml".to_string()
                }
                Missing::Page => {
                    "the link comes from a template, or from a summary shown on that page: fix it there, or add the page it expects".to_string()
                }
                Missing::File => {
                    "put the file beside the article in its bundle (content/2025/10/rally/index.md and chart.png, linked as chart.png), or under static/ (static/images/chart.png is served at /images/chart.png) and link to it from the site root".to_string()
                }
                Missing::Anchor => {
                    "link to a heading's id (the # link beside it on the page), or give a heading one with {#id}".to_string()
                }
                Missing::Unpublished => {
                    "publish that article first, build with --drafts or --future, or remove the link".to_string()
                }
            },
            Error::PriceHeader { .. } => {
                "the first line names the columns: `date,close` (in any order; other columns are ignored)".to_string()
            }
            Error::PriceValueMissing { column, .. } => {
                format!("give every row a date and a close, such as `2025-10-02,79.10` (the row has no `{column}`)")
            }
            Error::PriceDate { .. } => {
                "write the trading day as YYYY-MM-DD, such as 2025-10-02".to_string()
            }
            Error::PriceClose { .. } => {
                "write the close as a positive number, such as 79.10: a dot for decimals, no thousands separator or currency sign".to_string()
            }
            Error::PriceDateRepeated { .. } => {
                "keep one row per date: remove the other".to_string()
            }
            Error::PriceDateOutOfOrder { .. } => {
                "sort the rows by date, oldest first".to_string()
            }
            Error::PriceFileUnregistered {
                ticker, closest, ..
            } => {
                let guess = closest
                    .as_ref()
                    .map(|c| format!("did you mean `{c}`? rename the file {c}.csv, or "))
                    .unwrap_or_default();
                format!(
                    "{guess}add `{ticker}` to a company's `tickers` in site.toml: a price file is named after a listing"
                )
            }
            Error::PriceFileTwice { .. } => {
                "keep one file per listing (file names match tickers in any case): remove or merge the other".to_string()
            }
            Error::UnknownChoice {
                option: "--company",
                closest,
                ..
            } => format!(
                "{}--company takes a company's key or one of its tickers, as site.toml lists them",
                did_you_mean(closest)
            ),
            Error::UnknownChoice {
                option,
                closest,
                known,
                ..
            } => format!(
                "{}{}; {option} takes one of them",
                did_you_mean(closest),
                declared_ecosystems(known)
            ),
            Error::NoBriefings { before, after, .. } => {
                let left_out =
                    "drafts and briefings dated later are left out unless --drafts or --future";
                let nearest = match (before, after) {
                    (Some(before), Some(after)) => {
                        format!("the nearest days with briefings are `{before}` and `{after}`")
                    }
                    (Some(day), None) | (None, Some(day)) => {
                        format!("the nearest day with briefings is `{day}`")
                    }
                    (None, None) => {
                        return Some(format!(
                            "no published briefing passes these filters on any day; {left_out}"
                        ));
                    }
                };
                format!(
                    "{nearest}: pass one with --date, or take more days with --since and --until; {left_out}"
                )
            }
            Error::Read { .. } | Error::Write { .. } => return None,
        })
    }

    /// A stable name for the kind of error, for JSON output: editors and CI match on it.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Read { .. } => "read-failed",
            Error::Write { .. } => "write-failed",
            Error::NoSiteConfig { .. } => "no-site-config",
            Error::NotUtf8 { .. } => "not-utf8",
            Error::Toml { .. } => "invalid-toml",
            Error::Yaml { .. } => "invalid-yaml",
            Error::NoFrontMatter { .. } => "no-front-matter",
            Error::UnclosedFrontMatter { .. } => "unclosed-front-matter",
            Error::MissingField { .. } => "missing-field",
            Error::BadDate { .. } => "bad-date",
            Error::UnknownEcosystem { .. } => "unknown-ecosystem",
            Error::InvalidValue { .. } => "invalid-value",
            Error::TickerListedTwice { .. } => "ticker-listed-twice",
            Error::UnknownKey { .. } => "unknown-key",
            Error::EmptyTicker { .. } => "empty-ticker",
            Error::TooManyTickers { .. } => "too-many-tickers",
            Error::MoveWithoutChange { .. } => "move-without-change",
            Error::MovedTwice { .. } => "move-twice",
            Error::MoveWithoutDay { .. } => "move-without-day",
            Error::DottedTicker { .. } => "unquoted-ticker",
            Error::UnknownTemplate { .. } => "unknown-template",
            Error::NameTooLong { .. } => "name-too-long",
            Error::UrlTakenByTicker { .. } => "ticker-url-taken",
            Error::DuplicateUrl { .. } => "duplicate-url",
            Error::ReservedUrl { .. } => "reserved-url",
            Error::BrokenLink { .. } => "broken-link",
            Error::UnknownTheme { .. } => "unknown-theme",
            Error::Template { .. } => "template",
            Error::UnsafeOutput { .. } => "unsafe-output",
            Error::OutputNotAFolder { .. } => "output-not-a-folder",
            Error::OutputTaken { .. } => "output-taken",
            Error::DiskFull { .. } => "disk-full",
            Error::OutputPartlyUpdated { .. } => "output-partly-updated",
            Error::StaticCollision { .. } => "static-collision",
            Error::BundleCollision { .. } => "bundle-collision",
            Error::BadSitePath { .. } => "bad-site-path",
            Error::AliasTwice { .. } => "alias-twice",
            Error::AliasTaken { .. } => "alias-taken",
            Error::BrokenImage { .. } => "broken-image",
            Error::ImageCopyTaken { .. } => "image-copy-taken",
            Error::ImageCopyCollision { .. } => "image-copy-collision",
            Error::NotRegistered {
                kind: NameKind::Ticker,
                ..
            } => "unknown-ticker",
            Error::NotRegistered {
                kind: NameKind::Ecosystem,
                ..
            } => "unknown-ecosystem",
            Error::FileExists { .. } => "file-exists",
            Error::InvalidOption { .. } => "invalid-option",
            Error::FolderNotEmpty { .. } => "folder-not-empty",
            Error::NoEditor { .. } => "no-editor",
            Error::EditorFailed { .. } => "editor-failed",
            Error::PortInUse { .. } => "port-in-use",
            Error::Listen { .. } => "cannot-listen",
            Error::Watch { .. } => "cannot-watch",
            Error::ServerStart { .. } => "server-start-failed",
            Error::PriceHeader { .. } => "price-header",
            Error::PriceValueMissing { .. } => "price-value-missing",
            Error::PriceDate { .. } => "price-date",
            Error::PriceClose { .. } => "price-close",
            Error::PriceDateRepeated { .. } => "price-date-repeated",
            Error::PriceDateOutOfOrder { .. } => "price-date-out-of-order",
            Error::PriceFileUnregistered { .. } => "price-file-unregistered",
            Error::PriceFileTwice { .. } => "price-file-twice",
            Error::UnknownChoice {
                option: "--company",
                ..
            } => "unknown-company",
            Error::UnknownChoice { .. } => "unknown-ecosystem",
            Error::NoBriefings { .. } => "no-briefings",
            Error::BrokenReference { missing, .. } => match missing {
                Missing::Page => "broken-link",
                Missing::File => "missing-file",
                Missing::Anchor => "missing-anchor",
                Missing::Unpublished => "link-to-unpublished",
            },
        }
    }

    /// The file the error is about, located or not, for JSON output.
    pub fn file(&self) -> Option<&Path> {
        if let Some(location) = self.location() {
            return Some(&location.path);
        }
        match self {
            Error::Read { path, .. }
            | Error::Write { path, .. }
            | Error::ReservedUrl { path, .. }
            | Error::OutputTaken { path, .. }
            | Error::StaticCollision { path, .. }
            | Error::BundleCollision { path, .. }
            | Error::ImageCopyTaken { path, .. }
            | Error::FileExists { path }
            | Error::NoEditor { path }
            | Error::PriceFileUnregistered { path, .. } => Some(path),
            Error::DuplicateUrl { first, .. } | Error::PriceFileTwice { first, .. } => Some(first),
            Error::Template { origin, .. } => Some(origin),
            Error::FolderNotEmpty { dir } | Error::UnknownTheme { dir, .. } => Some(dir),
            _ => None,
        }
    }
}

/// A located template error shows its path in the location; one without says which
/// template it is in.
fn template_text(origin: &Path, location: &Option<Location>, message: &str) -> String {
    if location.is_some() {
        message.to_string()
    } else {
        format!("in template {}: {message}", origin.display())
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
    match (error.location(), error) {
        (Some(l), _) => (Some(l.path.clone()), l.line, l.column),
        // About a whole file: first among that file's errors.
        (None, Error::PriceFileUnregistered { path, .. }) => (Some(path.clone()), 0, 0),
        (None, _) => (None, 0, 0),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_locate_every_offset_as_from_offset_does() {
        let path = Path::new("a.md");
        let text = "+++\ntitle = \"Größe\"\n+++\n\nA [link](b.md) 中国\n\nlast";
        let lines = Lines::new(path, text);
        for offset in 0..=text.len() + 2 {
            for width in [0, 1, 4] {
                assert_eq!(
                    lines.locate(offset, width),
                    Location::from_offset(path, text, offset, width),
                    "offset {offset}, width {width}"
                );
            }
        }
    }
}
