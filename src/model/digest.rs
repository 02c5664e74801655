//! What one email of briefings holds (`brief digest`): the published briefings of a day
//! or a run of days in the site's timezone, narrowed to a company or an ecosystem.
//! Decides the selection only; how it reads is render's, where it goes is the command's.

use jiff::civil::Date;

use super::Site;
use super::archives::day_in;
use crate::error::{Error, Errors};
use crate::keys::{ArticleId, CompanyId, EcosystemId};
use crate::suggest;

/// What the writer asked for: days from `from` to `until`, both included, and the
/// filters as typed on the command line.
#[derive(Debug, Clone)]
pub struct DigestQuery {
    pub from: Date,
    pub until: Date,
    /// A company's key or one of its tickers, in any case.
    pub company: Option<String>,
    /// An ecosystem's key, in any case.
    pub ecosystem: Option<String>,
}

/// The briefings of a digest, newest first as the site lists them.
#[derive(Debug, Clone)]
pub struct Digest {
    pub from: Date,
    pub until: Date,
    pub company: Option<CompanyId>,
    pub ecosystem: Option<EcosystemId>,
    pub briefings: Vec<ArticleId>,
}

impl Digest {
    /// Whether it is one day's digest.
    pub fn is_one_day(&self) -> bool {
        self.from == self.until
    }
}

/// How many close spellings an unknown company or ecosystem is answered with.
const SUGGESTIONS: usize = 3;

/// The digest `query` asks for. An unknown company and an unknown ecosystem are both
/// reported; a selection with no briefing is an error naming the nearest days that
/// have some, so the writer's next try works.
pub fn select(site: &Site, query: &DigestQuery) -> Result<Digest, Errors> {
    let mut errors = Errors::default();
    let company = query
        .company
        .as_deref()
        .and_then(|name| company_named(site, name).map_err(|e| errors.push(e)).ok());
    let ecosystem = query
        .ecosystem
        .as_deref()
        .and_then(|name| ecosystem_named(site, name).map_err(|e| errors.push(e)).ok());
    errors.into_result(())?;

    let timezone = &site.config.timezone;
    let about = |id: ArticleId| {
        company.is_none_or(|c| site.companies_of(id).contains(&c))
            && ecosystem.is_none_or(|e| site.ecosystems_of(id).contains(&e))
    };
    let mut briefings = Vec::new();
    let (mut before, mut after): (Option<Date>, Option<Date>) = (None, None);
    for id in site.briefings().filter(|&id| about(id)) {
        let Some(at) = site.article(id).date else {
            continue;
        };
        let day = day_in(at, timezone);
        if day < query.from {
            before = before.max(Some(day));
        } else if day > query.until {
            after = Some(after.map_or(day, |a| a.min(day)));
        } else {
            briefings.push(id);
        }
    }
    if briefings.is_empty() {
        return Err(Error::NoBriefings {
            from: query.from,
            until: query.until,
            company: company.map(|c| site.company(c).name.clone()),
            ecosystem: ecosystem.map(|e| site.ecosystem(e).ecosystem.name.clone()),
            before,
            after,
        }
        .into());
    }
    Ok(Digest {
        from: query.from,
        until: query.until,
        company,
        ecosystem,
        briefings,
    })
}

/// The company whose key or one of whose tickers `name` is, in any case: a writer
/// thinks of SMIC as `smic` or as `0981.HK`.
fn company_named(site: &Site, name: &str) -> Result<CompanyId, Error> {
    let found = site.company_ids().find(|&id| {
        let company = site.company(id);
        company.key.as_str().eq_ignore_ascii_case(name)
            || company
                .tickers
                .iter()
                .any(|t| t.as_str().eq_ignore_ascii_case(name))
    });
    found.ok_or_else(|| {
        let names = site.companies.iter().flat_map(|c| {
            std::iter::once(c.key.as_str()).chain(c.tickers.iter().map(|t| t.as_str()))
        });
        Error::UnknownChoice {
            option: "--company",
            name: name.to_string(),
            closest: suggest::nearest(name, names, SUGGESTIONS),
            known: Vec::new(),
        }
    })
}

fn ecosystem_named(site: &Site, name: &str) -> Result<EcosystemId, Error> {
    let keys = || site.ecosystems.iter().map(|e| e.ecosystem.key.as_str());
    site.ecosystem_ids()
        .find(|&id| {
            site.ecosystem(id)
                .ecosystem
                .key
                .as_str()
                .eq_ignore_ascii_case(name)
        })
        .ok_or_else(|| Error::UnknownChoice {
            option: "--ecosystem",
            name: name.to_string(),
            closest: suggest::nearest(name, keys(), SUGGESTIONS),
            known: keys().map(str::to_string).collect(),
        })
}
