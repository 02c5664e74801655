//! data/prices/: each listing's daily closes, one `<ticker>.csv` per registered listing,
//! read and checked before the model, which keeps them by ticker for charts.
//!
//! Owns the rules about price files: which files in the folder are read, which ticker
//! a file is, and (in `parse`) what a good row is. Every error of every file is
//! reported at once. The folder is optional: without it a site has no prices.

pub mod parse;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::{Registry, SiteConfig};
use crate::diagnostics::{Diagnostics, Skip, Warning};
use crate::error::{Error, Errors};
use crate::files;
use crate::keys::Ticker;

/// A listing's close on one trading day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Price {
    pub date: Date,
    /// In the listing's own currency; positive and finite.
    pub close: f64,
}

/// A listing's daily closes, oldest first, one per date.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceSeries {
    /// The listing, in its registered spelling.
    pub ticker: Ticker,
    /// The file it was read from, as the writer knows it.
    pub file: PathBuf,
    points: Vec<Price>,
}

impl PriceSeries {
    pub fn new(ticker: Ticker, file: PathBuf, points: Vec<Price>) -> PriceSeries {
        PriceSeries {
            ticker,
            file,
            points,
        }
    }

    /// Every `(date, close)`, oldest first, the dates strictly increasing.
    pub fn points(&self) -> &[Price] {
        &self.points
    }
}

/// Every listing's series, found by ticker in any case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prices {
    /// Upper-cased ticker → its series.
    by_ticker: HashMap<String, PriceSeries>,
}

impl Prices {
    /// The closes of `ticker` (`0981.hk` finds `0981.HK`), if data/prices has them.
    pub fn get(&self, ticker: &Ticker) -> Option<&PriceSeries> {
        self.by_ticker.get(&ticker.normalized())
    }

    pub fn len(&self) -> usize {
        self.by_ticker.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_ticker.is_empty()
    }

    /// Every series, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &PriceSeries> {
        self.by_ticker.values()
    }
}

impl FromIterator<PriceSeries> for Prices {
    fn from_iter<I: IntoIterator<Item = PriceSeries>>(series: I) -> Self {
        Prices {
            by_ticker: series
                .into_iter()
                .map(|s| (s.ticker.normalized(), s))
                .collect(),
        }
    }
}

/// Reads every price file of the site, or reports every error in them.
pub fn load(config: &SiteConfig) -> Result<(Prices, Diagnostics), Errors> {
    let loaded = load_each(config);
    loaded.errors.into_result((loaded.prices, loaded.warnings))
}

/// Every price file, each read and checked on its own.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The series of the files that read cleanly.
    pub prices: Prices,
    /// The errors of every other file, sorted.
    pub errors: Errors,
    /// Files and folders left out.
    pub warnings: Diagnostics,
}

/// Reads every price file, keeping the good ones beside the errors of the rest, so
/// `check` goes on to look at the whole site.
pub fn load_each(config: &SiteConfig) -> Loaded {
    let folder = config.root.join(files::PRICES);
    let mut loaded = Loaded::default();
    let found = match discover(&folder) {
        Ok(found) => found,
        Err(error) => {
            loaded.errors.push(error);
            return loaded;
        }
    };
    loaded.warnings = found
        .skipped
        .iter()
        .map(|(name, why)| Warning::skipped(&shown(&config.root, name), *why))
        .collect();
    let read: Vec<Result<PriceSeries, Vec<Error>>> = found
        .files
        .par_iter()
        .map(|name| read(&config.root, name, &config.registry))
        .collect();
    // The first file of each ticker, to refuse a second spelling of its name.
    let mut first: HashMap<String, PathBuf> = HashMap::new();
    let mut series = Vec::new();
    for result in read {
        match result {
            Ok(one) => match first.get(&one.ticker.normalized()) {
                Some(earlier) => loaded.errors.push(Error::PriceFileTwice {
                    ticker: one.ticker.to_string(),
                    first: earlier.clone(),
                    second: one.file.clone(),
                }),
                None => {
                    first.insert(one.ticker.normalized(), one.file.clone());
                    series.push(one);
                }
            },
            Err(errors) => loaded.errors.extend(errors),
        }
    }
    loaded.prices = series.into_iter().collect();
    loaded.errors = std::mem::take(&mut loaded.errors).sorted();
    loaded
}

/// A price file as the writer knows it: `data/prices/0981.HK.csv` under the root.
fn shown(root: &Path, name: &str) -> PathBuf {
    files::shown(&root.join(files::PRICES).join(name)).to_path_buf()
}

/// Reads `data/prices/<name>` and checks it is named after a registered listing.
fn read(root: &Path, name: &str, registry: &Registry) -> Result<PriceSeries, Vec<Error>> {
    let file = shown(root, name);
    let stem = &name[..name.len() - ".csv".len()];
    let ticker = registry.ticker_named(stem).cloned();
    let text = std::fs::read(root.join(files::PRICES).join(name))
        .map_err(|source| Error::Read {
            path: file.clone(),
            source,
        })
        .and_then(|bytes| files::decode_utf8(&file, bytes));
    let mut errors = Vec::new();
    if ticker.is_none() {
        errors.push(Error::PriceFileUnregistered {
            path: file.clone(),
            ticker: stem.to_string(),
            closest: crate::suggest::closest(stem, registry.tickers().map(Ticker::as_str)),
        });
    }
    let points = match text {
        Ok(text) => parse::parse(&file, &text)
            .map_err(|e| errors.extend(e))
            .ok(),
        Err(error) => {
            errors.push(error);
            None
        }
    };
    match (ticker, points) {
        (Some(ticker), Some(points)) if errors.is_empty() => {
            Ok(PriceSeries::new(ticker, file, points))
        }
        _ => Err(errors),
    }
}

/// What is in data/prices: the price files to read, and what is left out with a
/// warning (names relative to the folder).
#[derive(Debug, Default, PartialEq)]
pub struct Discovered {
    pub files: Vec<String>,
    pub skipped: Vec<(String, Skip)>,
}

/// The `.csv` files directly in `folder`, by name, in a stable order. Hidden files and
/// editors' leftovers are not price files; anything else that is not a `.csv` file (a
/// folder, a spreadsheet, a symbolic link, a name that is not UTF-8) is skipped with a
/// warning, so a writer who saved `0981.HK.xlsx` learns why it draws no chart.
pub fn discover(folder: &Path) -> Result<Discovered, Error> {
    let mut found = Discovered::default();
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        // data/prices as a file, or data/ as one: nothing to read prices from.
        Err(_) if !folder.is_dir() => return Ok(found),
        Err(source) => {
            return Err(Error::Read {
                path: folder.to_path_buf(),
                source,
            });
        }
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: folder.to_path_buf(),
            source,
        })?;
        let file_type = entry.file_type().map_err(|source| Error::Read {
            path: entry.path(),
            source,
        })?;
        names.push((entry.file_name(), file_type));
    }
    names.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, file_type) in names {
        let Some(name) = name.to_str() else {
            if !name.as_encoded_bytes().starts_with(b".") {
                let lossy = name.to_string_lossy().into_owned();
                found.skipped.push((lossy, Skip::NameNotUtf8));
            }
            continue;
        };
        match judge(name, file_type.is_symlink(), file_type.is_dir()) {
            Judged::Prices => found.files.push(name.to_string()),
            Judged::Skipped(why) => found.skipped.push((name.to_string(), why)),
            Judged::Nothing => {}
        }
    }
    Ok(found)
}

/// What a name in data/prices is to brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    Prices,
    Skipped(Skip),
    /// Hidden, or an editor's leftover: not the writer's file.
    Nothing,
}

/// The one rule for a name in data/prices, for `discover` and for serve.
pub fn judge(name: &str, is_symlink: bool, is_dir: bool) -> Judged {
    if name.starts_with('.') || name.starts_with('#') || name.ends_with('~') {
        return Judged::Nothing;
    }
    if is_symlink {
        Judged::Skipped(Skip::LinkInPrices)
    } else if is_dir {
        Judged::Skipped(Skip::FolderInPrices)
    } else if is_price_file(name) {
        Judged::Prices
    } else {
        Judged::Skipped(Skip::NotCsv)
    }
}

/// `0981.HK.csv`: a name before `.csv` (in any case, as spreadsheets save it).
fn is_price_file(name: &str) -> bool {
    name.len() > 4 && name.is_char_boundary(name.len() - 4) && {
        let (stem, extension) = name.split_at(name.len() - 4);
        extension.eq_ignore_ascii_case(".csv") && !stem.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_csv_files_are_price_files_and_the_rest_is_skipped_or_ignored() {
        assert_eq!(judge("0981.HK.csv", false, false), Judged::Prices);
        assert_eq!(judge("mu.CSV", false, false), Judged::Prices);
        assert_eq!(
            judge("0981.HK.xlsx", false, false),
            Judged::Skipped(Skip::NotCsv)
        );
        assert_eq!(judge(".csv", false, false), Judged::Nothing);
        assert_eq!(
            judge("README.md", false, false),
            Judged::Skipped(Skip::NotCsv)
        );
        assert_eq!(
            judge("old", false, true),
            Judged::Skipped(Skip::FolderInPrices)
        );
        assert_eq!(
            judge("MU.csv", true, false),
            Judged::Skipped(Skip::LinkInPrices)
        );
        for leftover in [".MU.csv.swp", "MU.csv~", "#MU.csv#", ".DS_Store"] {
            assert_eq!(judge(leftover, false, false), Judged::Nothing, "{leftover}");
        }
    }

    #[test]
    fn discover_lists_the_folder_in_name_order_and_a_missing_folder_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("data/prices");
        assert_eq!(discover(&folder).unwrap(), Discovered::default());
        std::fs::create_dir_all(folder.join("old")).unwrap();
        for name in ["MU.csv", "0981.HK.csv", "notes.txt", ".MU.csv.swp"] {
            std::fs::write(folder.join(name), "date,close\n").unwrap();
        }
        let found = discover(&folder).unwrap();
        assert_eq!(found.files, ["0981.HK.csv", "MU.csv"]);
        assert_eq!(
            found.skipped,
            [
                ("notes.txt".to_string(), Skip::NotCsv),
                ("old".to_string(), Skip::FolderInPrices)
            ]
        );
    }

    #[test]
    fn a_series_is_found_by_its_ticker_in_any_case() {
        let prices: Prices = [PriceSeries::new(
            Ticker("0981.HK".into()),
            PathBuf::from("data/prices/0981.hk.csv"),
            vec![Price {
                date: Date::new(2025, 10, 2).unwrap(),
                close: 79.1,
            }],
        )]
        .into_iter()
        .collect();
        let series = prices.get(&Ticker("0981.hk".into())).unwrap();
        assert_eq!(series.ticker.as_str(), "0981.HK");
        assert_eq!(series.points()[0].close, 79.1);
        assert!(prices.get(&Ticker("MU".into())).is_none());
    }
}
