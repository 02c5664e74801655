//! Deciding a site again after some articles were edited, by moving only what they
//! move: each edited article leaves the lists it was in and joins those it is in now,
//! the briefings between its old and new place in the order shift by one, and only the
//! related briefings near where it left or joined a list are worked out again. The
//! routes the two sites share are kept (their URLs are shared, and when no article
//! moved in the order and no list gained or lost a page, the whole list of routes is):
//! only the pages a list gained are made.
//!
//! The result is the same `Site` that `build_shared` decides from the new articles
//! (the tests compare the two after random edits); where that would take more than
//! moving articles (a URL changed, a ticker that no company lists is named), `update`
//! says so and the caller decides the site anew.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use jiff::civil::Date;

use super::archives::{self, Archives};
use super::related::Related;
use super::{
    ArticleLinks, LinkRuns, ModelOptions, Page, Route, Site, is_published, listed_before,
    own_routes, pager, related, routes,
};
use crate::content::{Article, ArticleKind};
use crate::diagnostics::Diagnostics;
use crate::error::Errors;
use crate::keys::{ArticleId, CompanyId, EcosystemId};
use crate::urls;

/// `previous` with `edited` (new versions of articles it was decided from, by content
/// path) put in, and the warnings about the edited articles; None when the edit needs
/// the site decided anew.
pub fn update(
    previous: &Site,
    edited: &[Arc<Article>],
    options: &ModelOptions,
) -> Option<(Site, Diagnostics)> {
    let registry = &previous.config.registry;
    let mut removed: Vec<usize> = Vec::new();
    // An article the last site left out is published now: its URL is checked against
    // every other route, as when the site is decided anew.
    let mut joins = false;
    // Each edited article's old place and kind, if the last site listed it.
    let mut was: Vec<Option<(usize, ArticleKind)>> = Vec::new();
    for article in edited {
        // Where it was when it is listed as before (the same date), else by its path's
        // bytes: comparing `Path`s parses them into components.
        let old = previous.place_of(article).map(|id| id.0).or_else(|| {
            previous
                .articles
                .iter()
                .position(|a| a.source.as_os_str() == article.source.as_os_str())
        });
        was.push(old.map(|index| (index, previous.articles[index].kind)));
        let was_left_out = previous.left_out.contains(&article.url);
        match old {
            Some(index)
                if previous.articles[index].url == article.url
                    && previous.articles[index].bundle == article.bundle
                    && previous.articles[index]
                        .aliases
                        .iter()
                        .map(|a| &a.url)
                        .eq(article.aliases.iter().map(|a| &a.url)) =>
            {
                removed.push(index)
            }
            None if was_left_out => joins |= is_published(article, options),
            // A new file, a new URL, or files that came to or went from its bundle:
            // routes and links between articles change.
            _ => return None,
        }
        let olds = old.map(|i| &previous.articles[i]);
        let names_unlisted = |a: &Article| {
            a.tickers
                .iter()
                .any(|t| registry.company_named(&t.name).is_none())
        };
        // Tickers no company lists take pages in the order they first appear.
        if names_unlisted(article) || olds.is_some_and(|a| names_unlisted(a)) {
            return None;
        }
    }
    removed.sort_unstable();

    // The new order: the old one without the edited articles, each put back in place.
    let mut articles: Vec<Arc<Article>> = previous
        .articles
        .iter()
        .enumerate()
        .filter(|(i, _)| removed.binary_search(i).is_err())
        .map(|(_, a)| a.clone())
        .collect();
    let mut left_out = previous.left_out.clone();
    for article in edited {
        left_out.remove(&article.url);
        if is_published(article, options) {
            let at = articles.partition_point(|a| listed_before(a, article).is_lt());
            articles.insert(at, article.clone());
        } else {
            left_out.insert(article.url.clone());
        }
    }
    let inserted: BTreeSet<usize> = edited
        .iter()
        .filter_map(|e| articles.iter().position(|a| Arc::ptr_eq(a, e)))
        .collect();
    let old_to_new = renumbering(previous.articles.len(), &removed, &inserted);
    // Every edited article where it was (the everyday edit of a ticker or an
    // ecosystem): no article has a new number, and none a new kind of page.
    let in_place = edited.iter().zip(&was).all(|(article, was)| {
        let now = articles.iter().position(|a| Arc::ptr_eq(a, article));
        match (was, now) {
            (Some((old, kind)), Some(new)) => *old == new && *kind == article.kind,
            (None, None) => true,
            _ => false,
        }
    });
    // Counted from the edits, not by reading every article again (10,000 of them, each
    // in its own place in memory): briefings come before pages.
    let briefing_count = previous.briefing_count
        - removed
            .iter()
            .filter(|&&i| i < previous.briefing_count)
            .count()
        + edited
            .iter()
            .filter(|a| a.kind == ArticleKind::Briefing && is_published(a, options))
            .count();

    let archives = moved_archives(previous, &articles, briefing_count, &old_to_new);
    // An article published now that was not brings its URL.
    let article_urls = match joins {
        true => Arc::new(articles.iter().map(|a| a.url.clone()).collect()),
        false => previous.article_urls.clone(),
    };
    let mut site = Site {
        config: previous.config.clone(),
        articles,
        briefing_count,
        links: Vec::new(),
        runs: LinkRuns::default(),
        companies: previous.companies.clone(),
        ecosystems: previous.ecosystems.clone(),
        archives,
        routes: Arc::default(),
        about: None,
        left_out,
        article_urls,
        prices: previous.prices.clone(),
        images: previous.images.clone(),
    };
    let renumbered = !in_place;
    let renumber = |ids: &mut Vec<ArticleId>| {
        *ids = ids
            .iter()
            .filter_map(|id| old_to_new[id.0].map(ArticleId))
            .collect();
    };
    // Lists an edited article left or joins: their related briefings are worked out anew.
    let mut touched_companies: BTreeSet<CompanyId> = BTreeSet::new();
    for &index in &removed {
        touched_companies.extend(previous.companies_of(ArticleId(index)).iter().copied());
    }
    for entry in &mut site.companies {
        if renumbered {
            renumber(&mut entry.briefings);
        }
    }
    for entry in &mut site.ecosystems {
        if renumbered {
            renumber(&mut entry.briefings);
        }
    }
    if !renumbered {
        // Same numbers: only the edited articles leave their lists.
        for &index in &removed {
            let id = ArticleId(index);
            for &c in previous.companies_of(id) {
                site.companies[c.0].briefings.retain(|&b| b != id);
            }
            for &e in previous.ecosystems_of(id) {
                site.ecosystems[e.0].briefings.retain(|&b| b != id);
            }
        }
    }

    // Links: the kept articles' carried over as they are, their runs with them; the
    // edited articles' worked out, their runs added at the end.
    let mut runs = previous.runs.clone();
    let mut links: Vec<ArticleLinks> = vec![ArticleLinks::default(); site.articles.len()];
    for (old, new) in old_to_new.iter().enumerate() {
        if let Some(new) = *new {
            let kept = previous.links[old];
            let related = if renumbered {
                kept.related
                    .renumbered(|id| old_to_new[id.0].map(ArticleId))
            } else {
                kept.related
            };
            links[new] = ArticleLinks { related, ..kept };
        }
    }
    let (mut named_companies, mut named_ecosystems) = (Vec::new(), Vec::new());
    for &index in &inserted {
        let id = ArticleId(index);
        let is_briefing = index < site.briefing_count;
        let article = &site.articles[index];
        named_companies.clear();
        named_ecosystems.clear();
        for named in &article.ecosystems {
            if let Some(e) = registry.ecosystem_index(&named.name).map(EcosystemId)
                && !named_ecosystems.contains(&e)
            {
                named_ecosystems.push(e);
                if is_briefing {
                    let list = &mut site.ecosystems[e.0].briefings;
                    let at = list.partition_point(|b| *b < id);
                    list.insert(at, id);
                }
            }
        }
        for named in &article.tickers {
            // Registered companies come first in the site's list, in registry order.
            let company = CompanyId(registry.company_named(&named.name)?);
            if named_companies.contains(&company) {
                continue;
            }
            named_companies.push(company);
            if is_briefing {
                let list = &mut site.companies[company.0].briefings;
                let at = list.partition_point(|b| *b < id);
                list.insert(at, id);
                touched_companies.insert(company);
            }
        }
        // Every ticker is registered (checked above), moves' tickers among them.
        let moved = super::moves::companies(article, |ticker| {
            registry.company_named(ticker).map(CompanyId)
        })?;
        links[index] = runs.links(&named_companies, &named_ecosystems, &moved);
    }
    let count = site.briefing_count;
    for (index, link) in links.iter_mut().enumerate().take(count) {
        link.next = index.checked_sub(1).map(ArticleId);
        link.previous = (index + 1 < count).then_some(ArticleId(index + 1));
    }
    // Related briefings change only near where an edited article left or joined a
    // list: a briefing's candidates are those within a window around it.
    let mut again: BTreeSet<usize> = inserted.clone();
    let reach = related::WINDOW + 1;
    for &company in &touched_companies {
        let list = &site.company(company).briefings;
        let mut near = |id: ArticleId| {
            let at = list.partition_point(|b| *b < id);
            let (start, end) = (at.saturating_sub(reach), (at + reach).min(list.len()));
            again.extend(list[start..end].iter().map(|b| b.0));
        };
        for &index in &removed {
            // Where it was, counted in the new numbers: beside its old neighbours.
            let after = (index + 1..previous.articles.len()).find_map(|i| old_to_new[i]);
            if let Some(after) = after {
                near(ArticleId(after));
            }
        }
        for &index in &inserted {
            near(ArticleId(index));
        }
    }
    for index in again.into_iter().filter(|&i| i < site.briefing_count) {
        let lists: Vec<(&[ArticleId], usize)> = runs
            .companies
            .get(links[index].companies)
            .iter()
            .map(|&c| {
                let list = site.company(c).briefings.as_slice();
                (list, list.partition_point(|b| b.0 < index))
            })
            .collect();
        links[index].related = related::related(ArticleId(index), &lists);
    }
    for link in links.iter_mut().skip(site.briefing_count) {
        link.related = Related::default();
        link.next = None;
        link.previous = None;
    }
    site.runs = runs;
    site.links = links;
    // URLs do not change here: the page at /about/ is the one before, or an edited one.
    site.about = previous
        .about
        .and_then(|id| old_to_new[id.0])
        .or_else(|| {
            inserted
                .iter()
                .copied()
                .find(|&i| site.articles[i].url == urls::ABOUT)
        })
        .map(ArticleId);
    let checked = (!joins)
        .then(|| moved_routes(previous, &site, &old_to_new, in_place))
        .flatten();
    site.routes = match checked {
        Some(routes) => routes,
        None => {
            let mut errors = Errors::default();
            let routes = routes(&site, &mut errors);
            if !errors.is_empty() {
                return None;
            }
            Arc::new(routes)
        }
    };
    let edited_paths: HashSet<&std::path::Path> = edited.iter().map(|a| a.file.as_path()).collect();
    // The edited articles' own warnings, as `build_shared` gives every article's.
    let mut warnings: Diagnostics = edited
        .iter()
        .flat_map(|a| a.notices.iter().cloned())
        .collect();
    warnings.extend(
        super::links_to_unpublished(edited, &site.left_out)
            .into_iter()
            .filter(|w| edited_paths.contains(w.location().path.as_path())),
    );
    Some((site, warnings))
}

/// The archives of the new order: the kept briefings keep the days worked out before,
/// so only the moved briefings' dates are read in the site's timezone again.
fn moved_archives(
    previous: &Site,
    articles: &[Arc<Article>],
    briefing_count: usize,
    old_to_new: &[Option<usize>],
) -> Archives {
    let mut days: Vec<Option<Date>> = vec![None; briefing_count];
    for (old, &day) in previous.archives.days_of.iter().enumerate() {
        if let Some(new) = old_to_new[old].filter(|&new| new < briefing_count) {
            days[new] = Some(day);
        }
    }
    let timezone = &previous.config.timezone;
    for (day, article) in days.iter_mut().zip(articles) {
        if day.is_none() {
            *day = article.date.map(|at| archives::day_in(at, timezone));
        }
    }
    Archives::from_days(days.into_iter().map_while(|day| day).collect())
}

/// The routes of `site` made from those of `previous`, where the articles are those
/// of `previous` in a new order, none with a new URL: every route the two sites share
/// keeps its URL, the pages a list gained are made, those it lost left out, and each
/// article's routes follow it to its new place. None when a page a list gained takes
/// an article's URL or a place one of its files needs: the site is decided anew,
/// which reports it.
fn moved_routes(
    previous: &Site,
    site: &Site,
    old_to_new: &[Option<usize>],
    in_place: bool,
) -> Option<Arc<Vec<Route>>> {
    let generated = previous
        .routes
        .iter()
        .position(|r| r.page.of_article().is_some())
        .unwrap_or(previous.routes.len());
    let (kept, own) = previous.routes.split_at(generated);
    let pages = super::generated_pages(site);
    if in_place && pages.iter().eq(kept.iter().map(|r| &r.page)) {
        // Every page where it was, every article too, with the same URLs.
        return Some(previous.routes.clone());
    }
    let mut routes = Vec::with_capacity(previous.routes.len() + 8);
    let mut made: HashSet<Arc<str>> = HashSet::new();
    let mut next = 0;
    // Both lists are in the one order of `generated_pages`: walk them side by side.
    for page in pages {
        while next < kept.len() && kept[next].page != page && !has_page(site, kept[next].page) {
            next += 1;
        }
        if next < kept.len() && kept[next].page == page {
            routes.push(kept[next].clone());
            next += 1;
        } else {
            let url: Arc<str> = page.url(site).into();
            made.insert(url.clone());
            routes.push(Route { url, page });
        }
    }
    if made.iter().any(|url| site.article_urls.contains(&**url)) {
        return None;
    }

    // Each old article's routes, by old index: together, in the order of articles.
    let mut starts = Vec::with_capacity(previous.articles.len() + 1);
    for (index, route) in own.iter().enumerate() {
        if route.page.article().is_some() {
            starts.push(index);
        }
    }
    starts.push(own.len());
    let mut new_to_old = vec![None; site.articles.len()];
    for (old, new) in old_to_new.iter().enumerate() {
        if let Some(new) = *new {
            new_to_old[new] = Some(old);
        }
    }
    for (index, old) in new_to_old.into_iter().enumerate() {
        let id = ArticleId(index);
        match old {
            Some(old) => {
                routes.extend(own[starts[old]..starts[old + 1]].iter().map(|route| Route {
                    url: route.url.clone(),
                    page: route.page.for_article(id),
                }))
            }
            None => routes.extend(own_routes::pages(site, id).map(|page| Route {
                url: page.url(site).into(),
                page,
            })),
        }
    }
    if !made.is_empty() {
        let mut errors = Errors::default();
        own_routes::collisions(site, &routes, &mut errors);
        if !errors.is_empty() {
            return None;
        }
    }
    Some(Arc::new(routes))
}

/// Whether `site` has `page`, one of the pages made of its lists.
fn has_page(site: &Site, page: Page) -> bool {
    let per_page = site.config.per_page;
    let within = |items: usize, page: usize| page <= pager::page_count(items, per_page);
    match page {
        Page::Home { page } => within(site.briefing_count, page),
        Page::Company { company, page } => within(site.company(company).briefings.len(), page),
        Page::Ecosystem { ecosystem, page } => {
            within(site.ecosystem(ecosystem).briefings.len(), page)
        }
        Page::Archive { period, page } => site
            .archives
            .span(period)
            .is_some_and(|span| page <= span.pages(per_page)),
        Page::Companies | Page::Ecosystems | Page::NotFound | Page::Feed(..) => true,
        Page::Sitemap | Page::Robots => true,
        Page::Search | Page::SearchScript | Page::SearchIndex => site.config.search,
        Page::SearchTerms { shard } => {
            site.config.search
                && shard < super::search::SearchPlan::new(site.briefing_count).term_shards
        }
        Page::SearchRecord { number } => {
            site.config.search && (number as usize) < site.briefing_count
        }
        Page::Article { id, .. }
        | Page::BundleFile { article: id, .. }
        | Page::Redirect { article: id, .. } => id.0 < site.articles.len(),
    }
}

/// Old article index → new, given the indexes removed from the old order and those
/// inserted into the new one; the others keep their relative order.
fn renumbering(
    old_len: usize,
    removed: &[usize],
    inserted: &BTreeSet<usize>,
) -> Vec<Option<usize>> {
    let mut map = vec![None; old_len];
    let (mut removed, mut inserted) = (removed.iter().peekable(), inserted.iter().peekable());
    let mut new = 0;
    for (old, slot) in map.iter_mut().enumerate() {
        if removed.next_if_eq(&&old).is_some() {
            continue;
        }
        while inserted.next_if_eq(&&new).is_some() {
            new += 1;
        }
        *slot = Some(new);
        new += 1;
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{self, ConfigOptions};
    use crate::content::{self, Named};
    use crate::error::Location;
    use crate::model::build_shared;

    const SITE: &str = r#"title = "T"
base_url = "https://example.org"
per_page = 3
timezone = "Asia/Hong_Kong"

[ecosystems.china]
name = "China"

[ecosystems.us]
name = "US"

[companies.smic]
name = "SMIC"
tickers = ["0981.HK"]
ecosystem = "china"

[companies.hua-hong]
name = "Hua Hong"
tickers = ["1347.HK"]
ecosystem = "china"

[companies.micron]
name = "Micron"
tickers = ["MU"]
ecosystem = "us"

[companies.nvidia]
name = "Nvidia"
tickers = ["NVDA"]
ecosystem = "us"
"#;

    const TICKERS: [&str; 4] = ["0981.HK", "1347.HK", "MU", "NVDA"];
    const ECOSYSTEMS: [&str; 2] = ["china", "us"];

    /// A moment between December 2025 and March 2026, often near midnight in Hong
    /// Kong (16:30 UTC is 00:30 the next day there), so edits move briefings between
    /// days, months and years.
    fn moment(dice: &mut Dice) -> String {
        let (year, month) = [(2025, 12), (2026, 1), (2026, 2), (2026, 3)][dice.roll(4)];
        let day = 1 + dice.roll(28);
        let hour = [0, 9, 15, 16, 23][dice.roll(5)];
        format!("{year}-{month:02}-{day:02}T{hour:02}:30:00Z")
    }

    /// A small deterministic source of choices, so a failure can be replayed.
    struct Dice(u64);

    impl Dice {
        fn roll(&mut self, sides: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % sides as u64) as usize
        }
    }

    fn named(name: &str) -> Named {
        Named {
            name: name.to_string(),
            location: Location::at(std::path::Path::new("x.md"), 1, 1),
        }
    }

    fn site_files(count: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), SITE).unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        let mut dice = Dice(7);
        for i in 0..count {
            let date = moment(&mut dice);
            let tickers: Vec<String> = (0..1 + dice.roll(3))
                .map(|_| format!("\"{}\"", TICKERS[dice.roll(4)]))
                .collect();
            let ecosystem = ECOSYSTEMS[dice.roll(2)];
            // Some briefings report moves, some for tickers `tickers` leaves out.
            let moves = match dice.roll(3) {
                0 => String::new(),
                1 => format!(
                    "[moves]\n\"{}\" = {}\n",
                    TICKERS[dice.roll(4)],
                    dice.roll(30)
                ),
                _ => format!(
                    "[moves]\n\"{}\" = {{ change = -{}.5, on = 2026-03-{:02} }}\n",
                    TICKERS[dice.roll(4)],
                    dice.roll(9),
                    1 + dice.roll(20)
                ),
            };
            let text = format!(
                "+++
title = \"B{i}\"
date = {date}
tickers = [{}]
ecosystem = \"{ecosystem}\"
{moves}+++

Text [other](b{}.md).
",
                tickers.join(", "),
                (i + 1) % count,
            );
            std::fs::write(content.join(format!("b{i}.md")), text).unwrap();
        }
        std::fs::write(
            content.join("about.md"),
            "+++\ntitle = \"About\"\nkind = \"page\"\ntickers = [\"MU\"]\n+++\n\nAbout.\n",
        )
        .unwrap();
        dir
    }

    /// The same site, field by field.
    fn assert_same(updated: &Site, decided: &Site, what: &str) {
        let sources = |s: &Site| {
            s.articles
                .iter()
                .map(|a| a.source.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(sources(updated), sources(decided), "order after {what}");
        assert_eq!(updated.briefing_count, decided.briefing_count, "{what}");
        // Runs are placed differently in the two; what they hold must be the same.
        let links = |s: &Site| {
            (0..s.articles.len())
                .map(|i| {
                    let (id, link) = (ArticleId(i), &s.links[i]);
                    format!(
                        "{:?} {:?} {:?} {:?} {:?} {:?}",
                        s.companies_of(id),
                        s.ecosystems_of(id),
                        s.move_companies(id),
                        link.previous,
                        link.next,
                        link.related
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(links(updated), links(decided), "links after {what}");
        assert_eq!(
            format!("{:?}", updated.companies),
            format!("{:?}", decided.companies),
            "companies after {what}"
        );
        assert_eq!(
            format!("{:?}", updated.ecosystems),
            format!("{:?}", decided.ecosystems),
            "ecosystems after {what}"
        );
        assert_eq!(updated.archives, decided.archives, "archives after {what}");
        assert_eq!(
            format!("{:?}", updated.routes),
            format!("{:?}", decided.routes),
            "routes after {what}"
        );
        assert_eq!(updated.about, decided.about, "{what}");
        assert_eq!(updated.left_out, decided.left_out, "{what}");
    }

    #[test]
    fn moving_articles_gives_the_site_decided_anew() {
        let dir = site_files(90);
        let config = config::load(dir.path(), &ConfigOptions::default()).unwrap();
        let mut articles: Vec<Arc<Article>> = content::load(&config)
            .unwrap()
            .0
            .into_iter()
            .map(Arc::new)
            .collect();
        let options = ModelOptions {
            drafts: false,
            future: false,
            now: "2026-03-15T00:00:00Z".parse().unwrap(),
        };
        let (mut site, _) = build_shared(
            config.clone(),
            articles.clone(),
            Default::default(),
            &options,
        )
        .unwrap();
        assert!(
            site.articles.iter().filter(|a| !a.moves.is_empty()).count() > 5,
            "the briefings report moves"
        );
        let mut dice = Dice(42);
        let mut moved = 0;
        for round in 0..300 {
            let index = dice.roll(articles.len());
            let mut article = Article::clone(&articles[index]);
            let what = match dice.roll(9) {
                0 => {
                    article.tickers.push(named(TICKERS[dice.roll(4)]));
                    "a ticker added"
                }
                1 => {
                    if !article.tickers.is_empty() {
                        article.tickers.remove(dice.roll(article.tickers.len()));
                    }
                    "a ticker removed"
                }
                2 => {
                    article.ecosystems = vec![named(ECOSYSTEMS[dice.roll(2)])];
                    "the ecosystem changed"
                }
                3 => {
                    article.date = Some(moment(&mut dice).parse().unwrap());
                    "the date changed"
                }
                4 => {
                    article.draft = !article.draft;
                    "draft toggled"
                }
                5 => {
                    // As content reads it: a move names its ticker.
                    let ticker = TICKERS[dice.roll(4)];
                    if !article.moves.iter().any(|m| m.ticker.as_str() == ticker) {
                        if !article.tickers.iter().any(|t| t.name == ticker) {
                            article.tickers.push(named(ticker));
                        }
                        let day = 1 + dice.roll(28);
                        article.moves.push(crate::content::Move {
                            ticker: crate::keys::Ticker(ticker.into()),
                            change: dice.roll(20) as f64 - 10.0,
                            close: None,
                            currency: None,
                            on: jiff::civil::date(2026, 3, day as i8),
                        });
                    }
                    "a move added"
                }
                6 => {
                    if !article.moves.is_empty() {
                        article.moves.remove(dice.roll(article.moves.len()));
                    }
                    "a move removed"
                }
                7 => {
                    if let Some(first) = article.moves.first_mut() {
                        first.on = jiff::civil::date(2026, 3, 1 + dice.roll(28) as i8);
                        first.change += 1.0;
                    }
                    "a move's day and change changed"
                }
                _ => {
                    article.title.push('!');
                    "the title changed"
                }
            };
            let article = Arc::new(article);
            articles[index] = article.clone();
            let what = format!("round {round}: {what} in {}", article.source.display());
            let (decided, _) = build_shared(
                config.clone(),
                articles.clone(),
                Default::default(),
                &options,
            )
            .unwrap();
            let (updated, _) = update(&site, &[article], &options).expect("a move, not a new site");
            assert_same(&updated, &decided, &what);
            site = updated;
            moved += 1;
        }
        assert_eq!(moved, 300);
    }

    #[test]
    fn a_page_a_list_gains_at_an_articles_url_asks_for_a_new_site() {
        let dir = site_files(5);
        // A page at the URL of the archive of a day no briefing is on yet.
        std::fs::create_dir_all(dir.path().join("content/2026/03")).unwrap();
        std::fs::write(
            dir.path().join("content/2026/03/05.md"),
            "+++\ntitle = \"Fifth\"\nkind = \"page\"\n+++\n\nText.\n",
        )
        .unwrap();
        let config = config::load(dir.path(), &ConfigOptions::default()).unwrap();
        let mut articles: Vec<Arc<Article>> = content::load(&config)
            .unwrap()
            .0
            .into_iter()
            .map(Arc::new)
            .collect();
        let options = ModelOptions {
            drafts: false,
            future: false,
            now: "2026-03-30T00:00:00Z".parse().unwrap(),
        };
        let (site, _) = build_shared(
            config.clone(),
            articles.clone(),
            Default::default(),
            &options,
        )
        .unwrap();
        let index = articles
            .iter()
            .position(|a| a.kind == ArticleKind::Briefing)
            .unwrap();
        let mut moved = Article::clone(&articles[index]);
        moved.date = Some("2026-03-05T04:00:00Z".parse().unwrap());
        let moved = Arc::new(moved);
        assert!(update(&site, std::slice::from_ref(&moved), &options).is_none());
        articles[index] = moved;
        assert!(build_shared(config, articles, Default::default(), &options).is_err());
    }

    #[test]
    fn a_ticker_no_company_lists_asks_for_a_new_site() {
        let dir = site_files(5);
        let config = config::load(dir.path(), &ConfigOptions::default()).unwrap();
        let articles: Vec<Arc<Article>> = content::load(&config)
            .unwrap()
            .0
            .into_iter()
            .map(Arc::new)
            .collect();
        let options = ModelOptions {
            drafts: false,
            future: false,
            now: "2026-03-30T00:00:00Z".parse().unwrap(),
        };
        let (site, _) =
            build_shared(config, articles.clone(), Default::default(), &options).unwrap();
        let mut article = Article::clone(&articles[0]);
        article.tickers.push(named("ASML"));
        assert!(update(&site, &[Arc::new(article)], &options).is_none());
        let mut article = Article::clone(&articles[0]);
        article.url = "/elsewhere/".into();
        assert!(update(&site, &[Arc::new(article)], &options).is_none());
    }
}
