//! The moves a site reports, for pages that show them: per company, the moves its
//! briefings report about it; per archive day, every move its briefings report.
//! Only published briefings report moves (a page's moves are its own text).
//!
//! A move is kept where its article is (`article.moves`), and found through the
//! company each one is about (`ArticleLinks::moves`) and the archives' days, so a page
//! asks for what it shows and nothing is copied.

use super::Site;
use super::archives::Span;
use crate::content::{Article, Move};
use crate::keys::{ArticleId, CompanyId};

impl Site {
    /// The moves of an article, each with the company it is about, in the order written.
    pub fn moves_of(&self, id: ArticleId) -> impl Iterator<Item = (&Move, CompanyId)> {
        let article = self.article(id);
        article
            .moves
            .iter()
            .zip(self.move_companies(id).iter().copied())
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

    /// The moves the briefings of an archive day report, each with its briefing and
    /// the company it is about: briefings newest first, each one's moves in the order
    /// written. A move goes on the day of the briefing that reports it, whatever its
    /// trading day, so every move is on exactly one day's board.
    pub fn moves_reported(
        &self,
        day: &Span,
    ) -> impl Iterator<Item = (ArticleId, &Move, CompanyId)> + '_ {
        day.briefing_ids().flat_map(move |id| {
            self.moves_of(id)
                .map(move |(reported, company)| (id, reported, company))
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
    fn moves_are_found_by_company_and_by_the_day_of_their_briefing() {
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
        // 23:30 UTC on 1 October is 2 October in Hong Kong, the site's time zone. A
        // move goes on the day of its briefing, whatever day it traded.
        let on = |day: &str| -> Vec<(String, String, String)> {
            let day = crate::model::archives::Period::Day(day.parse().unwrap());
            let Some(span) = site.archives.span(day) else {
                return Vec::new();
            };
            site.moves_reported(span)
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
                ("Older".into(), "MU".into(), "micron".into()),
                ("Older".into(), "0981.hk".into(), "smic".into()),
            ]
        );
        // A ticker no company lists has its own page, and its moves are about it.
        assert_eq!(
            on("2025-10-03"),
            [
                ("Newer".into(), "688981.SS".into(), "smic".into()),
                ("Newer".into(), "0981.HK".into(), "smic".into()),
                ("Newer".into(), "ASML".into(), "asml".into()),
            ]
        );
        assert!(on("2025-10-01").is_empty());
    }
}
