//! A rendering pass: what many pages of one site show, built once and shared.

use std::sync::{Arc, OnceLock};

use tera::Value;
use tera::value::Key;

use super::context::{card, company_link, ecosystem_link, site_view};
use super::{feeds, memo};
use crate::keys::ArticleId;
use crate::model::Site;

/// One rendering of a site: what many of its pages show (the site itself, each
/// briefing's card and feed entry), built once each and shared, since Tera's values are
/// reference-counted. Cards are built on first use, so `serve`, which renders a page
/// or two at a time, pays only for the cards it shows.
pub struct Pass<'a> {
    pub site: &'a Site,
    pub(super) site_view: Value,
    company_links: Vec<Value>,
    ecosystem_links: Vec<Value>,
    cards: Vec<OnceLock<Value>>,
    pub(super) feed_entries: feeds::Entries,
    /// HTML of `cached_component` calls, for this pass only.
    pub(super) components: Arc<memo::Cache>,
}

impl<'a> Pass<'a> {
    pub fn new(site: &'a Site) -> Pass<'a> {
        Pass {
            site,
            site_view: Value::from_serializable(&site_view(site)),
            company_links: (0..site.companies.len())
                .map(|c| Value::from_serializable(&company_link(site, c)))
                .collect(),
            ecosystem_links: (0..site.ecosystems.len())
                .map(|e| Value::from_serializable(&ecosystem_link(site, e)))
                .collect(),
            cards: site.articles.iter().map(|_| OnceLock::new()).collect(),
            feed_entries: feeds::Entries::new(site),
            components: Arc::default(),
        }
    }

    /// A briefing's card, whose company and ecosystem links are the ones every card
    /// shares: at 100,000 briefings, copies of them took hundreds of megabytes.
    fn card(&self, id: ArticleId) -> Value {
        self.cards[id.0]
            .get_or_init(|| {
                let links = &self.site.links[id.0];
                let shared = |all: &[Value], indices: &[usize]| {
                    Value::from(indices.iter().map(|&i| all[i].clone()).collect::<Vec<_>>())
                };
                let mut card = Value::from_serializable(&card(self.site, id))
                    .into_map()
                    .expect("a card is a map");
                card.insert(
                    Key::Str("companies"),
                    shared(&self.company_links, &links.companies),
                );
                card.insert(
                    Key::Str("ecosystems"),
                    shared(&self.ecosystem_links, &links.ecosystems),
                );
                Value::from(card)
            })
            .clone()
    }

    pub(super) fn cards(&self, ids: &[ArticleId]) -> Value {
        Value::from(ids.iter().map(|&id| self.card(id)).collect::<Vec<_>>())
    }
}
