//! `brief digest`: one email of briefings, from the site as a build publishes it.
//! Reads the site (site.toml, content/, the theme), selects the briefings
//! (`model::digest`), writes them (`render::digest`) as HTML, text or a whole message,
//! and hands the bytes back, or writes them whole to `--output`, which may never be a
//! file of the site's sources.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::build::check_output;
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Errors};
use crate::model::archives::day_in;
use crate::model::digest::{self, DigestQuery};
use crate::options::SiteOptions;
use crate::prices::Prices;
use crate::render::digest::{self as email, Form, Mailbox};
use crate::{config, content, model, output, render, theme};

/// What `brief digest` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DigestFormat {
    /// The HTML version, every style inlined.
    #[default]
    Html,
    /// The plain-text version.
    Text,
    /// A whole message (`.eml`): both versions as multipart/alternative, with headers.
    Eml,
}

/// What `brief digest` was asked for. Days are as typed (`2025-10-02`, `today`,
/// `yesterday`), read in the site's timezone.
#[derive(Debug, Clone)]
pub struct DigestOptions {
    pub site: SiteOptions,
    /// One day; today when neither this nor `since` is given.
    pub date: Option<String>,
    /// The first of several days, up to `until` (today when not given).
    pub since: Option<String>,
    pub until: Option<String>,
    /// A company's key or ticker, an ecosystem's key.
    pub company: Option<String>,
    pub ecosystem: Option<String>,
    pub format: DigestFormat,
    /// The file to write; the bytes are returned for stdout when None.
    pub output: Option<PathBuf>,
    /// The message's From (`Name <address>`); by default the site's title at
    /// `digest@` the base URL's host. Only `eml` has headers.
    pub from: Option<String>,
    /// The message's To; none by default, for a sending tool to fill in.
    pub to: Option<String>,
}

impl DigestOptions {
    pub fn new(root: impl Into<PathBuf>) -> DigestOptions {
        DigestOptions {
            site: SiteOptions::new(root),
            date: None,
            since: None,
            until: None,
            company: None,
            ecosystem: None,
            format: DigestFormat::Html,
            output: None,
            from: None,
            to: None,
        }
    }
}

/// What a digest holds, and its bytes when they go to stdout.
#[derive(Debug)]
pub struct DigestReport {
    /// The digest itself when no `--output` was given; empty otherwise.
    pub bytes: Vec<u8>,
    /// The file written, if any.
    pub written: Option<PathBuf>,
    pub subject: String,
    /// Briefings selected, and how many of them the email shows.
    pub briefings: usize,
    pub shown: usize,
    pub form: Form,
    /// The size of the HTML version, which the clipping limit is about.
    pub html_bytes: usize,
    pub warnings: Diagnostics,
}

/// Writes the digest `options` ask for, or reports every error found.
pub fn digest(options: &DigestOptions) -> Result<DigestReport, Errors> {
    let root = &options.site.root;
    if let Some(output) = &options.output {
        refuse_source(root, output)?;
    }
    let config = config::load(root, &options.site.config())?;
    let today = day_in(options.site.now, &config.timezone);
    let mut errors = Errors::default();
    let days = days(options, today).map_err(|e| errors.extend(e.0)).ok();
    let from = match &options.from {
        Some(text) => mailbox("--from", text).map_err(|e| errors.push(e)).ok(),
        None => Some(default_from(&config.title, &config.base_url)),
    };
    let to = match &options.to {
        Some(text) => mailbox("--to", text)
            .map(Some)
            .map_err(|e| errors.push(e))
            .ok(),
        None => Some(None),
    };
    let loaded = (content::load(&config), theme::load(&config));
    let ((articles, mut warnings), theme) = match loaded {
        (Ok(articles), Ok(theme)) => (articles, theme),
        (articles, theme) => {
            errors.extend(articles.err().into_iter().flat_map(|e| e.0));
            errors.extend(theme.err().into_iter().flat_map(|e| e.0));
            return Err(errors.sorted());
        }
    };
    let (Some((first, last)), Some(from), Some(to)) = (days, from, to) else {
        return Err(errors.sorted());
    };
    errors.into_result(())?;
    let renderer = render::Renderer::new(&theme)?;
    // A digest shows no charts: prices are left out, and so are their errors.
    let (site, found) = model::build(config, articles, Prices::default(), &options.site.model())?;
    warnings.extend(found);
    let query = DigestQuery {
        from: first,
        until: last,
        company: options.company.clone(),
        ecosystem: options.ecosystem.clone(),
    };
    let selected = digest::select(&site, &query)?;
    let written = email::render(&site, &renderer, &selected).map_err(Errors::from)?;
    let bytes = match options.format {
        DigestFormat::Html => written.html.clone().into_bytes(),
        DigestFormat::Text => written.text.clone().into_bytes(),
        DigestFormat::Eml => {
            let mut id = first.to_string();
            if last != first {
                id.push_str(&format!(".{last}"));
            }
            if let Some(company) = selected.company {
                id.push_str(&format!(".{}", site.company(company).key));
            }
            if let Some(ecosystem) = selected.ecosystem {
                id.push_str(&format!(".{}", site.ecosystem(ecosystem).ecosystem.key));
            }
            let content = email::Content {
                subject: &written.subject,
                text: &written.text,
                html: &written.html,
            };
            email::eml(content, &from, to.as_ref(), options.site.now, &id)
        }
    };
    let report = DigestReport {
        bytes: Vec::new(),
        written: None,
        subject: written.subject.clone(),
        briefings: selected.briefings.len(),
        shown: written.shown,
        form: written.form,
        html_bytes: written.html.len(),
        warnings,
    };
    match &options.output {
        Some(path) => {
            output::write_file(path, &bytes)?;
            Ok(DigestReport {
                written: Some(path.clone()),
                ..report
            })
        }
        None => Ok(DigestReport { bytes, ..report }),
    }
}

/// The first and last day asked for, both errors reported if both are bad.
fn days(options: &DigestOptions, today: Date) -> Result<(Date, Date), Errors> {
    if options.since.is_none() {
        let day = match &options.date {
            Some(text) => day("--date", text, today)?,
            None => today,
        };
        return Ok((day, day));
    }
    let since = options.since.as_deref().map(|t| day("--since", t, today));
    let until = options.until.as_deref().map(|t| day("--until", t, today));
    match (since, until.unwrap_or(Ok(today))) {
        (Some(Ok(since)), Ok(until)) if until < since => Err(Error::InvalidOption {
            option: "--until",
            value: options.until.clone().unwrap_or_else(|| "today".into()),
            expected: "a day no earlier than --since",
        }
        .into()),
        (Some(Ok(since)), Ok(until)) => Ok((since, until)),
        (since, until) => Err(Errors(
            since
                .and_then(Result::err)
                .into_iter()
                .chain(until.err())
                .collect(),
        )),
    }
}

/// `2025-10-02`, `today` or `yesterday`, in the site's timezone.
fn day(option: &'static str, text: &str, today: Date) -> Result<Date, Error> {
    let bad = || Error::InvalidOption {
        option,
        value: text.to_string(),
        expected: "a day as YYYY-MM-DD (2025-10-02), or today or yesterday in the site's timezone",
    };
    match text.trim() {
        "today" => Ok(today),
        "yesterday" => today.yesterday().map_err(|_| bad()),
        written if written.len() == 10 => written.parse().map_err(|_| bad()),
        _ => Err(bad()),
    }
}

fn mailbox(option: &'static str, text: &str) -> Result<Mailbox, Error> {
    Mailbox::parse(text).ok_or_else(|| Error::InvalidOption {
        option,
        value: text.to_string(),
        expected: "an email address, alone or after a name: \"Two Stacks <desk@twostacks.example.org>\"",
    })
}

/// The site's title at `digest@` the base URL's host (its port left out).
fn default_from(title: &str, base_url: &str) -> Mailbox {
    let host = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or_default();
    Mailbox {
        name: Some(title.to_string()),
        address: format!("digest@{host}"),
    }
}

/// The digest may not replace a file the site is made from: site.toml, or anything
/// under content/, themes/, static/, templates/, archetypes/ or data/.
fn refuse_source(root: &Path, output: &Path) -> Result<(), Error> {
    check_output(root, output)?;
    for protected in ["site.toml", "data"] {
        let protected = root.join(protected);
        let output = absolute(output);
        let protected = absolute(&protected);
        if output.starts_with(&protected) {
            return Err(Error::UnsafeOutput { output, protected });
        }
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            let parent = parent.unwrap_or(Path::new(".")).canonicalize()?;
            Ok::<_, std::io::Error>(parent.join(path.file_name().unwrap_or_default()))
        })
        .unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_iso_dates_or_today_or_yesterday() {
        let today: Date = "2025-10-02".parse().unwrap();
        assert_eq!(
            day("--date", "2025-10-01", today).unwrap().to_string(),
            "2025-10-01"
        );
        assert_eq!(day("--date", "today", today).unwrap(), today);
        assert_eq!(
            day("--date", "yesterday", today).unwrap().to_string(),
            "2025-10-01"
        );
        for bad in ["2025-13-01", "2 October", "2025-10-2", "", "20251002"] {
            assert!(day("--date", bad, today).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_default_sender_is_the_site_at_its_own_host() {
        let from = default_from("Two Stacks", "https://twostacks.example.org/blog");
        assert_eq!(from.address, "digest@twostacks.example.org");
        assert_eq!(
            default_from("T", "http://localhost:1111").address,
            "digest@localhost"
        );
    }

    #[test]
    fn the_output_may_not_be_a_source_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.toml"), "").unwrap();
        for source in [
            "site.toml",
            "content/digest.html",
            "themes/x.html",
            "data/prices/MU.csv",
        ] {
            assert!(refuse_source(root, &root.join(source)).is_err(), "{source}");
        }
        assert!(refuse_source(root, &root.join("digest.html")).is_ok());
        assert!(refuse_source(root, &root.join("public/digest.eml")).is_ok());
    }
}
