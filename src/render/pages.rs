//! One function per kind of HTML page, each building the typed view its template
//! receives (see `views`). What a page links to and where it lives come from the
//! model's table of page kinds; what many pages share comes from the `Pass`.

use super::context::*;
use super::pass::Pass;
use super::plain::strip_tags;
use super::social;
use super::views::*;
use crate::content::ArticleKind;
use crate::keys::{ArticleId, CompanyId, EcosystemId};
use crate::model::{Page, Route, pager};

/// What every page's `page_meta` holds, with the feeds the table gives its page.
pub(super) fn meta(
    pass: &Pass,
    route: &Route,
    title: &str,
    description: &str,
    section: &str,
) -> PageMetaView {
    let site = pass.site;
    let feeds = route
        .page
        .feeds(site)
        .into_iter()
        .map(|feed| pass.feed_link(feed))
        .collect();
    PageMetaView {
        social: social::social(site, route),
        structured_data: social::structured_data(site, route),
        ..page_meta(site, title, description, &route.url, section, feeds)
    }
}

pub fn home(pass: &Pass, route: &Route, page: usize) -> HomePageView {
    let site = pass.site;
    let range = pager::items_on(page, site.briefing_count, site.config.per_page);
    let ids: Vec<ArticleId> = range.map(ArticleId).collect();
    let title = if page > 1 {
        format!("Briefings, page {page}")
    } else {
        String::new()
    };
    HomePageView {
        site: pass.site_view.clone(),
        page_meta: meta(pass, route, &title, "", "home"),
        briefings: pass.cards(&ids),
        pager: pager_view(site, |page| Page::Home { page }, page, site.briefing_count),
    }
}

pub fn article<'a>(pass: &Pass<'a>, route: &Route, id: ArticleId) -> ArticlePageView<'a> {
    let site = pass.site;
    let article = site.article(id);
    let section = match article.kind {
        ArticleKind::Briefing => "article",
        ArticleKind::Page => "page",
    };
    let description = strip_tags(article.summary_html.at_site_root());
    let links = &site.links[id.0];
    ArticlePageView {
        site: pass.site_view.clone(),
        page_meta: meta(pass, route, &article.title, &description, section),
        article: article_view(site, id),
        previous: neighbour(site, links.previous),
        next: neighbour(site, links.next),
        related: pass.cards(&links.related),
    }
}

pub fn companies(pass: &Pass, route: &Route) -> CompaniesPageView {
    let site = pass.site;
    let mut companies: Vec<_> = site.company_ids().map(|c| company_view(site, c)).collect();
    companies.sort_by_cached_key(|c| (c.name.to_lowercase(), c.key.clone()));
    CompaniesPageView {
        site: pass.site_view.clone(),
        page_meta: meta(
            pass,
            route,
            "Companies",
            "Every company the briefings name, with its tickers.",
            "companies",
        ),
        companies,
        ecosystems: site
            .ecosystem_ids()
            .map(|e| ecosystem_view(site, e))
            .collect(),
    }
}

pub fn company(pass: &Pass, route: &Route, company: CompanyId, page: usize) -> CompanyPageView {
    let site = pass.site;
    let entry = site.company(company);
    let description = format!("Briefings that name {}.", entry.name);
    CompanyPageView {
        site: pass.site_view.clone(),
        page_meta: meta(
            pass,
            route,
            &paged_title(&entry.name, page),
            &description,
            "companies",
        ),
        company: company_view(site, company),
        market: pass.market(company),
        briefings: pass.cards(page_of(site, &entry.briefings, page)),
        pager: pager_view(
            site,
            |page| Page::Company { company, page },
            page,
            entry.briefings.len(),
        ),
    }
}

pub fn ecosystems(pass: &Pass, route: &Route) -> EcosystemsPageView {
    let site = pass.site;
    EcosystemsPageView {
        site: pass.site_view.clone(),
        page_meta: meta(
            pass,
            route,
            "Ecosystems",
            "The ecosystems the briefings follow.",
            "ecosystems",
        ),
        ecosystems: site
            .ecosystem_ids()
            .map(|e| ecosystem_view(site, e))
            .collect(),
    }
}

pub fn ecosystem(
    pass: &Pass,
    route: &Route,
    ecosystem: EcosystemId,
    page: usize,
) -> EcosystemPageView {
    let site = pass.site;
    let entry = site.ecosystem(ecosystem);
    let mut ids = entry.companies.clone();
    ids.sort_by_cached_key(|&c| site.company(c).name.to_lowercase());
    let companies = ids.iter().map(|&c| company_view(site, c)).collect();
    let board = ids.iter().map(|&c| pass.market(c)).collect();
    EcosystemPageView {
        site: pass.site_view.clone(),
        page_meta: meta(
            pass,
            route,
            &paged_title(&entry.ecosystem.name, page),
            &entry.ecosystem.description,
            "ecosystems",
        ),
        ecosystem: ecosystem_view(site, ecosystem),
        companies,
        board,
        briefings: pass.cards(page_of(site, &entry.briefings, page)),
        pager: pager_view(
            site,
            |page| Page::Ecosystem { ecosystem, page },
            page,
            entry.briefings.len(),
        ),
    }
}

pub fn not_found(pass: &Pass, route: &Route) -> NotFoundPageView {
    NotFoundPageView {
        site: pass.site_view.clone(),
        page_meta: meta(pass, route, "Page not found", "", "404"),
    }
}

pub fn search(pass: &Pass, route: &Route) -> SearchPageView {
    let site = pass.site;
    SearchPageView {
        site: pass.site_view.clone(),
        page_meta: meta(
            pass,
            route,
            "Search",
            "Search every briefing, by words, company, ticker and ecosystem.",
            "search",
        ),
        index_url: site.href(&Page::SearchIndex.url(site)),
        script_url: site.href(&Page::SearchScript.url(site)),
    }
}

fn paged_title(name: &str, page: usize) -> String {
    if page > 1 {
        format!("{name}, page {page}")
    } else {
        name.to_string()
    }
}
