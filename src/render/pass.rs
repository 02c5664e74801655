//! A rendering pass: what many pages of one site show, built once and shared.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::chart::number;
use super::context::{card, company_link, ecosystem_link, feed_link, site_view};
use super::search::{self, SearchIndex};
use super::views::{
    BriefingCardView, ChipMoveView, CompanyLinkView, EcosystemLinkView, FeedLinkView, MarketView,
    MoveView, Shared, SiteView,
};
use super::{feeds, json_feed, market, memo};
use crate::keys::{ArticleId, CompanyId};
use crate::model::{FeedOf, Site};

/// One rendering of a site: what many of its pages show (the site itself, each
/// briefing's card and feed entry), built once each and shared, since Tera's values are
/// reference-counted. Cards are built on first use, so `serve`, which renders a page
/// or two at a time, pays only for the cards it shows.
pub struct Pass<'a> {
    pub site: &'a Site,
    pub(super) site_view: Shared<SiteView>,
    /// By `CompanyId`: every card that names a company shows the same link to it. At
    /// 100,000 briefings, copies of these took hundreds of megabytes.
    company_links: Vec<Shared<CompanyLinkView>>,
    /// By `EcosystemId`.
    ecosystem_links: Vec<Shared<EcosystemLinkView>>,
    cards: Vec<OnceLock<Shared<BriefingCardView>>>,
    /// By the change as shown (`▲ 10.9 %`): a site's cards show a few hundred distinct
    /// changes, and each chip's own copy as a template map took some 10 MB of a
    /// 10,000-briefing build.
    changes: Mutex<HashMap<String, Shared<MoveView>>>,
    /// By ticker and change as shown (`0981.HK ▲ 10.9 %`): the same move on many cards
    /// is one template map, not one per card.
    chip_moves: Mutex<HashMap<String, Shared<ChipMoveView>>>,
    /// By `CompanyId`: a company's chart, table and sparkline, shown on each of its
    /// pages and on every board that lists it, drawn once.
    markets: Vec<OnceLock<Shared<MarketView>>>,
    /// The links to feeds that pages put in their `<head>`: the site's on every page,
    /// a company's on each of its briefings.
    site_feed_link: OnceLock<Shared<FeedLinkView>>,
    company_feed_links: Vec<OnceLock<Shared<FeedLinkView>>>,
    ecosystem_feed_links: Vec<OnceLock<Shared<FeedLinkView>>>,
    pub(super) feed_entries: feeds::Entries,
    pub(super) json_items: json_feed::Items,
    /// HTML of `cached_component` calls, for this pass only.
    pub(super) components: Arc<memo::Cache>,
    /// The search index but its records: made by the first file of it asked for.
    search: OnceLock<Arc<SearchIndex>>,
}

impl<'a> Pass<'a> {
    pub fn new(site: &'a Site) -> Pass<'a> {
        Pass {
            site,
            site_view: Shared::new(&site_view(site)),
            company_links: site
                .company_ids()
                .map(|c| Shared::new(&company_link(site, c)))
                .collect(),
            ecosystem_links: site
                .ecosystem_ids()
                .map(|e| Shared::new(&ecosystem_link(site, e)))
                .collect(),
            cards: site.articles.iter().map(|_| OnceLock::new()).collect(),
            changes: Mutex::default(),
            chip_moves: Mutex::default(),
            markets: site.company_ids().map(|_| OnceLock::new()).collect(),
            site_feed_link: OnceLock::new(),
            company_feed_links: site.company_ids().map(|_| OnceLock::new()).collect(),
            ecosystem_feed_links: site.ecosystem_ids().map(|_| OnceLock::new()).collect(),
            feed_entries: feeds::Entries::new(site),
            json_items: json_feed::Items::new(site),
            components: Arc::default(),
            search: OnceLock::new(),
        }
    }

    /// A pass that serves the files of `index`, made before for this site: `serve`
    /// keeps one for each state of the site, as its files are asked for one by one.
    pub fn with_search(site: &'a Site, index: Arc<SearchIndex>) -> Pass<'a> {
        let pass = Pass::new(site);
        let _ = pass.search.set(index);
        pass
    }

    /// The search index, made on first use (`files` asks for it before any page).
    pub(super) fn search(&self) -> &SearchIndex {
        self.search
            .get_or_init(|| Arc::new(search::index(self.site)))
    }

    fn card(&self, id: ArticleId) -> Shared<BriefingCardView> {
        self.cards[id.0]
            .get_or_init(|| {
                Shared::new(&card(
                    self.site,
                    id,
                    &self.company_links,
                    &self.ecosystem_links,
                    |ticker, change| self.chip_move(ticker, change),
                ))
            })
            .clone()
    }

    /// The view of `change`, one for every chip that shows it as it is shown.
    fn change(&self, change: f64) -> Shared<MoveView> {
        let shown = crate::content::moves::shown(change);
        let mut changes = self.changes.lock().expect("no panics hold it");
        changes
            .entry(shown)
            .or_insert_with(|| Shared::new(&number::move_view(change)))
            .clone()
    }

    /// The view of a chip's move, one for every card that shows the same ticker with
    /// the same change.
    fn chip_move(&self, ticker: &str, change: f64) -> Shared<ChipMoveView> {
        let key = format!("{ticker} {}", crate::content::moves::shown(change));
        if let Some(known) = self.chip_moves.lock().expect("no panics hold it").get(&key) {
            return known.clone();
        }
        let view = Shared::new(&ChipMoveView {
            ticker: ticker.to_string(),
            change: self.change(change),
        });
        self.chip_moves
            .lock()
            .expect("no panics hold it")
            .entry(key)
            .or_insert(view)
            .clone()
    }

    pub(super) fn feed_link(&self, feed: FeedOf) -> Shared<FeedLinkView> {
        let slot = match feed {
            FeedOf::Site => &self.site_feed_link,
            FeedOf::Company(c) => &self.company_feed_links[c.0],
            FeedOf::Ecosystem(e) => &self.ecosystem_feed_links[e.0],
        };
        slot.get_or_init(|| Shared::new(&feed_link(self.site, feed)))
            .clone()
    }

    /// The market picture of `company`, made on first use.
    pub(super) fn market(&self, company: CompanyId) -> Shared<MarketView> {
        self.markets[company.0]
            .get_or_init(|| Shared::new(&market::market(self.site, company)))
            .clone()
    }

    /// The cards of these briefings, in this order.
    pub(super) fn cards(&self, ids: &[ArticleId]) -> Shared<Vec<BriefingCardView>> {
        Shared::list(ids.iter().map(|&id| self.card(id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModelOptions;

    #[test]
    fn a_companys_market_picture_is_made_once_for_all_the_pages_that_show_it() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "site.toml",
            "title = \"T\"\nbase_url = \"https://example.org\"\nper_page = 1\n\n\
             [ecosystems.china]\nname = \"China\"\n\n\
             [companies.smic]\nname = \"SMIC\"\ntickers = [\"0981.HK\"]\necosystem = \"china\"\n",
        );
        write(
            "data/prices/0981.HK.csv",
            "date,close\n2025-01-01,10\n2025-02-01,11\n",
        );
        for (name, date) in [("old", "2025-01-01"), ("new", "2025-02-01")] {
            write(
                &format!("content/{name}.md"),
                &format!(
                    "+++\ntitle = \"{name}\"\ndate = {date}\ntickers = [\"0981.HK\"]\necosystem = \"china\"\n+++\n\nText.\n"
                ),
            );
        }
        let config = crate::config::load(dir.path(), &Default::default()).unwrap();
        let (articles, _) = crate::content::load(&config).unwrap();
        let (prices, _) = crate::prices::load(&config).unwrap();
        let options = ModelOptions {
            drafts: false,
            future: false,
            now: "2026-01-01T00:00:00Z".parse().unwrap(),
        };
        let (site, _) = crate::model::build(config, articles, prices, &options).unwrap();
        let pass = Pass::new(&site);
        let company = CompanyId(0);
        let ecosystem = crate::keys::EcosystemId(0);
        let route = |page| crate::model::Route {
            url: "".into(),
            page,
        };
        let first = super::super::pages::company(
            &pass,
            &route(crate::model::Page::Company { company, page: 1 }),
            company,
            1,
        );
        let second = super::super::pages::company(
            &pass,
            &route(crate::model::Page::Company { company, page: 2 }),
            company,
            2,
        );
        let board = super::super::pages::ecosystem(
            &pass,
            &route(crate::model::Page::Ecosystem { ecosystem, page: 1 }),
            ecosystem,
            1,
        );
        assert!(first.market.is(&second.market), "its pages share one");
        assert!(
            first.market.is(&board.board[0]),
            "its ecosystem's board shares it too"
        );
        assert!(
            !Pass::new(&site).market(company).is(&first.market),
            "a new pass draws anew"
        );
    }
}
