//! `brief new`: a briefing's file, with complete front matter and a body from the
//! archetype, written to content/YYYY/MM/<slug>.md and never over an existing file.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::archetype::{self, ArchetypeView};
use super::slug;
use super::write::{self, Created};
use crate::config::{self, ConfigOptions, Registry};
use crate::content::dates;
use crate::error::{Error, Errors, NameKind};
use crate::suggest::nearest;
use crate::urls;

/// How many registered names an unknown one's error suggests.
const SUGGESTIONS: usize = 3;

/// What `brief new` was asked to write.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site's folder, holding site.toml.
    pub root: PathBuf,
    pub title: String,
    /// Ecosystem keys; when none are given, those of the tickers' companies.
    pub ecosystems: Vec<String>,
    /// Tickers, or keys of private companies.
    pub tickers: Vec<String>,
    /// Moves as `--move` takes them: `0981.HK=+10.9`, a ticker and its percent change.
    pub moves: Vec<String>,
    /// A TOML date or datetime; now when not given.
    pub date: Option<String>,
    /// The file name without `.md`; made from the title when not given.
    pub slug: Option<String>,
    pub draft: bool,
    /// Write tickers and ecosystems that site.toml does not declare.
    pub allow_unknown: bool,
    /// The moment a briefing without `date` is dated, and scheduling is judged by.
    pub now: Timestamp,
}

impl NewOptions {
    pub fn new(root: impl Into<PathBuf>, title: impl Into<String>) -> Self {
        NewOptions {
            root: root.into(),
            title: title.into(),
            ecosystems: Vec::new(),
            tickers: Vec::new(),
            moves: Vec::new(),
            date: None,
            slug: None,
            draft: false,
            allow_unknown: false,
            now: Timestamp::now(),
        }
    }
}

/// What `brief new` wrote.
#[derive(Debug, Clone)]
pub struct NewReport {
    /// The file, under the site's folder.
    pub path: PathBuf,
    /// Its URL once built.
    pub url: String,
    /// The date written, with its offset.
    pub date: String,
    /// Dated after now: published by the first build once the date has passed.
    pub scheduled: bool,
    pub draft: bool,
    /// Names let through by `--allow-unknown` that site.toml does not declare.
    pub unknown: Vec<(NameKind, String)>,
}

/// Writes a new briefing, or reports every problem with the request at once.
pub fn new_article(options: &NewOptions) -> Result<NewReport, Errors> {
    let config = config::load(&options.root, &ConfigOptions::default())?;
    let registry = &config.registry;
    let mut errors = Errors::default();
    let mut unknown = Vec::new();

    let title = options.title.trim();
    if title.is_empty() {
        errors.push(Error::InvalidOption {
            option: "title",
            value: options.title.clone(),
            expected: "a title with at least one word",
        });
    }
    let date = match &options.date {
        None => options.now,
        Some(text) => dates::parse(text, &config.timezone).unwrap_or_else(|_| {
            errors.push(Error::InvalidOption {
                option: "--date",
                value: text.clone(),
                expected: "a date like 2026-10-02 or a datetime like 2026-10-02T09:30:00+08:00",
            });
            options.now
        }),
    };
    let slug = match &options.slug {
        None => slug::from_title(title),
        Some(given) => slug::from_option(given).unwrap_or_else(|| {
            errors.push(Error::InvalidOption {
                option: "--slug",
                value: given.clone(),
                expected: "letters or digits to make a file name from",
            });
            String::new()
        }),
    };

    let mut tickers: Vec<String> = Vec::new();
    let mut companies: Vec<usize> = Vec::new();
    let mut name = |given: &str, errors: &mut Errors| -> Option<(String, Option<usize>)> {
        match registry.company_named(given) {
            Some(index) => Some((registered_spelling(registry, index, given), Some(index))),
            None if options.allow_unknown && !given.is_empty() => {
                unknown.push((NameKind::Ticker, given.to_string()));
                Some((given.to_string(), None))
            }
            None => {
                errors.push(Error::NotRegistered {
                    kind: NameKind::Ticker,
                    name: given.to_string(),
                    closest: nearest(given, registry.names(), SUGGESTIONS),
                    declared: Vec::new(),
                });
                None
            }
        }
    };
    let mut add = |spelled: &String, company: Option<usize>| {
        if !tickers.iter().any(|t| t.eq_ignore_ascii_case(spelled)) {
            tickers.push(spelled.clone());
            companies.extend(company);
        }
    };
    for given in &options.tickers {
        if let Some((spelled, company)) = name(given.trim(), &mut errors) {
            add(&spelled, company);
        }
    }
    // A ticker with a move is named by the briefing: it joins `tickers` too.
    let mut moves: Vec<(String, f64)> = Vec::new();
    for given in &options.moves {
        let Some((ticker, change)) = parse_move(given) else {
            errors.push(Error::InvalidOption {
                option: "--move",
                value: given.clone(),
                expected: "TICKER=CHANGE, the percent change on the day (above -100), such as 0981.HK=+10.9 or MU=-1.2",
            });
            continue;
        };
        let Some((spelled, company)) = name(ticker, &mut errors) else {
            continue;
        };
        if moves.iter().any(|(t, _)| t.eq_ignore_ascii_case(&spelled)) {
            errors.push(Error::InvalidOption {
                option: "--move",
                value: given.clone(),
                expected: "one --move per ticker",
            });
            continue;
        }
        add(&spelled, company);
        moves.push((spelled, change));
    }

    let mut ecosystems: Vec<String> = Vec::new();
    for given in &options.ecosystems {
        let given = given.trim();
        let key = match registry
            .ecosystems
            .iter()
            .find(|e| e.key.as_str().eq_ignore_ascii_case(given))
        {
            Some(ecosystem) => ecosystem.key.to_string(),
            None if options.allow_unknown && !given.is_empty() => {
                unknown.push((NameKind::Ecosystem, given.to_string()));
                given.to_string()
            }
            None => {
                let keys = registry.ecosystem_keys();
                errors.push(Error::NotRegistered {
                    kind: NameKind::Ecosystem,
                    name: given.to_string(),
                    closest: nearest(given, keys.iter().map(String::as_str), SUGGESTIONS),
                    declared: keys,
                });
                continue;
            }
        };
        if !ecosystems.contains(&key) {
            ecosystems.push(key);
        }
    }
    // A briefing about SMIC is about China's stack: take the companies' ecosystems
    // unless the writer chose some.
    if options.ecosystems.is_empty() {
        for &company in &companies {
            if let Some(key) = &registry.companies[company].ecosystem
                && !ecosystems.iter().any(|e| e == key.as_str())
            {
                ecosystems.push(key.to_string());
            }
        }
    }
    let errors = errors;
    if !errors.is_empty() {
        return Err(errors);
    }

    let zoned = date.to_zoned_datetime(config.timezone.clone());
    let relative = PathBuf::from("content")
        .join(format!("{:04}", zoned.year()))
        .join(format!("{:02}", zoned.month()))
        .join(format!("{slug}.md"));
    // A date typed with an offset keeps it: the writer said which clock they meant.
    let written_in = options
        .date
        .as_deref()
        .and_then(written_offset)
        .unwrap_or_else(|| config.timezone.clone());
    let date_text = front_matter_date(date, &written_in);
    let view = ArchetypeView {
        title: title.to_string(),
        date: date_text.clone(),
        date_display: zoned.strftime("%-d %B %Y").to_string(),
        slug: slug.clone(),
        companies: companies
            .iter()
            .map(|&c| registry.companies[c].name.clone())
            .chain(
                unknown
                    .iter()
                    .filter(|(kind, _)| *kind == NameKind::Ticker)
                    .map(|(_, name)| name.clone()),
            )
            .collect(),
        tickers: tickers.clone(),
        ecosystems: ecosystems
            .iter()
            .map(|key| match registry.ecosystem_index(key) {
                Some(i) => registry.ecosystems[i].name.clone(),
                None => key.clone(),
            })
            .collect(),
        draft: options.draft,
    };
    let body = archetype::render(&archetype::find(&config)?, &view)?;
    let text = format!(
        "{}\n{body}",
        front_matter(
            title,
            &date_text,
            &ecosystems,
            &tickers,
            &moves,
            options.draft
        )
    );
    let path = shown(&options.root.join(&relative));
    match write::create(&options.root, &relative, text.as_bytes())? {
        Created::Written => {}
        Created::AlreadyThere => return Err(Error::FileExists { path }.into()),
    }
    let source = relative.strip_prefix("content").unwrap_or(&relative);
    Ok(NewReport {
        path,
        url: urls::article(source, None),
        date: date_text,
        scheduled: date > options.now,
        draft: options.draft,
        unknown,
    })
}

/// `0981.HK=+10.9`: a ticker and a finite percent change above -100.
fn parse_move(given: &str) -> Option<(&str, f64)> {
    let (ticker, change) = given.rsplit_once('=')?;
    let ticker = ticker.trim();
    let change: f64 = change.trim().parse().ok()?;
    (!ticker.is_empty() && change.is_finite() && change > -100.0).then_some((ticker, change))
}

/// The name site.toml gives what the writer typed: `0981.hk` is written `0981.HK`.
fn registered_spelling(registry: &Registry, company: usize, given: &str) -> String {
    let company = &registry.companies[company];
    company
        .tickers
        .iter()
        .find(|t| t.normalized() == given.to_uppercase())
        .map_or_else(|| company.key.to_string(), ToString::to_string)
}

/// The offset a `--date` was written with (`Z` is UTC); None when it has none.
fn written_offset(text: &str) -> Option<TimeZone> {
    let datetime: toml::value::Datetime = text.trim().parse().ok()?;
    match datetime.offset? {
        toml::value::Offset::Z => Some(TimeZone::UTC),
        toml::value::Offset::Custom { minutes } => {
            let offset = jiff::tz::Offset::from_seconds(i32::from(minutes) * 60).ok()?;
            Some(TimeZone::fixed(offset))
        }
    }
}

/// A date as front matter holds it: to the second, with the offset of `timezone`.
pub(crate) fn front_matter_date(at: Timestamp, timezone: &TimeZone) -> String {
    at.to_zoned_datetime(timezone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The TOML front matter of a new briefing, every key present, and `[moves]` when it
/// reports any (ticker, percent change).
pub(crate) fn front_matter(
    title: &str,
    date: &str,
    ecosystems: &[String],
    tickers: &[String],
    moves: &[(String, f64)],
    draft: bool,
) -> String {
    let list = |items: &[String]| {
        let quoted: Vec<String> = items.iter().map(|i| toml_string(i)).collect();
        format!("[{}]", quoted.join(", "))
    };
    // `{}` writes a float's shortest exact form: 10.9, -1.2, 7.
    let moves: String = match moves {
        [] => String::new(),
        _ => std::iter::once("\n[moves]\n".to_string())
            .chain(
                moves
                    .iter()
                    .map(|(ticker, change)| format!("{} = {change}\n", toml_string(ticker))),
            )
            .collect(),
    };
    format!(
        "+++\ntitle = {}\ndate = {date}\nsummary = \"\"\necosystem = {}\ntickers = {}\ndraft = {draft}\n{moves}+++\n",
        toml_string(title),
        list(ecosystems),
        list(tickers),
    )
}

/// A TOML basic string: quoted, with quotes, backslashes and control characters escaped.
pub(crate) fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shown(path: &Path) -> PathBuf {
    crate::files::shown(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter;

    #[test]
    fn front_matter_reads_back_as_written_even_with_quotes() {
        let title = "SMIC \"jumps\" 11% \\ größe\tnow";
        let text = front_matter(
            title,
            "2026-10-02T09:30:00+08:00",
            &["china".into()],
            &["0981.HK".into(), "huawei".into()],
            &[("0981.HK".into(), 10.9), ("1347.HK".into(), -7.0)],
            true,
        );
        let split = front_matter::split(&text).unwrap();
        let read = front_matter::parse(&text, &split).unwrap();
        assert_eq!(read.title.unwrap().value, title);
        assert_eq!(read.date.unwrap().value, "2026-10-02T09:30:00+08:00");
        assert_eq!(read.summary.map(|s| s.value).as_deref(), Some(""));
        assert_eq!(read.ecosystem.unwrap().value, ["china"]);
        let tickers: Vec<_> = read.tickers.into_iter().map(|t| t.value).collect();
        assert_eq!(tickers, ["0981.HK", "huawei"]);
        assert!(read.draft);
        assert!(
            text.contains("\n[moves]\n\"0981.HK\" = 10.9\n\"1347.HK\" = -7\n+++\n"),
            "{text}"
        );
        assert!(read.moves.is_some());
    }

    #[test]
    fn a_written_offset_is_found_and_a_missing_one_is_none() {
        let offset = |text: &str| {
            written_offset(text).map(|tz| {
                let at: Timestamp = "2026-03-01T01:00:00Z".parse().unwrap();
                front_matter_date(at, &tz)
            })
        };
        assert_eq!(
            offset("2026-03-01T09:00:00+08:00").as_deref(),
            Some("2026-03-01T09:00:00+08:00")
        );
        assert_eq!(
            offset("2026-03-01T01:00:00Z").as_deref(),
            Some("2026-03-01T01:00:00+00:00")
        );
        assert_eq!(offset("2026-03-01T09:00:00"), None);
        assert_eq!(offset("2026-03-01"), None);
        assert_eq!(offset("not a date"), None);
    }

    #[test]
    fn front_matter_dates_carry_the_site_offset() {
        let at: Timestamp = "2026-10-02T01:30:00Z".parse().unwrap();
        let hong_kong = TimeZone::get("Asia/Hong_Kong").unwrap();
        assert_eq!(
            front_matter_date(at, &hong_kong),
            "2026-10-02T09:30:00+08:00"
        );
        assert_eq!(
            front_matter_date(at, &TimeZone::UTC),
            "2026-10-02T01:30:00+00:00"
        );
    }
}
