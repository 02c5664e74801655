//! Non-fatal findings of a build, returned as data for the caller to print.
//!
//! The library never logs: a warning travels back in the build's report, so the
//! binary, `check` and the server each show it in their own way.

use std::path::Path;

use crate::error::Location;

/// Why a file or folder under content/ or in data/prices was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// A symbolic link: brief reads only what is inside content/ itself, as a link
    /// may lead outside the site, or round in a loop, and serve cannot watch its target.
    Symlink,
    /// Its name is not UTF-8, so it cannot become a URL.
    NameNotUtf8,
    /// A symbolic link in data/prices, not followed for the same reasons.
    LinkInPrices,
    /// A folder in data/prices: price files sit in the folder itself.
    FolderInPrices,
    /// A file in data/prices that is not a `.csv` file (`0981.HK.xlsx`).
    NotCsv,
}

/// Something a writer should look at that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// An article names a ticker that no company in site.toml lists.
    UnregisteredTicker {
        location: Location,
        ticker: String,
        /// The registered ticker or company key closest in spelling, if any is close.
        closest: Option<String>,
    },
    /// A `$` word in an article's text that starts with a letter and names no company
    /// (`$NVDAA`): left as written, not linked.
    UnregisteredCashtag {
        location: Location,
        /// The word after the `$`, as written.
        cashtag: String,
        /// The registered ticker or company key closest in spelling, if any is close.
        closest: Option<String>,
    },
    /// A company in site.toml belongs to no ecosystem, so no ecosystem page lists it.
    CompanyWithoutEcosystem { location: Location, company: String },
    /// A company in site.toml that no published briefing names.
    CompanyWithoutBriefings { location: Location, company: String },
    /// An ecosystem in site.toml that no published briefing is tagged with.
    EcosystemWithoutBriefings {
        location: Location,
        ecosystem: String,
    },
    /// A published article links to a draft or a scheduled briefing, which this build
    /// leaves out, so the link leads nowhere yet.
    LinkToUnpublished { location: Location, target: String },
    /// A link-preview image (`[social] image`, an article's `image`) on this site that
    /// no static file provides.
    MissingImage {
        location: Location,
        /// As written.
        image: String,
        /// Where the site's static file would be (`static/images/card.png`).
        static_path: String,
    },
    /// A file or folder under content/ that is not read.
    Skipped { location: Location, why: Skip },
    /// A briefing dated after now: the build leaves it out until its date has passed.
    ScheduledBriefing {
        location: Location,
        /// The date as the site shows it, with its offset.
        date: String,
    },
    /// Content that runs a script or frames another page (`<script>`, `<iframe>`, an
    /// `on…` attribute, a `javascript:` URL), against the site's promise of no scripts.
    /// Published as written.
    ScriptInContent {
        location: Location,
        /// What it is, in the writer's words: "a `<script>` element".
        what: String,
    },
    /// Content that loads a file from another host as the page opens (an image, a
    /// video, a stylesheet), against the site's promise of no requests to other hosts.
    /// Published as written.
    RemoteEmbed {
        location: Location,
        /// The element that loads it.
        element: String,
        url: String,
    },
    /// Another generator's template syntax in an article (a Hugo shortcode, a Liquid
    /// tag): brief runs none, so it is published as written, for the writer to convert.
    ForeignSyntax {
        location: Location,
        /// The text as written, shortened to its first line.
        written: String,
        /// "Hugo", "Zola" or "Jekyll".
        generator: &'static str,
        /// "shortcode", "Liquid tag", ...
        what: &'static str,
        /// What to write instead.
        advice: &'static str,
    },
    /// A character that brief does not publish (a control character, a noncharacter
    /// such as U+FFFF), usually pasted from a PDF: dropped from every page and feed.
    UnpublishableCharacter {
        location: Location,
        character: char,
        /// How many more of them the same file has.
        more: usize,
    },
}

impl Warning {
    pub fn location(&self) -> &Location {
        match self {
            Warning::UnregisteredTicker { location, .. }
            | Warning::UnregisteredCashtag { location, .. }
            | Warning::CompanyWithoutEcosystem { location, .. }
            | Warning::CompanyWithoutBriefings { location, .. }
            | Warning::EcosystemWithoutBriefings { location, .. }
            | Warning::ScheduledBriefing { location, .. }
            | Warning::MissingImage { location, .. }
            | Warning::Skipped { location, .. }
            | Warning::LinkToUnpublished { location, .. }
            | Warning::ScriptInContent { location, .. }
            | Warning::RemoteEmbed { location, .. }
            | Warning::ForeignSyntax { location, .. }
            | Warning::UnpublishableCharacter { location, .. } => location,
        }
    }

    /// A warning about a whole file or folder has no line to show.
    pub fn whole_file(&self) -> bool {
        matches!(self, Warning::Skipped { .. })
    }

    /// A skipped file or folder, at `path` as the writer knows it.
    pub fn skipped(path: &Path, why: Skip) -> Warning {
        Warning::Skipped {
            location: Location::at(path, 1, 1),
            why,
        }
    }

    /// A stable name for the kind of warning, for JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Warning::UnregisteredTicker { .. } => "unregistered-ticker",
            Warning::UnregisteredCashtag { .. } => "unregistered-cashtag",
            Warning::CompanyWithoutEcosystem { .. } => "company-without-ecosystem",
            Warning::CompanyWithoutBriefings { .. } => "company-without-briefings",
            Warning::EcosystemWithoutBriefings { .. } => "ecosystem-without-briefings",
            Warning::ScheduledBriefing { .. } => "scheduled-briefing",
            Warning::LinkToUnpublished { .. } => "link-to-unpublished",
            Warning::MissingImage { .. } => "missing-image",
            Warning::Skipped {
                why: Skip::Symlink, ..
            } => "symlink-skipped",
            Warning::Skipped {
                why: Skip::NameNotUtf8,
                ..
            } => "name-not-utf8",
            Warning::Skipped {
                why: Skip::LinkInPrices,
                ..
            } => "symlink-skipped",
            Warning::Skipped {
                why: Skip::FolderInPrices,
                ..
            } => "folder-skipped",
            Warning::Skipped {
                why: Skip::NotCsv, ..
            } => "not-csv-skipped",
            Warning::ScriptInContent { .. } => "script-in-content",
            Warning::RemoteEmbed { .. } => "remote-embed",
            Warning::ForeignSyntax { .. } => "foreign-syntax",
            Warning::UnpublishableCharacter { .. } => "unpublishable-character",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Warning::UnregisteredTicker { ticker, .. } => {
                format!("ticker `{ticker}` is not listed by any company in site.toml")
            }
            Warning::UnregisteredCashtag { cashtag, .. } => {
                format!("`${cashtag}` names no company in site.toml, so it is not linked")
            }
            Warning::CompanyWithoutEcosystem { company, .. } => {
                format!("company `{company}` belongs to no ecosystem")
            }
            Warning::CompanyWithoutBriefings { company, .. } => {
                format!("no briefing names company `{company}`")
            }
            Warning::EcosystemWithoutBriefings { ecosystem, .. } => {
                format!("no briefing is tagged with ecosystem `{ecosystem}`")
            }
            Warning::ScheduledBriefing { date, .. } => {
                format!("this briefing is dated in the future ({date}) and is not published yet")
            }
            Warning::LinkToUnpublished { target, .. } => {
                format!(
                    "the link to `{target}` leads to a draft or scheduled briefing that this build leaves out"
                )
            }
            Warning::MissingImage { image, .. } => {
                format!("no file for the link-preview image `{image}`")
            }
            Warning::Skipped {
                why: Skip::Symlink, ..
            } => {
                "a symbolic link under content/ is skipped: brief does not follow links".to_string()
            }
            Warning::Skipped {
                why: Skip::NameNotUtf8,
                ..
            } => "a name that is not UTF-8 is skipped, with everything in it".to_string(),
            Warning::Skipped {
                why: Skip::LinkInPrices,
                ..
            } => {
                "a symbolic link in data/prices is skipped: brief does not follow links".to_string()
            }
            Warning::Skipped {
                why: Skip::FolderInPrices,
                ..
            } => "a folder in data/prices is skipped: price files sit in data/prices itself"
                .to_string(),
            Warning::Skipped {
                why: Skip::NotCsv, ..
            } => "a file in data/prices that is not a .csv file is skipped".to_string(),
            Warning::ScriptInContent { what, .. } => {
                format!("{what} in content: the site promises pages without scripts")
            }
            Warning::RemoteEmbed { element, url, .. } => {
                format!("`<{element}>` loads `{url}` from another host")
            }
            Warning::ForeignSyntax {
                written,
                generator,
                what,
                ..
            } => format!(
                "`{written}` looks like a {generator} {what}, which is not brief syntax: it is published as written"
            ),
            Warning::UnpublishableCharacter {
                character, more, ..
            } => {
                let others = match more {
                    0 => String::new(),
                    1 => "; the file has 1 more".to_string(),
                    n => format!("; the file has {n} more"),
                };
                format!(
                    "character U+{:04X} ({}) cannot be published{others}",
                    *character as u32,
                    character_kind(*character)
                )
            }
        }
    }

    pub fn help(&self) -> String {
        match self {
            Warning::UnregisteredTicker {
                ticker, closest, ..
            } => {
                let guess = closest
                    .as_ref()
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                format!(
                    "{guess}it gets a page of its own; add it to a company's `tickers` in site.toml to group it (`{ticker}`)"
                )
            }
            Warning::UnregisteredCashtag {
                cashtag, closest, ..
            } => {
                let guess = closest
                    .as_ref()
                    .map(|c| format!("did you mean `${c}`? "))
                    .unwrap_or_default();
                format!(
                    "{guess}add `{cashtag}` to a company's `tickers` in site.toml to link it to the company's page, or write `\\${cashtag}` to keep it as text without this warning"
                )
            }
            Warning::CompanyWithoutEcosystem { .. } => {
                "add `ecosystem = \"<key>\"` to the company, naming one of [ecosystems]".to_string()
            }
            Warning::CompanyWithoutBriefings { .. } => {
                "name one of its tickers (or its key) in a briefing's `tickers`, or remove it from site.toml".to_string()
            }
            Warning::EcosystemWithoutBriefings { .. } => {
                "tag a briefing with it in `ecosystem`, or remove it from site.toml".to_string()
            }
            Warning::ScheduledBriefing { .. } => {
                "it is published by the first build after that date; build with --future to publish it now".to_string()
            }
            Warning::LinkToUnpublished { .. } => {
                "publish the target first, or build with --drafts / --future to preview both".to_string()
            }
            Warning::MissingImage { static_path, .. } => format!(
                "put the picture at {static_path}, or give its absolute URL (https://…); until then link previews show a broken image"
            ),
            Warning::Skipped {
                why: Skip::Symlink, ..
            } => "move or copy the file or folder itself into content/ to publish it".to_string(),
            Warning::Skipped {
                why: Skip::NameNotUtf8,
                ..
            } => "rename it with a UTF-8 name to publish it".to_string(),
            Warning::Skipped {
                why: Skip::LinkInPrices,
                ..
            } => "copy the file itself into data/prices to use its prices".to_string(),
            Warning::Skipped {
                why: Skip::FolderInPrices,
                ..
            } => "move its .csv files up into data/prices, or move the folder out of it".to_string(),
            Warning::Skipped {
                why: Skip::NotCsv, ..
            } => "a listing's closes go in data/prices/<ticker>.csv (such as data/prices/0981.HK.csv), with a `date,close` header; save it as CSV, or move it out of data/prices".to_string(),
            Warning::ScriptInContent { .. } => {
                "brief publishes it as written; remove it, or link to what it shows with [text](https://...)".to_string()
            }
            Warning::RemoteEmbed { .. } => {
                "brief publishes it as written, and every reader's browser will ask that host for it; copy the file into static/ and refer to it by path, or link to it with [text](url)".to_string()
            }
            Warning::ForeignSyntax { advice, .. } => format!(
                "{advice}; to show it as text without this warning, put it in backticks (a code span)"
            ),
            Warning::UnpublishableCharacter { .. } => {
                "brief leaves it out of every page, feed and the sitemap; delete it from the file (text pasted from a PDF often carries them)".to_string()
            }
        }
    }
}

/// What kind of unpublishable character `c` is, for its warning.
fn character_kind(c: char) -> &'static str {
    match c {
        '\0' => "NUL",
        c if c.is_control() => "a control character",
        _ => "a noncharacter",
    }
}

/// Every warning of a build, in file order.
pub type Diagnostics = Vec<Warning>;

/// Puts warnings in file, line and column order.
pub fn sort(warnings: &mut Diagnostics) {
    warnings.sort_by(|a, b| {
        let (a, b) = (a.location(), b.location());
        (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column))
    });
}
