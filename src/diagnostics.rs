//! Non-fatal findings of a build, returned as data for the caller to print.
//!
//! The library never logs: a warning travels back in the build's report, so the
//! binary, `check` and the server each show it in their own way.

use crate::error::Location;

/// Something a writer should look at that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// An article names a ticker that no company in site.toml lists.
    UnregisteredTicker {
        location: Location,
        ticker: String,
        /// The registered ticker or company key closest in spelling, if any is close.
        closest: Option<String>,
    },
}

impl Warning {
    pub fn location(&self) -> &Location {
        match self {
            Warning::UnregisteredTicker { location, .. } => location,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Warning::UnregisteredTicker { ticker, .. } => {
                format!("ticker `{ticker}` is not listed by any company in site.toml")
            }
        }
    }

    pub fn help(&self) -> String {
        match self {
            Warning::UnregisteredTicker {
                ticker, closest, ..
            } => {
                let guess = closest
                    .as_ref()
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                format!(
                    "{guess}it gets a page of its own; add it to a company's `tickers` in site.toml to group it (`{ticker}`)"
                )
            }
        }
    }
}

/// Every warning of a build, in file order.
pub type Diagnostics = Vec<Warning>;

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
    fn closest_gives_nothing_when_nothing_is_close() {
        assert_eq!(closest("XYZW", ["0981.HK", "688256.SS"]), None);
    }
}
