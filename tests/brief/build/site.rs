//! A whole small site (fixture `site`): every URL of SITE_FORMAT's "What a build
//! writes", the list pages and their pagers, pages that are not briefings, and the
//! theme files a site overrides (fixture `overrides`).

use crate::support::{Site, html};

/// Every URL the `site` fixture must have, by SITE_FORMAT's table.
const SITE_URLS: &[&str] = &[
    "/",
    "/page/2/",
    "/page/3/",
    "/2024/09/foundry-expansion/",
    "/2024/09/memory-prices/",
    "/2024/10/hong-kong-rally/",
    "/2024/10/ascend-roadmap/",
    "/2024/10/micron-results/",
    // content/2024/10/draft-title.md with slug = "SMIC jumps 11%"
    "/2024/10/smic-jumps-11/",
    "/about/",
    "/companies/",
    "/companies/smic/",
    "/companies/smic/page/2/",
    "/companies/smic/page/3/",
    "/companies/huawei/",
    "/companies/micron/",
    "/ecosystems/",
    "/ecosystems/china/",
    "/ecosystems/china/page/2/",
    "/ecosystems/us/",
    "/atom.xml",
    "/companies/smic/atom.xml",
    "/companies/huawei/atom.xml",
    "/companies/micron/atom.xml",
    "/ecosystems/china/atom.xml",
    "/ecosystems/us/atom.xml",
    "/sitemap.xml",
    "/robots.txt",
    "/404.html",
    "/style.css",
];

#[test]
fn a_valid_site_writes_every_url_of_the_site_format() {
    let site = Site::fixture("site");
    let built = site.build();
    let missing: Vec<&&str> = SITE_URLS.iter().filter(|u| !built.out.has(u)).collect();
    assert!(missing.is_empty(), "missing URLs: {missing:?}");
    // The file name's own URL is not written when a slug replaces it.
    assert!(!built.out.has("/2024/10/draft-title/"));
    assert!(
        built
            .out
            .page("/robots.txt")
            .contains("Sitemap: https://chipwire.example.org/sitemap.xml"),
        "robots.txt points at the sitemap"
    );
    assert!(built.out.page("/404.html").contains("Page not found"));
}

#[test]
fn the_output_paths_of_a_site() {
    let site = Site::fixture("site");
    let built = site.build();
    assert_snapshot!(built.out.files().join("\n"));
}

#[test]
fn the_style_sheet_comes_from_the_built_in_theme() {
    let site = Site::fixture("site");
    let built = site.build();
    let css = built.out.bytes("style.css");
    let theme_css =
        std::fs::read(crate::support::repository_root().join("themes/briefing/static/style.css"))
            .unwrap();
    assert_eq!(css, theme_css, "style.css is the briefing theme's");
    assert!(
        html::tags(&built.out.page("/"))
            .iter()
            .any(|t| t.name == "link"
                && t.get("rel") == Some("stylesheet")
                && t.get("href") == Some("/style.css")),
        "every page links the style sheet"
    );
}

#[test]
fn the_home_page() {
    let site = Site::fixture("site");
    let built = site.build();
    assert_snapshot!(built.out.page("/"));
}

#[test]
fn a_company_page() {
    let site = Site::fixture("site");
    let built = site.build();
    assert_snapshot!(built.out.page("/companies/smic/"));
}

#[test]
fn the_sitemap() {
    let site = Site::fixture("site");
    let built = site.build();
    let sitemap = built.out.page("/sitemap.xml");
    let root = crate::support::xml::parse(&sitemap).expect("sitemap.xml is well-formed");
    assert_eq!(root.name, "urlset");
    let locs: Vec<String> = root.all("url").map(|u| u.child("loc").text()).collect();
    for url in SITE_URLS.iter().filter(|u| u.ends_with('/')) {
        let absolute = format!("https://chipwire.example.org{url}");
        assert!(locs.contains(&absolute), "the sitemap lists {absolute}");
    }
    assert_snapshot!(sitemap);
}

/// The `href` of each briefing card's title, in order.
fn card_links(page: &str) -> Vec<String> {
    html::tags(page)
        .windows(2)
        .filter(|w| w[0].name.starts_with('h') && w[0].get("class") == Some("card-title"))
        .filter_map(|w| w[1].get("href").map(str::to_string))
        .collect()
}

#[test]
fn list_pages_hold_per_page_briefings_newest_first_with_pager_links() {
    let site = Site::fixture("site");
    let out = site.build().out;
    // per_page = 2, six briefings.
    assert_eq!(
        card_links(&out.page("/")),
        ["/2024/10/micron-results/", "/2024/10/ascend-roadmap/"]
    );
    assert_eq!(
        card_links(&out.page("/page/2/")),
        ["/2024/10/smic-jumps-11/", "/2024/10/hong-kong-rally/"]
    );
    assert_eq!(
        card_links(&out.page("/page/3/")),
        ["/2024/09/memory-prices/", "/2024/09/foundry-expansion/"]
    );
    assert!(!out.has("/page/4/"));

    let pager = |url: &str| {
        let page = out.page(url);
        let nav = html::section(&page, "nav", "pager").map(str::to_string);
        nav.unwrap_or_else(|| panic!("{url} has no pager"))
    };
    let rel = |nav: &str, rel: &str| -> Option<String> {
        html::tags(nav)
            .into_iter()
            .find(|t| t.get("rel") == Some(rel))
            .and_then(|t| t.get("href").map(str::to_string))
    };
    let first = pager("/");
    assert_eq!(rel(&first, "prev"), None);
    assert_eq!(rel(&first, "next").as_deref(), Some("/page/2/"));
    assert!(first.contains("Page 1 of 3"));
    let middle = pager("/page/2/");
    assert_eq!(rel(&middle, "prev").as_deref(), Some("/"));
    assert_eq!(rel(&middle, "next").as_deref(), Some("/page/3/"));
    let last = pager("/page/3/");
    assert_eq!(rel(&last, "prev").as_deref(), Some("/page/2/"));
    assert_eq!(rel(&last, "next"), None);

    // A company's list: SMIC is named by five briefings.
    assert_eq!(
        card_links(&out.page("/companies/smic/page/3/")),
        ["/2024/09/foundry-expansion/"]
    );
    let smic = pager("/companies/smic/page/2/");
    assert_eq!(rel(&smic, "prev").as_deref(), Some("/companies/smic/"));
    assert_eq!(
        rel(&smic, "next").as_deref(),
        Some("/companies/smic/page/3/")
    );
    // A list that fits on one page has no pager.
    assert!(html::section(&out.page("/ecosystems/us/"), "nav", "pager").is_none());
    assert!(!out.has("/ecosystems/us/page/2/"));
}

#[test]
fn a_page_with_kind_page_is_built_but_not_listed_on_home_lists_or_feeds() {
    let site = Site::fixture("site");
    let out = site.build().out;
    assert!(out.page("/about/").contains("About Chip Wire"));
    let listed_anywhere = out
        .files()
        .into_iter()
        .filter(|f| f.ends_with("index.html") || f.ends_with("atom.xml"))
        .filter(|f| *f != "about/index.html")
        .filter(|f| {
            let text = std::fs::read_to_string(out.dir.join(f)).unwrap();
            text.contains("About Chip Wire") || text.contains("chipwire.example.org/about/")
        })
        .collect::<Vec<_>>();
    assert!(
        listed_anywhere.is_empty(),
        "the about page is listed in {listed_anywhere:?}"
    );
    for page in ["/", "/page/2/", "/page/3/"] {
        assert!(!card_links(&out.page(page)).contains(&"/about/".to_string()));
    }
}

#[test]
fn the_companies_and_ecosystems_indexes_list_every_company_and_ecosystem() {
    let site = Site::fixture("site");
    let out = site.build().out;
    let companies = out.page("/companies/");
    for url in [
        "/companies/smic/",
        "/companies/huawei/",
        "/companies/micron/",
    ] {
        assert!(
            companies.contains(&format!("href=\"{url}\"")),
            "/companies/ links {url}"
        );
    }
    for ticker in ["0981.HK", "688981.SS", "MU"] {
        assert!(companies.contains(ticker), "/companies/ shows {ticker}");
    }
    let ecosystems = out.page("/ecosystems/");
    for url in ["/ecosystems/china/", "/ecosystems/us/"] {
        assert!(
            ecosystems.contains(&format!("href=\"{url}\"")),
            "/ecosystems/ links {url}"
        );
    }
    // An ecosystem's page lists its companies as well as its briefings.
    let china_page = out.page("/ecosystems/china/");
    let china = html::section(&china_page, "section", "group").expect("a table of companies");
    assert!(china.contains("href=\"/companies/smic/\""));
    assert!(china.contains("href=\"/companies/huawei/\""));
    assert!(
        !china.contains("href=\"/companies/micron/\""),
        "Micron is in the US stack"
    );
    assert!(
        china_page.contains("href=\"/2024/10/micron-results/\""),
        "a briefing tagged with both"
    );
}

#[test]
fn a_sites_own_static_and_templates_files_override_the_themes() {
    let site = Site::fixture("overrides");
    let out = site.build().out;
    // static/: built-in < themes/plain < the site's own.
    assert_eq!(
        out.bytes("style.css"),
        b"/* style.css from the site static/ */\n"
    );
    assert_eq!(
        out.bytes("theme-only.txt"),
        b"theme-only.txt from themes/plain\n"
    );
    assert!(out.has("/images/logo.svg"));
    // templates/: the site's page.html wins over the theme's, the theme's 404.html
    // over the built-in one, and article.html stays built in.
    let about = out.page("/about/");
    assert!(
        about.contains("page.html from the site's templates/: About"),
        "{about}"
    );
    assert!(!about.contains("from themes/plain"));
    assert!(out.page("/404.html").contains("404.html from themes/plain"));
    let article = out.page("/first/");
    assert!(article.contains("<article class=\"briefing"));
    assert!(!article.contains("class=\"marker\""));
}

#[test]
fn a_theme_links_to_the_home_page_indexes_and_feed_through_the_site_view() {
    let site = Site::fixture("site");
    site.write(
        "templates/404.html",
        "{{ site.home_url }} {{ site.companies_url }} {{ site.ecosystems_url }} {{ site.feed_url }}\n",
    );
    let out = site
        .build_with(&["--base-url", "https://chipwire.example.org/blog"])
        .out;
    assert_eq!(
        out.page("/404.html"),
        "/blog/ /blog/companies/ /blog/ecosystems/ https://chipwire.example.org/blog/atom.xml\n"
    );
    // The built-in theme's navigation takes them from there too.
    let home = out.page("/");
    for link in ["/blog/", "/blog/companies/", "/blog/ecosystems/"] {
        assert!(home.contains(&format!("href=\"{link}\"")), "{link}");
    }
}
