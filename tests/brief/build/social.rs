//! What pages tell other sites (fixture `site`, per_page = 2): a canonical URL,
//! OpenGraph and a Twitter card on every kind of page; JSON-LD on briefings and
//! company pages, parsed and checked; the preview image from `[social]` and from a
//! briefing's `image`; and the theme's favicon.

use serde_json::Value;

use crate::support::html::{self, Tag};
use crate::support::{Out, Site};

const BASE: &str = "https://chipwire.example.org";

/// The `content` of `<meta property=…>` or `<meta name=…>` tags named `key`.
fn meta(tags: &[Tag], key: &str) -> Vec<String> {
    tags.iter()
        .filter(|t| {
            t.name == "meta" && (t.get("property") == Some(key) || t.get("name") == Some(key))
        })
        .filter_map(|t| t.get("content").map(str::to_string))
        .collect()
}

fn one(tags: &[Tag], key: &str, url: &str) -> String {
    let found = meta(tags, key);
    assert_eq!(found.len(), 1, "{url}: one {key}, found {found:?}");
    found.into_iter().next().unwrap()
}

/// The JSON-LD documents of a page, parsed.
fn json_ld(page: &str) -> Vec<Value> {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    page.match_indices(OPEN)
        .map(|(at, _)| {
            let rest = &page[at + OPEN.len()..];
            let text = &rest[..rest.find("</script>").expect("the script ends")];
            serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
        })
        .collect()
}

fn of_type<'a>(documents: &'a [Value], kind: &str) -> &'a Value {
    documents
        .iter()
        .find(|d| d["@type"] == kind)
        .unwrap_or_else(|| panic!("a {kind} among {documents:?}"))
}

#[test]
fn every_kind_of_page_has_a_canonical_url_opengraph_and_a_twitter_card() {
    let site = Site::fixture("site");
    let out = site.build().out;
    let pages: Vec<(String, String)> = out
        .html_pages()
        .into_iter()
        .map(|(file, page)| (format!("/{}", file.trim_end_matches("index.html")), page))
        .collect();
    let urls: Vec<&str> = pages.iter().map(|(url, _)| url.as_str()).collect();
    // One of each kind, pagination and the 404 page included.
    for kind in [
        "/",
        "/page/2/",
        "/2024/10/micron-results/",
        "/about/",
        "/companies/",
        "/companies/smic/",
        "/companies/smic/page/2/",
        "/ecosystems/",
        "/ecosystems/china/",
        "/2024/",
        "/2024/10/",
        "/2024/10/12/",
        "/404.html",
    ] {
        assert!(urls.contains(&kind), "{kind} is among {urls:?}");
    }
    for (url, page) in &pages {
        let tags = html::tags(page);
        let permalink = format!("{BASE}{url}");
        let canonical: Vec<&str> = tags
            .iter()
            .filter(|t| t.name == "link" && t.get("rel") == Some("canonical"))
            .filter_map(|t| t.get("href"))
            .collect();
        assert_eq!(canonical, [permalink.as_str()], "{url}");
        assert_eq!(one(&tags, "og:url", url), permalink);
        assert!(!one(&tags, "og:title", url).is_empty());
        assert!(!one(&tags, "og:description", url).is_empty());
        assert_eq!(one(&tags, "og:site_name", url), "Chip Wire");
        assert_eq!(one(&tags, "twitter:card", url), "summary");
        assert_eq!(
            one(&tags, "twitter:title", url),
            one(&tags, "og:title", url)
        );
        // A briefing is at /2024/MM/slug/; a day's archive is at /2024/MM/DD/.
        let parts: Vec<&str> = url.trim_matches('/').split('/').collect();
        let briefing =
            parts.len() == 3 && parts[0] == "2024" && !parts[2].bytes().all(|b| b.is_ascii_digit());
        let og_type = one(&tags, "og:type", url);
        if briefing {
            assert_eq!(og_type, "article", "{url}");
            for time in ["article:published_time", "article:modified_time"] {
                let text = one(&tags, time, url);
                text.parse::<jiff::Timestamp>()
                    .unwrap_or_else(|e| panic!("{url}: {time} {text}: {e}"));
            }
            assert!(!meta(&tags, "article:tag").is_empty(), "{url}");
        } else {
            assert_eq!(og_type, "website", "{url}");
            assert!(meta(&tags, "article:published_time").is_empty(), "{url}");
        }
    }
    let article = html::tags(&out.page("/2024/10/micron-results/"));
    assert_eq!(
        one(&article, "og:title", "micron"),
        "Micron beats on record data-centre demand"
    );
    assert_eq!(
        one(&article, "article:published_time", "micron"),
        "2024-10-12T06:00:00+08:00"
    );
    assert_eq!(
        meta(&article, "article:tag"),
        ["MU", "0981.HK", "The US stack", "China's domestic stack"]
    );
    let home = html::tags(&out.page("/"));
    assert_eq!(one(&home, "og:title", "/"), "Chip Wire");
    assert_eq!(
        one(&home, "og:description", "/"),
        "Short dated briefings on the chip race"
    );
}

#[test]
fn a_briefing_is_a_news_article_about_the_companies_it_names_with_breadcrumbs() {
    let site = Site::fixture("site");
    site.replace(
        "content/2024/10/ascend-roadmap.md",
        "title = ",
        "author = \"Mei Lin\"\ntitle = ",
    );
    let out = site.build().out;
    let documents = json_ld(&out.page("/2024/10/ascend-roadmap/"));
    assert_eq!(documents.len(), 2, "{documents:?}");
    let article = of_type(&documents, "NewsArticle");
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["headline"], "Huawei publishes its Ascend roadmap");
    assert_eq!(article["datePublished"], "2024-10-08T09:00:00+08:00");
    assert_eq!(article["dateModified"], "2024-10-08T09:00:00+08:00");
    assert_eq!(
        article["mainEntityOfPage"],
        format!("{BASE}/2024/10/ascend-roadmap/")
    );
    assert_eq!(article["author"]["@type"], "Person");
    assert_eq!(article["author"]["name"], "Mei Lin");
    assert_eq!(article["publisher"]["@type"], "Organization");
    assert_eq!(article["publisher"]["name"], "Chip Wire");
    let about = article["about"].as_array().expect("about is a list");
    let huawei = &about[0];
    assert_eq!(huawei["@type"], "Organization", "private: no listing");
    assert_eq!(huawei["name"], "Huawei");
    assert!(huawei.get("tickerSymbol").is_none());
    let smic = &about[1];
    assert_eq!(smic["@type"], "Corporation");
    assert_eq!(smic["name"], "SMIC");
    assert_eq!(
        smic["legalName"],
        "Semiconductor Manufacturing International Corporation"
    );
    assert_eq!(
        smic["tickerSymbol"],
        serde_json::json!(["XHKG 0981", "XSHG 688981"]),
        "each listing as the exchange's MIC and the symbol"
    );
    assert_eq!(smic["url"], "https://www.smics.com");
    let crumbs = of_type(&documents, "BreadcrumbList");
    let trail: Vec<(u64, &str, &str)> = crumbs["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["@type"], "ListItem");
            (
                i["position"].as_u64().unwrap(),
                i["name"].as_str().unwrap(),
                i["item"].as_str().unwrap(),
            )
        })
        .collect();
    let home = format!("{BASE}/");
    let year = format!("{BASE}/2024/");
    let month = format!("{BASE}/2024/10/");
    let own = format!("{BASE}/2024/10/ascend-roadmap/");
    assert_eq!(
        trail,
        [
            (1, "Chip Wire", home.as_str()),
            (2, "2024", year.as_str()),
            (3, "October 2024", month.as_str()),
            (4, "Huawei publishes its Ascend roadmap", own.as_str()),
        ]
    );
    // Without an author of its own, the site wrote it.
    let micron = json_ld(&out.page("/2024/10/micron-results/"));
    let micron = of_type(&micron, "NewsArticle");
    assert_eq!(micron["author"]["@type"], "Organization");
    assert_eq!(micron["author"]["name"], "Chip Wire");
    let mu = &micron["about"][0];
    assert_eq!(mu["@type"], "Corporation");
    assert!(
        mu.get("tickerSymbol").is_none(),
        "a bare MU names no exchange: {mu}"
    );
}

#[test]
fn a_company_page_describes_the_corporation_and_other_pages_have_no_json_ld() {
    let site = Site::fixture("site");
    let out = site.build().out;
    let documents = json_ld(&out.page("/companies/smic/"));
    assert_eq!(documents.len(), 1);
    let smic = of_type(&documents, "Corporation");
    assert_eq!(smic["@context"], "https://schema.org");
    assert_eq!(smic["name"], "SMIC");
    assert_eq!(smic["tickerSymbol"][0], "XHKG 0981");
    assert_eq!(smic["mainEntityOfPage"], format!("{BASE}/companies/smic/"));
    let huawei = json_ld(&out.page("/companies/huawei/"));
    assert_eq!(of_type(&huawei, "Organization")["name"], "Huawei");
    for url in [
        "/",
        "/companies/",
        "/ecosystems/china/",
        "/2024/10/",
        "/about/",
    ] {
        assert!(json_ld(&out.page(url)).is_empty(), "{url}");
    }
}

#[test]
fn a_title_cannot_close_the_json_ld_script() {
    let site = Site::fixture("site");
    let title = "Rally </script><script>alert(1)</script> <!-- & more";
    site.replace(
        "content/2024/10/micron-results.md",
        "title = \"Micron beats on record data-centre demand\"",
        &format!("title = \"{title}\""),
    );
    let out = site.build().out;
    let page = out.page("/2024/10/micron-results/");
    assert!(!page.contains("<script>alert"), "the title stays text");
    assert!(!page.contains("<!-- &"));
    let documents = json_ld(&page);
    assert_eq!(of_type(&documents, "NewsArticle")["headline"], title);
    let crumbs = of_type(&documents, "BreadcrumbList");
    assert_eq!(crumbs["itemListElement"][3]["name"], title);
}

fn image_of(out: &Out, url: &str) -> (Vec<String>, Vec<String>) {
    let tags = html::tags(&out.page(url));
    (meta(&tags, "og:image"), meta(&tags, "twitter:image"))
}

#[test]
fn the_social_image_is_the_sites_default_and_a_briefings_own_overrides_it() {
    let site = Site::fixture("site");
    // Without [social], no page names an image.
    let out = site.build().out;
    assert_eq!(image_of(&out, "/"), (vec![], vec![]));
    site.append("site.toml", "\n[social]\nimage = \"/images/card.png\"\n");
    site.write("static/images/card.png", b"\x89PNG\r\n\x1a\n");
    site.write(
        "static/2024/10/micron-results/chart.png",
        b"\x89PNG\r\n\x1a\n",
    );
    site.replace(
        "content/2024/10/micron-results.md",
        "title = ",
        "image = \"chart.png\"\ntitle = ",
    );
    let built = site.build();
    assert!(
        !built.stderr.contains("warning"),
        "both images are there: {}",
        built.stderr
    );
    let card = format!("{BASE}/images/card.png");
    for url in [
        "/",
        "/companies/smic/",
        "/2024/10/ascend-roadmap/",
        "/404.html",
    ] {
        assert_eq!(
            image_of(&built.out, url),
            (vec![card.clone()], vec![card.clone()]),
            "{url}"
        );
    }
    let chart = format!("{BASE}/2024/10/micron-results/chart.png");
    assert_eq!(
        image_of(&built.out, "/2024/10/micron-results/"),
        (vec![chart.clone()], vec![chart.clone()])
    );
    let documents = json_ld(&built.out.page("/2024/10/micron-results/"));
    assert_eq!(
        of_type(&documents, "NewsArticle")["image"],
        serde_json::json!([chart])
    );
    // An image on another site is taken as written.
    site.replace(
        "content/2024/10/micron-results.md",
        "image = \"chart.png\"",
        "image = \"https://cdn.example.net/micron.png\"",
    );
    let out = site.build().out;
    assert_eq!(
        image_of(&out, "/2024/10/micron-results/").0,
        ["https://cdn.example.net/micron.png"]
    );
}

#[test]
fn a_missing_image_file_is_a_warning_at_its_line_from_build_and_check() {
    let site = Site::fixture("site");
    site.append("site.toml", "\n[social]\nimage = \"/images/card.png\"\n");
    site.replace(
        "content/2024/10/micron-results.md",
        "title = ",
        "image = \"chart.png\"\ntitle = ",
    );
    let built = site.build();
    let lines = site.read("site.toml").lines().count();
    for expected in [
        format!("site.toml:{lines}:9: warning: no file for the link-preview image `/images/card.png`"),
        "content/2024/10/micron-results.md:2:9: warning: no file for the link-preview image `chart.png`".to_string(),
        "put the picture at static/2024/10/micron-results/chart.png".to_string(),
        "put the picture at static/images/card.png".to_string(),
    ] {
        assert!(built.stderr.contains(&expected), "{expected}\n{}", built.stderr);
    }
    let check = site.brief(&["check", "--format", "json"]);
    let codes = crate::support::commands::codes(&check);
    assert_eq!(
        codes.iter().filter(|c| *c == "missing-image").count(),
        2,
        "{codes:?}"
    );
}

#[test]
fn an_unknown_key_in_social_is_an_error_naming_the_closest() {
    let site = Site::fixture("site");
    site.append("site.toml", "\n[social]\nimgae = \"/images/card.png\"\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("unknown key `imgae` in [social]"),
        "{stderr}"
    );
    assert!(stderr.contains("`image`"), "{stderr}");
    assert_snapshot!(stderr);
}

#[test]
fn the_theme_has_a_favicon_and_a_sites_own_wins() {
    let site = Site::fixture("site");
    let out = site.build().out;
    let theme_icon = out.bytes("favicon.svg");
    assert!(
        String::from_utf8_lossy(&theme_icon)
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );
    for (file, page) in out.html_pages() {
        let url = file;
        let icons: Vec<(Option<String>, Option<String>)> = html::tags(&page)
            .into_iter()
            .filter(|t| t.name == "link" && t.get("rel") == Some("icon"))
            .map(|t| {
                (
                    t.get("href").map(String::from),
                    t.get("type").map(String::from),
                )
            })
            .collect();
        assert_eq!(
            icons,
            [(Some("/favicon.svg".into()), Some("image/svg+xml".into()))],
            "{url}"
        );
    }
    let own = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/></svg>\n";
    site.write("static/favicon.svg", own);
    let out = site.build().out;
    assert_eq!(out.bytes("favicon.svg"), own.as_bytes());
}
