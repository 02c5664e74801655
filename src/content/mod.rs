//! content/: find every article, read its front matter and Markdown, and produce
//! checked `Article`s, or every error of every file at once.
//!
//! Reads files and nothing else; whether an article is published, and everything
//! that depends on other articles, is the model's business.

pub mod bundle;
pub mod cashtags;
pub mod dates;
pub mod front_matter;
pub mod moves;
mod promises;
pub mod store;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use jiff::Timestamp;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostics, Skip, Warning};
use crate::error::{Error, Errors, Lines, Location};
use crate::files;
use crate::markdown::{self, Heading, LinkTarget, SiteHtml};
use crate::schema::{self, Finding};
use crate::site_paths;
use crate::urls;
use front_matter::{FrontMatter, Located, ParseError, Split, SplitError};
pub use moves::{Currency, Direction, Move};

/// A briefing lists in the site and its feeds; a page (About) does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleKind {
    Briefing,
    Page,
}

/// A name an article uses (an ecosystem key, a ticker) and where it wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub location: Location,
}

/// One content file, read and checked.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to content/ (`2026/10/rally.md`).
    pub source: PathBuf,
    /// Path as shown to the writer (`content/2026/10/rally.md` under the root).
    pub file: PathBuf,
    pub kind: ArticleKind,
    /// Site path (`/2026/10/rally/`).
    pub url: String,
    pub title: String,
    /// Required for briefings; pages may go without.
    pub date: Option<Timestamp>,
    /// True when the front matter's `date` gives a time of day, which pages then show;
    /// a bare date stands for the day.
    pub date_has_time: bool,
    pub updated: Option<Timestamp>,
    /// Its links into the site are site paths: the base URL's path prefix goes in
    /// only where a page is written (`SiteHtml::write`), so an article stands under
    /// any `base_url`.
    pub summary_html: SiteHtml,
    /// True when the summary is the front matter's own; else it is the opening of the
    /// body, which the article's page shows anyway.
    pub summary_written: bool,
    pub content_html: SiteHtml,
    pub headings: Vec<Heading>,
    pub ecosystems: Vec<Named>,
    /// Every ticker the briefing names: those of `tickers`, then those only `[moves]`
    /// names (a ticker with a move is named, even when `tickers` leaves it out).
    pub tickers: Vec<Named>,
    /// The moves `[moves]` reports, in the order written.
    pub moves: Vec<Move>,
    pub draft: bool,
    pub author: String,
    pub template: Option<String>,
    /// Where the front matter's `template` is written, to check it against the theme.
    pub template_location: Option<Location>,
    /// `image`: the picture link previews of this article show, over the site's
    /// `[social] image`.
    pub image: Option<crate::config::Image>,
    pub words: usize,
    /// Where the front matter's `date` is written, for warnings about it.
    pub date_location: Option<Location>,
    /// Every link and image of the body, for `check` to follow in the built site.
    pub references: Vec<Reference>,
    /// Old URLs of the article (`aliases`), each redirected to it.
    pub aliases: Vec<Alias>,
    /// For a bundle (`rally/index.md`): the other files of its folder, relative to it
    /// (`chart.png`, `data/prices.csv`), published beside the article.
    pub bundle: Vec<String>,
    /// Warnings about the file itself (cashtags no company answers, template syntax
    /// of other generators, files left out of its bundle), passed on by
    /// the model so build, check and serve all show them.
    pub notices: Vec<Warning>,
}

/// An old URL of an article, and where its front matter gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// Site path (`/2015/05/15/rust-1.0.html`, `/old/url/`).
    pub url: String,
    pub location: Location,
}

/// The most tickers one briefing may name. Each ticker's page shows the briefing with
/// every ticker it names, so one briefing costs the square of its count: 100 keeps a
/// market-wide briefing possible and its pages near a megabyte in all, where 2,000
/// tickers would write 700 MB.
pub const MAX_TICKERS: usize = 100;

/// A link or image in an article's Markdown, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub location: Location,
    /// The destination as the writer wrote it, and as the HTML has it unless it is
    /// a link to a content file.
    pub written: String,
    /// For a link to a content file: its site path (`/2026/10/rally/#move`), before
    /// the base URL's path prefix.
    pub site_path: Option<String>,
    pub image: bool,
}

/// Reads every article under `config.root/content`, with warnings about what is
/// skipped.
pub fn load(config: &SiteConfig) -> Result<(Vec<Article>, Diagnostics), Errors> {
    let loaded = load_each(config)?;
    loaded
        .errors
        .into_result((loaded.articles, loaded.warnings))
}

/// Every file under content/, each read and checked on its own.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The articles that read and checked cleanly.
    pub articles: Vec<Article>,
    /// Site path of every file that could be read, including those with errors.
    pub targets: LinkTargets,
    /// The errors of every other file, sorted.
    pub errors: Errors,
    /// Files and folders left out.
    pub warnings: Diagnostics,
}

/// Reads every article, keeping the good ones beside the errors of the rest, so `check`
/// can go on to look at the whole site. Fails only when content/ cannot be listed.
pub fn load_each(config: &SiteConfig) -> Result<Loaded, Errors> {
    let discovered = discover(&config.root.join(files::CONTENT))?;
    let warnings = skipped_warnings(&config.root, &discovered.skipped);
    let files: Vec<Result<SourceFile, Error>> = discovered
        .sources
        .par_iter()
        .map(|source| SourceFile::read(&config.root, source))
        .collect();
    let mut errors = Errors::default();
    let files: Vec<SourceFile> = files
        .into_iter()
        .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
        .collect();
    let targets = link_targets(&files);
    let reads = ConfigRead::of(config);
    // Each file's text is dropped as soon as its article is made, so a large site never
    // holds every source beside every rendered article.
    let results: Vec<Result<Article, Errors>> = files
        .into_par_iter()
        .map(|file| file.article(&reads, &targets))
        .collect();
    let articles = results
        .into_iter()
        .filter_map(|r| r.map_err(|e| errors.extend(e.0)).ok())
        .collect();
    Ok(Loaded {
        articles,
        targets,
        errors: errors.sorted(),
        warnings,
    })
}

/// A warning for each file or folder left out, at its path under the site root.
pub fn skipped_warnings(root: &Path, skipped: &[(PathBuf, Skip)]) -> Diagnostics {
    skipped
        .iter()
        .map(|(relative, why)| Warning::skipped(&files::content_file(root, relative), *why))
        .collect()
}

/// Content path → site path of every file, for links between articles.
pub type LinkTargets = HashMap<PathBuf, String>;

pub fn link_targets(files: &[SourceFile]) -> LinkTargets {
    files
        .iter()
        .map(|f| (f.source.clone(), f.url.clone()))
        .collect()
}

/// What is under content/: the Markdown files to read, and the files and folders that
/// are left out and must be reported (paths relative to content/).
#[derive(Debug, Default)]
pub struct Discovered {
    pub sources: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, Skip)>,
}

/// Every Markdown file under `content_dir`, relative to it, in a stable order; hidden
/// files and folders and editors' leftovers are not content. Symbolic links are not
/// followed, and names that are not UTF-8 are not read: both are in `skipped` when
/// they would otherwise be content (a folder, or a name ending in `.md`). Serve asks
/// `discover_one` about single paths, which follows the same rules.
pub fn discover(content_dir: &Path) -> Result<Discovered, Error> {
    let mut found = Discovered::default();
    if !content_dir.is_dir() {
        return Ok(found);
    }
    let mut walker = WalkDir::new(content_dir).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|e| Error::Read {
            path: e.path().unwrap_or(content_dir).to_path_buf(),
            source: e.into(),
        })?;
        if entry.depth() == 0 {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(content_dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        let is_dir = entry.file_type().is_dir();
        match judge(entry.path(), entry.path_is_symlink(), is_dir) {
            Found::Article => found.sources.push(relative),
            Found::Folder => {}
            Found::Skipped(why) => {
                found.skipped.push((relative, why));
                if is_dir {
                    walker.skip_current_dir();
                }
            }
            Found::Nothing => {
                if is_dir {
                    walker.skip_current_dir();
                }
            }
        }
    }
    Ok(found)
}

/// What a path under content/ is to brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Article,
    /// A folder to look into.
    Folder,
    /// Left out, with a warning.
    Skipped(Skip),
    /// Not content (hidden, an editor's leftover, another kind of file), or not there.
    Nothing,
}

/// What `relative` (under `content_dir`) is, by the rules of `discover`, for a caller
/// that learns of paths one by one (serve). A path inside a skipped folder is
/// `Nothing`: the folder's own warning covers it.
pub fn discover_one(content_dir: &Path, relative: &Path) -> Found {
    let mut path = content_dir.to_path_buf();
    let mut components = relative.components().peekable();
    while let Some(component) = components.next() {
        path.push(component);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return Found::Nothing;
        };
        let is_symlink = meta.file_type().is_symlink();
        let found = judge(&path, is_symlink, meta.is_dir());
        if components.peek().is_none() {
            return found;
        }
        if found != Found::Folder {
            return Found::Nothing;
        }
    }
    Found::Folder
}

/// The one rule for a file or folder at `path`, for `discover` and `discover_one`.
fn judge(path: &Path, is_symlink: bool, is_dir: bool) -> Found {
    let name = path.file_name().unwrap_or_default();
    let Some(name) = name.to_str() else {
        let looks_like_content = is_dir || name.as_encoded_bytes().ends_with(b".md");
        let hidden = name.as_encoded_bytes().starts_with(b".");
        return if looks_like_content && !hidden {
            Found::Skipped(Skip::NameNotUtf8)
        } else {
            Found::Nothing
        };
    };
    if is_hidden(name) {
        return Found::Nothing;
    }
    if is_symlink {
        // A link to a folder, or to (or named as) an article, is content left out.
        return if is_article_file(name) || path.is_dir() {
            Found::Skipped(Skip::Symlink)
        } else {
            Found::Nothing
        };
    }
    if is_dir {
        Found::Folder
    } else if is_article_file(name) {
        Found::Article
    } else {
        Found::Nothing
    }
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// True for `rally.md`; false for `.#rally.md`, `rally.md~`, `#rally.md#`, `.rally.md.swp`.
pub fn is_article_file(name: &str) -> bool {
    name.ends_with(".md") && !is_hidden(name) && !name.starts_with('#') && name.len() > 3
}

/// A file read and split, its front matter parsed, its URL decided: everything about
/// an article that does not depend on other files, so it can be kept while they change.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to content/.
    pub source: PathBuf,
    /// Path as shown to the writer.
    pub file: PathBuf,
    /// The whole file.
    pub text: String,
    split: Split,
    front_matter: FrontMatter,
    /// Site path the article will have.
    pub url: String,
    /// For a bundle's `index.md`, the files beside it (see `with_bundle`).
    pub bundle: bundle::Listing,
}

/// What checking an article reads of the configuration: the time zone its dates are
/// read in, the ecosystems it may name and the companies its cashtags may name.
/// Articles checked under one configuration stand under another that reads the same,
/// so `serve` checks them again only when this changes. `SourceFile::article` is given
/// only this, so it cannot read more without this saying so. The base URL is not
/// read: links are kept as site paths, and its path prefix goes in where pages are
/// written.
#[derive(Debug, PartialEq)]
pub struct ConfigRead<'a> {
    pub timezone: &'a jiff::tz::TimeZone,
    /// The keys of the declared ecosystems.
    pub ecosystems: Vec<&'a str>,
    /// None when site.toml turns cashtags off.
    pub cashtags: Option<cashtags::CompanyNames>,
}

impl<'a> ConfigRead<'a> {
    pub fn of(config: &'a SiteConfig) -> ConfigRead<'a> {
        ConfigRead {
            timezone: &config.timezone,
            ecosystems: config
                .registry
                .ecosystems
                .iter()
                .map(|e| e.key.as_str())
                .collect(),
            cashtags: config
                .cashtags
                .then(|| cashtags::CompanyNames::of(&config.registry)),
        }
    }
}

impl SourceFile {
    /// Reads `root/content/source`.
    pub fn read(root: &Path, source: &Path) -> Result<SourceFile, Error> {
        let bytes =
            std::fs::read(root.join(files::CONTENT).join(source)).map_err(|e| Error::Read {
                path: files::content_file(root, source),
                source: e,
            })?;
        Ok(SourceFile::from_bytes(root, source, bytes)?.with_bundle(root))
    }

    /// The file with the listing of its bundle, when it is a bundle's `index.md`: what
    /// is published beside it is part of the article, read when the file is.
    pub fn with_bundle(mut self, root: &Path) -> SourceFile {
        if bundle::is_index(&self.source) {
            self.bundle = bundle::list(&root.join(files::CONTENT), &self.source);
        }
        self
    }

    /// The file at `root/content/source`, from bytes already read.
    pub fn from_bytes(root: &Path, source: &Path, bytes: Vec<u8>) -> Result<SourceFile, Error> {
        let file = files::content_file(root, source);
        let text = files::decode_utf8(&file, bytes)?;
        let split = front_matter::split(&text).map_err(|e| match e {
            SplitError::NoFrontMatter => Error::NoFrontMatter {
                location: Location::from_offset(&file, &text, 0, 1),
            },
            SplitError::Unclosed { format, fence_at } => Error::UnclosedFrontMatter {
                location: Location::from_offset(&file, &text, fence_at, 3),
                fence: format.fence(),
            },
        })?;
        let front_matter = front_matter::parse(&text, &split).map_err(|e| match e {
            ParseError::Toml { offset, message } => Error::Toml {
                location: Location::from_offset(&file, &text, offset, 1),
                message,
            },
            ParseError::Yaml {
                line,
                column,
                message,
            } => Error::Yaml {
                location: Location::at(&file, line, column),
                message,
            },
        })?;
        // A `path` that is not a site path is an error of the article; until it is
        // fixed, the file's own URL stands in, so links to it still resolve.
        let written_path = front_matter.path.as_ref();
        let url = match written_path.and_then(|p| site_paths::path(&p.value).ok()) {
            Some(path) => path,
            None => urls::article(source, front_matter.slug.as_ref().map(|s| s.value.as_str())),
        };
        Ok(SourceFile {
            source: source.to_path_buf(),
            file,
            text,
            split,
            front_matter,
            url,
            bundle: bundle::Listing::default(),
        })
    }

    fn at<T>(&self, located: &Located<T>) -> Location {
        Location::from_offset(
            &self.file,
            &self.text,
            located.span.start,
            located.span.len(),
        )
    }

    /// Checks the front matter and renders the Markdown, with links resolved in `targets`.
    pub fn article(&self, config: &ConfigRead, targets: &LinkTargets) -> Result<Article, Errors> {
        let mut errors = Errors::default();
        let fm = &self.front_matter;
        let opening = Location::from_offset(&self.file, &self.text, self.split.fence_at, 3);
        let kind = match fm.kind.as_ref().map(|k| k.value.as_str()) {
            None | Some("briefing") | Some("article") => ArticleKind::Briefing,
            Some("page") => ArticleKind::Page,
            Some(other) => {
                errors.push(Error::InvalidValue {
                    location: self.at(fm.kind.as_ref().expect("kind is present")),
                    what: "kind",
                    value: other.to_string(),
                    expected: "\"page\" for a page that is not a briefing, or no `kind` for a briefing",
                });
                ArticleKind::Briefing
            }
        };
        let title = match &fm.title {
            Some(title) if !title.value.trim().is_empty() => title.value.clone(),
            _ => {
                errors.push(Error::MissingField {
                    location: fm.title.as_ref().map_or(opening.clone(), |t| self.at(t)),
                    field: "title",
                });
                String::new()
            }
        };
        let mut date_of = |located: &Option<Located<String>>| {
            let located = located.as_ref()?;
            dates::read(&located.value, config.timezone)
                .map_err(|reason| {
                    errors.push(Error::BadDate {
                        location: self.at(located),
                        value: located.value.clone(),
                        reason,
                        yaml: self.split.format == front_matter::Format::Yaml,
                    })
                })
                .ok()
        };
        let dated = date_of(&fm.date);
        let date = dated.map(|d| d.at);
        let updated = date_of(&fm.updated).map(|d| d.at);
        if kind == ArticleKind::Briefing && fm.date.is_none() {
            errors.push(Error::MissingField {
                location: opening,
                field: "date",
            });
        }
        let ecosystems: Vec<Named> = fm.ecosystem.as_ref().map_or_else(Vec::new, |located| {
            located
                .value
                .iter()
                .map(|key| Named {
                    name: key.clone(),
                    location: self.within(located, key),
                })
                .collect()
        });
        for named in &ecosystems {
            if !config.ecosystems.contains(&named.name.as_str()) {
                errors.push(Error::UnknownEcosystem {
                    location: named.location.clone(),
                    key: named.name.clone(),
                    known: config.ecosystems.iter().map(|k| k.to_string()).collect(),
                });
            }
        }
        let default_day = date.map(|d| d.to_zoned_datetime(config.timezone.clone()).date());
        let moves = moves::check(
            fm.moves.as_ref(),
            &self.file,
            &self.text,
            default_day,
            fm.date.is_some(),
            &mut errors,
        );
        let mut notices = Vec::new();
        for finding in schema::check(&fm.keys, &schema::FRONT_MATTER) {
            match finding {
                Finding::Unknown { span, .. } if moves.explained.contains(&span) => {}
                Finding::Unknown { span, key, schema } => errors.push(Error::UnknownKey {
                    location: self.at_span(span),
                    key,
                    schema,
                }),
            }
        }
        let tickers = self.tickers(&moves, &mut errors);
        match &fm.path {
            Some(path) => {
                if let Err(problem) = site_paths::path(&path.value) {
                    errors.push(Error::BadSitePath {
                        location: self.at(path),
                        key: "path",
                        value: path.value.clone(),
                        problem,
                    });
                }
            }
            None => self.check_url_parts(&mut errors),
        }
        let aliases = self.aliases(&mut errors);

        let body = &self.text[self.split.body.clone()];
        let scope = self
            .url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("a");
        let resolve = |dest: &str| resolve_link(&self.source, dest, targets);
        let link_cashtag = |word: &str| config.cashtags.as_ref()?.linked(word);
        let cashtags = config
            .cashtags
            .as_ref()
            .map(|_| &link_cashtag as &markdown::Lookup);
        let rendered = markdown::render(body, scope, &resolve, cashtags);
        let lines = Lines::new(&self.file, &self.text);
        let in_body =
            |range: &Range<usize>| lines.locate(self.split.body.start + range.start, range.len());
        for (range, target) in &rendered.broken_links {
            errors.push(Error::BrokenLink {
                location: in_body(range),
                target: target.clone(),
            });
        }
        notices.extend(
            rendered
                .breaches
                .iter()
                .map(|finding| promises::breach(in_body(&finding.range), finding)),
        );
        let unknown_cashtag = |location: Location, word: String| Warning::UnregisteredCashtag {
            location,
            closest: config.cashtags.as_ref().and_then(|c| c.closest(&word)),
            cashtag: word,
        };
        notices.extend(
            rendered
                .unknown_cashtags
                .into_iter()
                .map(|(range, word)| unknown_cashtag(in_body(&range), word)),
        );
        notices.extend(
            rendered
                .foreign
                .iter()
                .map(|found| promises::foreign(in_body(&found.range), body, found)),
        );
        // `brief new` writes `summary = ""`: empty means "use the first paragraph".
        let written_summary = fm.summary.as_ref().filter(|s| !s.value.trim().is_empty());
        let summary_html = match written_summary {
            Some(summary) => {
                let inline = markdown::render_inline(summary.value.trim(), &resolve, cashtags);
                for (_, target) in inline.broken_links {
                    errors.push(Error::BrokenLink {
                        location: self.at(summary),
                        target,
                    });
                }
                notices.extend(
                    inline
                        .breaches
                        .iter()
                        .map(|finding| promises::breach(self.at(summary), finding)),
                );
                notices.extend(inline.unknown_cashtags.into_iter().map(|(_, word)| {
                    let written = format!("${word}");
                    unknown_cashtag(self.written_in(summary, &written), word)
                }));
                inline.html
            }
            None => rendered.summary_html.unwrap_or_default(),
        };
        // Shown on list pages and in feeds, away from the article: its relative links
        // are resolved against the article's URL, as the article's own page reads them.
        let summary_html = summary_html.away_from_its_page();
        notices.extend(promises::unpublishable(&self.file, &self.text));
        let folder = self.file.parent().unwrap_or(Path::new(""));
        let bundle_folder = self.source.parent().unwrap_or(Path::new(""));
        notices.extend(self.bundle.skipped.iter().map(|(path, why)| {
            let inside = path.strip_prefix(bundle_folder).unwrap_or(path);
            Warning::skipped(&folder.join(inside), *why)
        }));
        errors.into_result(Article {
            source: self.source.clone(),
            file: self.file.clone(),
            kind,
            url: self.url.clone(),
            title,
            date,
            date_has_time: dated.is_some_and(|d| d.has_time),
            updated,
            summary_html,
            summary_written: written_summary.is_some(),
            content_html: rendered.html,
            headings: rendered.headings,
            ecosystems,
            tickers,
            moves: moves.moves,
            draft: fm.draft,
            author: fm.author.clone().unwrap_or_default(),
            template: fm.template.as_ref().map(|t| t.value.clone()),
            template_location: fm.template.as_ref().map(|t| self.at(t)),
            image: fm.image.as_ref().map(|image| crate::config::Image {
                written: image.value.clone(),
                location: self.at(image),
            }),
            words: rendered.words,
            date_location: fm.date.as_ref().map(|d| self.at(d)),
            references: rendered
                .references
                .into_iter()
                .map(|r| Reference {
                    location: lines.locate(self.split.body.start + r.range.start, r.range.len()),
                    written: r.written,
                    site_path: r.site_path,
                    image: r.image,
                })
                .collect(),
            bundle: self.bundle.files.clone(),
            aliases,
            notices,
        })
    }

    /// Where `written` is in a front-matter value, or the value itself when it is
    /// written another way (with escapes).
    fn written_in<T>(&self, located: &Located<T>, written: &str) -> Location {
        match self.text[located.span.clone()].find(written) {
            Some(i) => Location::from_offset(
                &self.file,
                &self.text,
                located.span.start + i,
                written.len(),
            ),
            None => self.at(located),
        }
    }

    fn at_span(&self, span: Range<usize>) -> Location {
        Location::from_offset(&self.file, &self.text, span.start, span.len())
    }

    /// The tickers named by `tickers` and then by `moves` (each ticker once), at most
    /// [`MAX_TICKERS`] of them; an empty one is an error.
    fn tickers(&self, moves: &moves::Checked, errors: &mut Errors) -> Vec<Named> {
        let mut tickers = Vec::new();
        for ticker in &self.front_matter.tickers {
            let name = ticker.value.trim();
            if name.is_empty() {
                errors.push(Error::EmptyTicker {
                    location: self.at(ticker),
                });
                continue;
            }
            tickers.push(Named {
                name: name.to_string(),
                location: self.at(ticker),
            });
        }
        let listed: HashSet<String> = tickers.iter().map(|t| t.name.to_uppercase()).collect();
        for (named, place) in moves.moves.iter().zip(&moves.places) {
            if !listed.contains(&named.ticker.normalized()) {
                tickers.push(Named {
                    name: named.ticker.to_string(),
                    location: place.clone(),
                });
            }
        }
        let mut distinct = HashSet::new();
        for ticker in &tickers {
            if distinct.insert(ticker.name.to_uppercase()) && distinct.len() == MAX_TICKERS + 1 {
                let count = tickers
                    .iter()
                    .map(|t| t.name.to_uppercase())
                    .collect::<HashSet<_>>()
                    .len();
                errors.push(Error::TooManyTickers {
                    location: ticker.location.clone(),
                    count,
                    limit: MAX_TICKERS,
                });
            }
        }
        tickers
    }

    /// The `aliases`, each a site path; one that is not, or that is given twice, is
    /// an error at its place.
    fn aliases(&self, errors: &mut Errors) -> Vec<Alias> {
        let mut aliases: Vec<Alias> = Vec::new();
        for written in &self.front_matter.aliases {
            match site_paths::alias(&written.value) {
                Ok(url) if aliases.iter().any(|a| a.url == url) => {
                    errors.push(Error::AliasTwice {
                        location: self.at(written),
                        url,
                    });
                }
                Ok(url) => aliases.push(Alias {
                    url,
                    location: self.at(written),
                }),
                Err(problem) => errors.push(Error::BadSitePath {
                    location: self.at(written),
                    key: "aliases",
                    value: written.value.clone(),
                    problem,
                }),
            }
        }
        aliases
    }

    /// Every part of the article's URL becomes a folder name, which a file system
    /// limits in length.
    fn check_url_parts(&self, errors: &mut Errors) {
        let parts: Vec<&str> = self.url.split('/').filter(|p| !p.is_empty()).collect();
        for (index, part) in parts.iter().enumerate() {
            if part.len() <= urls::MAX_PART_BYTES {
                continue;
            }
            let slug = self
                .front_matter
                .slug
                .as_ref()
                .filter(|_| index + 1 == parts.len());
            errors.push(Error::NameTooLong {
                location: match slug {
                    Some(slug) => self.at(slug),
                    None => Location::at(&self.file, 1, 1),
                },
                what: if slug.is_some() {
                    "slug"
                } else {
                    "file or folder name"
                },
                part: part.to_string(),
                limit: urls::MAX_PART_BYTES,
            });
        }
    }

    /// Where `key` is written inside a list value, so an error points at the key itself.
    /// A YAML span may cover only the value's first character, so the search runs on
    /// to the end of the front matter; only a whole key counts (`chin` is not in `china`).
    fn within<T>(&self, located: &Located<T>, key: &str) -> Location {
        let end = located.span.end.max(self.split.front_matter.end);
        let region = &self.text[located.span.start..end];
        let is_key_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
        let whole = region.match_indices(key).find(|&(i, _)| {
            let before = region[..i].chars().next_back();
            let after = region[i + key.len()..].chars().next();
            !before.is_some_and(is_key_char) && !after.is_some_and(is_key_char)
        });
        match whole {
            Some((i, _)) => {
                Location::from_offset(&self.file, &self.text, located.span.start + i, key.len())
            }
            None => self.at(located),
        }
    }
}

/// What a link in the article at `source` means: another content file (its site
/// path), or not ours.
fn resolve_link(source: &Path, dest: &str, targets: &HashMap<PathBuf, String>) -> LinkTarget {
    if dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with('#')
        || dest.starts_with("//")
    {
        return LinkTarget::Keep;
    }
    // Zola's form: `@/2025/10/rally.md` is the content file from the root.
    let zola = dest.strip_prefix("@/");
    let dest = zola.unwrap_or(dest);
    let (path, fragment) = match dest.find(['#', '?']) {
        Some(i) => dest.split_at(i),
        None => (dest, ""),
    };
    if !path.ends_with(".md") {
        // `@/` names content files only: anything else cannot be reached.
        return if zola.is_some() {
            LinkTarget::Broken
        } else {
            LinkTarget::Keep
        };
    }
    let joined = match zola.map(|_| path).or_else(|| path.strip_prefix('/')) {
        Some(from_root) => PathBuf::from(from_root),
        None => source.parent().unwrap_or(Path::new("")).join(path),
    };
    let Some(normalized) = normalize(&joined) else {
        return LinkTarget::Broken;
    };
    match targets.get(&normalized) {
        Some(url) => LinkTarget::Site(format!("{url}{fragment}")),
        None => LinkTarget::Broken,
    }
}

/// Resolves `.` and `..`; None when the path climbs out of content/.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_not_articles() {
        for name in [
            ".#rally.md",
            "rally.md~",
            "#rally.md#",
            ".rally.md.swp",
            "4913",
            ".md",
        ] {
            assert!(!is_article_file(name), "{name}");
        }
        assert!(is_article_file("rally.md"));
    }

    #[test]
    fn links_resolve_relative_to_the_article_or_from_the_content_root() {
        let targets = HashMap::from([(
            PathBuf::from("2026/09/rally.md"),
            "/2026/09/rally/".to_string(),
        )]);
        let here = Path::new("2026/10/today.md");
        let url = |dest| match resolve_link(here, dest, &targets) {
            LinkTarget::Site(url) => url,
            LinkTarget::Keep => "keep".into(),
            LinkTarget::Broken => "broken".into(),
        };
        assert_eq!(url("../09/rally.md"), "/2026/09/rally/");
        assert_eq!(url("/2026/09/rally.md#move"), "/2026/09/rally/#move");
        assert_eq!(url("../09/gone.md"), "broken");
        assert_eq!(url("../../../../x.md"), "broken");
        assert_eq!(url("https://example.org/a.md"), "keep");
        assert_eq!(url("../09/chart.png"), "keep");
        assert_eq!(url("@/2026/09/rally.md#move"), "/2026/09/rally/#move");
        assert_eq!(url("@/2026/09/gone.md"), "broken");
        assert_eq!(url("@/2026/09/chart.png"), "broken");
    }
}
