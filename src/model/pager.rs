//! Pager maths: how many pages a list has and which items each page shows.

use std::ops::Range;

/// Number of pages for `items` items at `per_page` a page; an empty list still has one.
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The items on 1-based page `page`.
pub fn items_on(page: usize, items: usize, per_page: usize) -> Range<usize> {
    let per_page = per_page.max(1);
    let start = (page.saturating_sub(1) * per_page).min(items);
    start..(start + per_page).min(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_list_has_one_empty_page() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(items_on(1, 0, 10), 0..0);
    }

    #[test]
    fn the_last_page_holds_the_remainder() {
        assert_eq!(page_count(25, 10), 3);
        assert_eq!(items_on(3, 25, 10), 20..25);
        assert_eq!(page_count(30, 10), 3);
        assert_eq!(items_on(2, 30, 10), 10..20);
    }
}
