//! site.toml: read the raw file, check it, and produce the `SiteConfig` and `Registry`.
//!
//! Owns every rule about the site's settings; knows nothing of content or output.

mod raw;
mod registry;

pub use registry::{Company, Ecosystem, Registry};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Errors, Location};
use crate::keys::{CompanyKey, EcosystemKey, Ticker};
use crate::schema::{self, Finding, WrittenKey};
use crate::urls;
use raw::{RawCompany, RawSite};

/// The checked settings of a site.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The folder holding site.toml.
    pub root: PathBuf,
    pub title: String,
    /// Absolute, without a trailing slash.
    pub base_url: String,
    pub description: String,
    pub language: String,
    /// The theme folder's name, if site.toml names one.
    pub theme: Option<String>,
    pub per_page: usize,
    pub feed_limit: usize,
    /// Dates without an offset are read in it, and every date is shown in it.
    pub timezone: TimeZone,
    /// Write the search page and its index (`search`, default true).
    pub search: bool,
    /// Link `$SMIC`, `$0981.HK` in text to the company's page (`cashtags`, default true).
    pub cashtags: bool,
    /// `[social] image`: the picture link previews show for a page that names none.
    pub social_image: Option<Image>,
    /// `[images]`: the resized copies made of images wider than the text column.
    pub images: ImageSettings,
    pub registry: Registry,
}

impl SiteConfig {
    /// The path part of `base_url` (`/blog` for `https://x.org/blog`), prefixed to
    /// every site-relative link so a site can live below a domain's root.
    pub fn path_prefix(&self) -> &str {
        // Asked for every link of every page: a byte scan, not a substring search.
        let bytes = self.base_url.as_bytes();
        let Some(scheme_end) = bytes.windows(3).position(|w| w == b"://") else {
            return "";
        };
        let after_scheme = &self.base_url[scheme_end + 3..];
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    }
}

/// An image for link previews as written (`/images/card.png`, `card.png` or an
/// absolute URL), with where it is written, to name the place when its file is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub written: String,
    pub location: Location,
}

/// site.toml's `[images]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSettings {
    /// Widths in pixels of the resized copies, smallest first, each at most
    /// `MAX_IMAGE_WIDTH`; an image gets a copy at each width smaller than its own.
    pub widths: Vec<u32>,
}

/// The widest copy brief makes: four times a wide screen is past any use, and a typo
/// (`96000`) must not make brief encode a picture of a billion pixels.
pub const MAX_IMAGE_WIDTH: i64 = 8192;

impl Default for ImageSettings {
    /// Copies for a phone, for the text column on a laptop, and for the column on a
    /// screen of twice the density.
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1440],
        }
    }
}

/// What the command line may change in site.toml.
#[derive(Debug, Clone, Default)]
pub struct ConfigOptions {
    pub base_url: Option<String>,
}

/// Reads and checks `root/site.toml`, reporting every problem in it at once.
pub fn load(root: &Path, options: &ConfigOptions) -> Result<SiteConfig, Errors> {
    let (config, unknown_keys) = load_each(root, options)?;
    unknown_keys.into_result(config)
}

/// Reads and checks `root/site.toml`, keeping its unknown keys apart from the errors
/// that leave no configuration to go on with, so `check` can look at the rest of the
/// site and report every error together.
pub fn load_each(root: &Path, options: &ConfigOptions) -> Result<(SiteConfig, Errors), Errors> {
    let path = root.join(crate::files::SITE_TOML);
    let text = match std::fs::read(&path) {
        Ok(bytes) => crate::files::decode_utf8(&path, bytes)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoSiteConfig {
                root: root.to_path_buf(),
            }
            .into());
        }
        Err(source) => return Err(Error::Read { path, source }.into()),
    };
    let toml_error = |e: toml::de::Error| Error::Toml {
        location: Location::from_offset(&path, &text, e.span().map_or(0, |s| s.start), 1),
        message: e.message().to_string(),
    };
    // Parsed once: the keys are read from the document, then the values.
    let document = toml::de::DeTable::parse(&text).map_err(toml_error)?;
    let keys = schema::toml_keys(document.get_ref());
    let raw = RawSite::deserialize(toml::de::Deserializer::from(document)).map_err(toml_error)?;
    let mut checker = Checker {
        path: &path,
        text: &text,
        errors: Errors::default(),
    };
    let unknown_keys = checker.keys(&keys);
    Ok((checker.check(root, raw, options)?, unknown_keys))
}

struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    errors: Errors,
}

impl Checker<'_> {
    /// Every key of site.toml must be one brief documents: the errors for those that
    /// are not.
    fn keys(&mut self, keys: &[WrittenKey]) -> Errors {
        let mut unknown = Errors::default();
        for finding in schema::check(keys, &schema::SITE) {
            match finding {
                Finding::Unknown { span, key, schema } => unknown.push(Error::UnknownKey {
                    location: Location::from_offset(self.path, self.text, span.start, span.len()),
                    key,
                    schema,
                }),
            }
        }
        unknown
    }

    fn at<T>(&self, spanned: &Spanned<T>) -> Location {
        let span = spanned.span();
        Location::from_offset(self.path, self.text, span.start, span.len())
    }

    fn required(&mut self, value: Option<Spanned<String>>, field: &'static str) -> String {
        match value {
            Some(v) => v.into_inner(),
            None => {
                self.errors.push(Error::MissingField {
                    location: Location::at(self.path, 1, 1),
                    field,
                });
                String::new()
            }
        }
    }

    fn positive(
        &mut self,
        value: Option<Spanned<i64>>,
        what: &'static str,
        default: usize,
    ) -> usize {
        match value {
            None => default,
            Some(v) if *v.get_ref() > 0 => *v.get_ref() as usize,
            Some(v) => {
                self.errors.push(Error::InvalidValue {
                    location: self.at(&v),
                    what,
                    value: v.get_ref().to_string(),
                    expected: "a whole number of at least 1",
                });
                default
            }
        }
    }

    fn slug_key(&mut self, key: &Spanned<String>, what: &'static str) {
        let valid = !key.get_ref().is_empty()
            && key
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if valid && key.get_ref().len() > urls::MAX_PART_BYTES {
            self.errors.push(Error::NameTooLong {
                location: self.at(key),
                what,
                part: key.get_ref().clone(),
                limit: urls::MAX_PART_BYTES,
            });
        } else if !valid {
            self.errors.push(Error::InvalidValue {
                location: self.at(key),
                what,
                value: key.get_ref().clone(),
                expected: "a URL slug: lowercase letters, digits and hyphens",
            });
        }
    }

    fn check(
        mut self,
        root: &Path,
        raw: RawSite,
        options: &ConfigOptions,
    ) -> Result<SiteConfig, Errors> {
        let title = self.required(raw.title, "title");
        let base_url = match &options.base_url {
            Some(url) => url.clone(),
            None => self.required(raw.base_url.clone(), "base_url"),
        };
        let absolute = base_url.starts_with("http://") || base_url.starts_with("https://");
        if !absolute && !base_url.is_empty() {
            let location = match &raw.base_url {
                Some(spanned) if options.base_url.is_none() => self.at(spanned),
                _ => Location::at(self.path, 1, 1),
            };
            self.errors.push(Error::InvalidValue {
                location,
                what: "base_url",
                value: base_url.clone(),
                expected: "an absolute URL such as https://example.org",
            });
        }
        let per_page = self.positive(raw.per_page, "per_page", 10);
        let feed_limit = self.positive(raw.feed_limit, "feed_limit", 20);
        let timezone = match raw.timezone {
            None => TimeZone::UTC,
            Some(name) => TimeZone::get(name.get_ref()).unwrap_or_else(|_| {
                self.errors.push(Error::InvalidValue {
                    location: self.at(&name),
                    what: "timezone",
                    value: name.get_ref().clone(),
                    expected: "an IANA time zone name such as UTC, Asia/Hong_Kong or America/New_York",
                });
                TimeZone::UTC
            }),
        };
        // Ecosystems keep the order site.toml declares them in: the writer's order of importance.
        let mut declared: Vec<_> = raw.ecosystems.into_iter().collect();
        declared.sort_by_key(|(key, _)| key.span().start);
        let ecosystems: Vec<Ecosystem> = declared
            .into_iter()
            .map(|(key, eco)| {
                self.slug_key(&key, "ecosystem key");
                let location = self.at(&key);
                let key = key.into_inner();
                Ecosystem {
                    location,
                    name: eco.name.unwrap_or_else(|| key.clone()),
                    description: eco.description.unwrap_or_default(),
                    key: EcosystemKey(key),
                }
            })
            .collect();
        let known: Vec<String> = ecosystems.iter().map(|e| e.key.to_string()).collect();
        let mut listed_by: HashMap<String, String> = HashMap::new();
        let companies = raw
            .companies
            .into_iter()
            .map(|(key, company)| self.company(key, company, &known, &mut listed_by))
            .collect();
        let registry = Registry::new(ecosystems, companies);
        let social_image = raw
            .social
            .and_then(|social| social.image)
            .map(|image| Image {
                location: self.at(&image),
                written: image.into_inner(),
            });
        let images = self.images(raw.images);
        self.errors.into_result(SiteConfig {
            root: root.to_path_buf(),
            title,
            base_url: base_url.trim_end_matches('/').to_string(),
            description: raw.description.unwrap_or_default(),
            language: raw.language.unwrap_or_else(|| "en".to_string()),
            theme: raw.theme.map(Spanned::into_inner),
            per_page,
            feed_limit,
            timezone,
            search: raw.search.unwrap_or(true),
            cashtags: raw.cashtags.unwrap_or(true),
            social_image,
            images,
            registry,
        })
    }

    /// `[images]`: `widths` each a whole number of pixels from 1 to `MAX_IMAGE_WIDTH`.
    fn images(&mut self, raw: Option<raw::RawImages>) -> ImageSettings {
        let Some(widths) = raw.and_then(|r| r.widths) else {
            return ImageSettings::default();
        };
        let mut valid = Vec::new();
        for width in widths.into_inner() {
            match u32::try_from(*width.get_ref()) {
                Ok(w) if w > 0 && i64::from(w) <= MAX_IMAGE_WIDTH => valid.push(w),
                _ => self.errors.push(Error::InvalidValue {
                    location: self.at(&width),
                    what: "an image width",
                    value: width.get_ref().to_string(),
                    expected: "a width in pixels from 1 to 8192, such as 960",
                }),
            }
        }
        valid.sort_unstable();
        valid.dedup();
        ImageSettings { widths: valid }
    }

    /// A company's `url`, which every page of the company links to: a script there
    /// would run from the site's own pages, so it is an error, not a warning.
    fn website(&mut self, url: Spanned<String>) -> String {
        if crate::markdown::raw_html::is_script_address(url.get_ref()) {
            self.errors.push(Error::InvalidValue {
                location: self.at(&url),
                what: "company url",
                value: url.get_ref().clone(),
                expected: "the company's web address, such as https://www.smics.com (the site runs no scripts)",
            });
        }
        url.into_inner()
    }

    fn company(
        &mut self,
        key: Spanned<String>,
        raw: RawCompany,
        known_ecosystems: &[String],
        listed_by: &mut HashMap<String, String>,
    ) -> Company {
        self.slug_key(&key, "company key");
        let location = self.at(&key);
        let key = key.into_inner();
        let ecosystem = raw.ecosystem.map(|eco| {
            if !known_ecosystems.contains(eco.get_ref()) {
                self.errors.push(Error::UnknownEcosystem {
                    location: self.at(&eco),
                    key: eco.get_ref().clone(),
                    known: known_ecosystems.to_vec(),
                });
            }
            EcosystemKey(eco.into_inner())
        });
        for ticker in &raw.tickers {
            let normalized = ticker.get_ref().to_uppercase();
            if let Some(first) = listed_by.insert(normalized, key.clone()) {
                self.errors.push(Error::TickerListedTwice {
                    location: self.at(ticker),
                    ticker: ticker.get_ref().clone(),
                    first,
                    second: key.clone(),
                });
            }
        }
        Company {
            name: raw.name.unwrap_or_else(|| key.clone()),
            full_name: raw.full_name.unwrap_or_default(),
            tickers: raw
                .tickers
                .into_iter()
                .map(|t| Ticker(t.into_inner()))
                .collect(),
            ecosystem,
            website: raw.url.map(|url| self.website(url)).unwrap_or_default(),
            description: raw.description.unwrap_or_default(),
            key: CompanyKey(key),
            location,
        }
    }
}
