//! Company and ecosystem pages with their market picture (fixture `market`): a
//! company's description and coverage.

use crate::support::{Site, html};

/// The text of the element of `class` on `page`, tags removed, spaces collapsed.
fn text_of(page: &str, tag: &str, class: &str) -> String {
    let section = html::section(page, tag, class)
        .unwrap_or_else(|| panic!("no <{tag} class=\"{class}\"> on the page"));
    let mut text = String::new();
    let mut in_tag = false;
    for c in section.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    html::decode_entities(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
