//! "Did you mean": the known names closest in spelling to one the writer gave, for
//! errors and warnings alike. A leaf: every stage may use it, it uses nothing of brief.

/// The candidate closest in spelling to `wanted`, ignoring case, if it is close enough
/// to be a plausible typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let wanted = wanted.to_uppercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted, &c.to_uppercase()), c))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c.to_string())
}

/// Up to `limit` candidates close in spelling to `wanted`, closest first.
pub fn nearest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let wanted = wanted.to_uppercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted, &c.to_uppercase()), c))
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(limit)
        .map(|(_, c)| c.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_ticker_ignores_case_and_finds_a_typo() {
        let registered = ["0981.HK", "1347.HK", "688256.SS", "MU"];
        assert_eq!(closest("0918.hk", registered), Some("0981.HK".to_string()));
        assert_eq!(
            closest("688265.SS", registered),
            Some("688256.SS".to_string())
        );
    }

    #[test]
    fn nearest_lists_the_closest_first_and_stops_at_the_limit() {
        let registered = ["0981.HK", "0918.HK", "1347.HK", "MU"];
        assert_eq!(nearest("0981.hk", registered, 2), ["0981.HK", "0918.HK"]);
        assert!(nearest("XYZW", registered, 3).is_empty());
    }

    #[test]
    fn closest_gives_nothing_when_nothing_is_close() {
        assert_eq!(closest("XYZW", ["0981.HK", "688256.SS"]), None);
    }
}
