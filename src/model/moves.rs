//! The moves a site reports, for pages that show them: per company, the moves its
//! briefings report about it; per trading day, every move reported for that day.
//! Only published briefings report moves (a page's moves are its own text).
//!
//! A move is kept where its article is (`article.moves`), and found through the
//! company each one is about (`ArticleLinks::moves`) and the index of trading days
//! (`Site::days`), so a page asks for what it shows and nothing is copied.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use super::Site;
use crate::content::{Article, Move};
use crate::keys::{ArticleId, CompanyId};

/// One move of one briefing: `site.article(article).moves[index]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reported {
    pub article: ArticleId,
    pub index: usize,
}

/// Trading day → the moves reported for it, briefings newest first, each briefing's
/// moves in the order written.
pub type Days = BTreeMap<Date, Vec<Reported>>;

/// The index of trading days of the first `briefing_count` articles (the briefings).
pub(super) fn days(articles: &[Arc<Article>], briefing_count: usize) -> Days {
    let mut days = Days::new();
    for (index, article) in articles.iter().enumerate().take(briefing_count) {
        for (at, reported) in article.moves.iter().enumerate() {
            days.entry(reported.on).or_default().push(Reported {
                article: ArticleId(index),
                index: at,
            });
        }
    }
    days
}

impl Site {
    /// The moves of an article, each with the company it is about, in the order written.
    pub fn moves_of(&self, id: ArticleId) -> impl Iterator<Item = (&Move, CompanyId)> {
        let article = self.article(id);
        article
            .moves
            .iter()
            .zip(self.links[id.0].moves.iter().copied())
    }

    /// A move's ticker as site.toml spells it (`1347.hk` is `1347.HK`), else as written.
    pub fn spelled<'a>(&'a self, reported: &'a Move, company: CompanyId) -> &'a str {
        let wanted = reported.ticker.normalized();
        self.company(company)
            .tickers
            .iter()
            .find(|t| t.normalized() == wanted)
            .map_or(reported.ticker.as_str(), |t| t.as_str())
    }

    /// The moves reported about `company`, each with its briefing: the company's
    /// briefings newest first, each one's moves about it in the order written (a
    /// company with two listings may have two moves in one briefing).
    pub fn moves_about(&self, company: CompanyId) -> impl Iterator<Item = (ArticleId, &Move)> {
        self.company(company).briefings.iter().flat_map(move |&id| {
            self.moves_of(id)
                .filter(move |(_, about)| *about == company)
                .map(move |(reported, _)| (id, reported))
        })
    }

    /// Every trading day with a move reported for it, newest first.
    pub fn trading_days(&self) -> impl Iterator<Item = Date> + '_ {
        self.days.keys().rev().copied()
    }

    /// The moves reported for `day`, each with its briefing and the company it is
    /// about: briefings newest first, each one's moves in the order written.
    pub fn moves_on(&self, day: Date) -> impl Iterator<Item = (ArticleId, &Move, CompanyId)> {
        self.days.get(&day).into_iter().flatten().map(|r| {
            (
                r.article,
                &self.article(r.article).moves[r.index],
                self.links[r.article.0].moves[r.index],
            )
        })
    }
}

/// The company each of `article`'s moves is about, given the company of each ticker
/// it names (`company_of`); None when a ticker has none (the caller reports why).
pub(super) fn companies(
    article: &Article,
    mut company_of: impl FnMut(&str) -> Option<CompanyId>,
) -> Option<Vec<CompanyId>> {
    article
        .moves
        .iter()
        .map(|reported| company_of(reported.ticker.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{self, ConfigOptions};
    use crate::content;
    use crate::model::{ModelOptions, build};

    const SITE: &str = r#"title = "T"
base_url = "https://example.org"
timezone = "Asia/Hong_Kong"

[companies.smic]
name = "SMIC"
tickers = ["0981.HK", "688981.SS"]

[companies.micron]
name = "Micron"
tickers = ["MU"]
"#;

    fn site(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), SITE).unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join("content").join(name), text).unwrap();
        }
        let config = config::load(dir.path(), &ConfigOptions::default()).unwrap();
        let (articles, _) = content::load(&config).unwrap();
        let options = ModelOptions {
            drafts: false,
            future: false,
            now: "2026-01-01T00:00:00Z".parse().unwrap(),
        };
        build(config, articles, Default::default(), &options)
            .unwrap()
            .0
    }

    #[test]
    fn moves_are_found_by_company_and_by_trading_day() {
        let site = site(&[
            (
                "older.md",
                "+++\ntitle = \"Older\"\ndate = 2025-10-01T23:30:00Z\ntickers = [\"MU\"]\n[moves]\nMU = -1.2\n\"0981.hk\" = 10.9\n+++\n",
            ),
            (
                "newer.md",
                "+++\ntitle = \"Newer\"\ndate = 2025-10-03T09:00:00+08:00\n[moves]\n\"688981.SS\" = { change = 4, on = 2025-10-02 }\n\"0981.HK\" = 2.5\nASML = 1\n+++\n",
            ),
            (
                "draft.md",
                "+++\ntitle = \"Draft\"\ndate = 2025-10-02\ndraft = true\n[moves]\nMU = 50\n+++\n",
            ),
        ]);
        let title = |id: ArticleId| site.article(id).title.clone();
        let smic = site
            .company_ids()
            .find(|&c| site.company(c).key.as_str() == "smic")
            .unwrap();
        let about: Vec<(String, String, f64)> = site
            .moves_about(smic)
            .map(|(id, m)| (title(id), m.ticker.to_string(), m.change))
            .collect();
        assert_eq!(
            about,
            [
                ("Newer".into(), "688981.SS".into(), 4.0),
                ("Newer".into(), "0981.HK".into(), 2.5),
                ("Older".into(), "0981.hk".into(), 10.9),
            ]
        );
        // 23:30 UTC on 1 October is 2 October in Hong Kong, the site's time zone.
        let days: Vec<String> = site.trading_days().map(|d| d.to_string()).collect();
        assert_eq!(days, ["2025-10-03", "2025-10-02"]);
        let on = |day: &str| -> Vec<(String, String, String)> {
            site.moves_on(day.parse().unwrap())
                .map(|(id, m, c)| {
                    (
                        title(id),
                        m.ticker.to_string(),
                        site.company(c).key.to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(
            on("2025-10-02"),
            [
                ("Newer".into(), "688981.SS".into(), "smic".into()),
                ("Older".into(), "MU".into(), "micron".into()),
                ("Older".into(), "0981.hk".into(), "smic".into()),
            ]
        );
        // A ticker no company lists has its own page, and its moves are about it.
        assert_eq!(
            on("2025-10-03"),
            [
                ("Newer".into(), "0981.HK".into(), "smic".into()),
                ("Newer".into(), "ASML".into(), "asml".into()),
            ]
        );
        assert!(on("2025-10-04").is_empty());
    }
}
