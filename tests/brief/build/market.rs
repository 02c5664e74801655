//! Company and ecosystem pages with their market picture (fixture `market`): a
//! company's description and coverage, its chart (of prices, or of reported moves)
//! and the table beside it, and an ecosystem's board.

use crate::support::{Site, html};

/// The text of the element of `class` on `page`, tags removed, spaces collapsed.
fn text_of(page: &str, tag: &str, class: &str) -> String {
    html::plain_text(
        html::section(page, tag, class)
            .unwrap_or_else(|| panic!("no <{tag} class=\"{class}\"> on the page")),
    )
}

#[test]
fn a_company_page_shows_its_description_and_since_when_it_has_been_covered() {
    let site = Site::fixture("market");
    let built = site.build();
    assert!(
        !built.stderr.contains("description"),
        "a company's description is read, not warned about: {}",
        built.stderr
    );
    let page = built.out.page("/companies/smic/");
    assert_eq!(
        text_of(&page, "p", "lead"),
        "China's largest contract chipmaker."
    );
    assert_eq!(
        text_of(&page, "p", "coverage"),
        "Covered in 3 briefings, from 30 September 2024 to 3 October 2024."
    );
    assert!(page.contains("<time datetime=\"2024-09-30T16:00:00+08:00\">30 September 2024</time>"));
    // The same on its second page of briefings.
    let second = built.out.page("/companies/smic/page/2/");
    assert_eq!(
        text_of(&second, "p", "coverage"),
        "Covered in 3 briefings, from 30 September 2024 to 3 October 2024."
    );

    let micron = built.out.page("/companies/micron/");
    assert!(
        html::section(&micron, "p", "lead").is_none(),
        "no description, no lead"
    );
    assert_eq!(
        text_of(&micron, "p", "coverage"),
        "Covered in 1 briefing, on 4 October 2024."
    );
    assert_eq!(
        text_of(&built.out.page("/companies/hua-hong/"), "p", "coverage"),
        "No published briefing names Hua Hong yet."
    );
}

/// The `<svg class="chart-svg">` on `page`.
fn chart(page: &str) -> &str {
    html::section(page, "svg", "chart-svg").expect("a chart on the page")
}

/// The values of `attribute` on every `<name>` tag in `html`, in order.
fn attribute_of(html: &str, name: &str, attribute: &str) -> Vec<String> {
    html::tags(html)
        .into_iter()
        .filter(|t| t.name == name)
        .filter_map(|t| t.get(attribute).map(str::to_string))
        .collect()
}

/// Each row of the body of the table of `class`, as its cells' text.
fn table_rows(page: &str, class: &str) -> Vec<Vec<String>> {
    let table = html::section(page, "table", class).expect("the table");
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    body.split("</tr>")
        .filter(|row| row.contains("<tr"))
        .map(|row| {
            let mut cells = Vec::new();
            let mut rest = row;
            while let Some(start) = [rest.find("<td"), rest.find("<th")]
                .into_iter()
                .flatten()
                .min()
            {
                let tag = &rest[start + 1..start + 3];
                let open_end = start + rest[start..].find('>').unwrap() + 1;
                let close = open_end + rest[open_end..].find(&format!("</{tag}>")).unwrap();
                cells.push(html::plain_text(&rest[open_end..close]));
                rest = &rest[close..];
            }
            cells
        })
        .collect()
}

#[test]
fn a_company_with_prices_gets_its_price_line_with_a_linked_marker_for_each_briefing() {
    let site = Site::fixture("market");
    let built = site.build();
    let page = built.out.page("/companies/smic/");
    let svg = chart(&page);
    assert!(svg.contains(
        "role=\"group\" aria-labelledby=\"brief-chart-title\" aria-describedby=\"brief-chart-desc\""
    ));
    assert!(svg.contains("<title id=\"brief-chart-title\">SMIC (0981.HK): daily closes</title>"));
    assert!(svg.contains("<desc id=\"brief-chart-desc\">Closing prices from 23 September 2024 to 8 October 2024, between 38.00 and 46.20; the last close 46.20. 3 markers"));
    // One marker per briefing about the listing drawn, newest first, each a link
    // named by its date, title and move.
    assert_eq!(
        attribute_of(svg, "a", "href"),
        [
            "/2024/10/profit-taking/",
            "/2024/10/hong-kong-rally/",
            "/2024/09/export-rules/"
        ]
    );
    assert!(svg.contains(
        "<title>2 October 2024: 0981.HK, Hong Kong chip stocks rally, up 10.9 percent</title>"
    ));
    assert_eq!(attribute_of(svg, "circle", "cx").len(), 3);
    // The axis labels, and the table that says the same, newest first.
    let labels = text_of(&page, "div", "chart-values");
    assert_eq!(labels, "46.20 38.00");
    assert_eq!(
        text_of(&page, "div", "chart-days"),
        "23 September 2024 8 October 2024"
    );
    assert_eq!(
        table_rows(&page, "data market-table"),
        [
            [
                "Profit-taking after the rally 3 October 2024",
                "0981.HK",
                "▼ 1.2 %down 1.2 percent 0981.HK",
                "43.83"
            ],
            [
                "Hong Kong chip stocks rally 2 October 2024",
                "0981.HK",
                "▲ 10.9 %up 10.9 percent 0981.HK",
                "44.36"
            ],
            [
                "Hong Kong chip stocks rally 2 October 2024",
                "688981.SS",
                "▲ 8.1 %up 8.1 percent 688981.SS",
                "52.30 CNY"
            ],
            [
                "New export rules weigh on mainland foundries 30 September 2024",
                "0981.HK",
                "▼ 2.4 %down 2.4 percent 0981.HK",
                "40.02"
            ],
        ]
    );
    let table = html::section(&page, "table", "data market-table").unwrap();
    assert_eq!(
        attribute_of(table, "a", "href"),
        [
            "/2024/10/profit-taking/",
            "/2024/10/hong-kong-rally/",
            "/2024/10/hong-kong-rally/",
            "/2024/09/export-rules/"
        ]
    );
    // The chart and table come before the briefings, on the first page only.
    assert!(page.find("chart-svg").unwrap() < page.find("brief-listing-title").unwrap());
    let second = built.out.page("/companies/smic/page/2/");
    assert!(!second.contains("chart-svg"));
    assert!(
        second.contains("<a href=\"/companies/smic/\">The price chart and the moves reported</a>")
    );
}

#[test]
fn a_company_without_prices_gets_its_reported_moves_as_bars() {
    let site = Site::fixture("market");
    let built = site.build();
    let page = built.out.page("/companies/micron/");
    let svg = chart(&page);
    assert!(svg.contains(
        "<title id=\"brief-chart-title\">Micron Technology: moves reported in briefings</title>"
    ));
    assert!(svg.contains(
        "<desc id=\"brief-chart-desc\">One move reported from 4 October 2024 to 4 October 2024"
    ));
    assert_eq!(attribute_of(svg, "rect", "class"), ["chart-up"]);
    assert_eq!(attribute_of(svg, "a", "href"), ["/2024/10/memory-record/"]);
    assert!(svg.contains("<line class=\"chart-zero\""));
    assert!(!svg.contains("<circle"), "no price line without prices");
    assert_eq!(text_of(&page, "div", "chart-values"), "▲ 4.5 % ◆ 0.0 %");
    assert_eq!(
        table_rows(&page, "data market-table"),
        [[
            "Micron at a record on memory demand 4 October 2024",
            "▲ 4.5 %up 4.5 percent",
            "125.50 USD"
        ]]
    );
}

#[test]
fn a_company_with_neither_prices_nor_moves_shows_its_coverage_and_no_chart() {
    let site = Site::fixture("market");
    let built = site.build();
    for company in ["/companies/huawei/", "/companies/hua-hong/"] {
        let page = built.out.page(company);
        assert!(!page.contains("<svg"), "{company} has no chart");
        assert!(!page.contains("market-table"), "{company} has no table");
        assert!(page.contains("class=\"coverage\""));
    }
}

#[test]
fn an_ecosystem_page_has_a_board_of_its_companies_before_its_briefings() {
    let site = Site::fixture("market");
    let built = site.build();
    let page = built.out.page("/ecosystems/china/");
    let board = html::section(&page, "table", "data board").expect("the board");
    assert!(page.find("class=\"data board\"").unwrap() < page.find("brief-listing-title").unwrap());
    assert_eq!(
        table_rows(&page, "data board"),
        [
            vec!["Hua Hong 0 briefings", "–none reported", "0", ""],
            vec!["Huawei 1 briefing", "–none reported", "1", ""],
            vec![
                "SMIC 3 briefings",
                "▼ 1.2 %down 1.2 percent 3 October 2024: Profit-taking after the rally",
                "3",
                ""
            ],
        ]
    );
    assert_eq!(
        attribute_of(board, "a", "href"),
        [
            "/companies/hua-hong/",
            "/companies/huawei/",
            "/companies/smic/",
            "/2024/10/profit-taking/"
        ]
    );
    // SMIC's sparkline: its recent closes, named for screen readers.
    assert_eq!(
        attribute_of(board, "svg", "aria-label"),
        ["SMIC, 0981.HK: 12 closes from 38.00 (23 September 2024) to 46.20 (8 October 2024)"]
    );
    assert_eq!(attribute_of(board, "svg", "role"), ["img"]);
    // Without prices, the sparkline draws the moves.
    let us = built.out.page("/ecosystems/us-allies/");
    let us_board = html::section(&us, "table", "data board").unwrap();
    assert_eq!(
        attribute_of(us_board, "svg", "aria-label"),
        ["Micron Technology: the last move reported, up 4.5 percent"]
    );
}
