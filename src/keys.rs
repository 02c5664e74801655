//! Names that cross modules: the keys of companies and ecosystems, tickers, and the
//! ids of articles, companies and ecosystems in a decided site.
//!
//! Newtypes keep a company key from being passed where a ticker is expected; they
//! carry no behaviour beyond comparison and display.

use std::fmt;

/// A company's key in site.toml (`smic`), also its URL slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CompanyKey(pub String);

/// An ecosystem's key in site.toml (`china`), also its URL slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EcosystemKey(pub String);

/// A listing as the writer spells it (`0981.HK`, `MU`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ticker(pub String);

impl Ticker {
    /// Tickers match case-insensitively: `0981.hk` is `0981.HK`.
    pub fn normalized(&self) -> String {
        self.0.to_uppercase()
    }

    /// The exchange a listing trades on, read from its suffix (Yahoo-style symbols).
    pub fn exchange(&self) -> &'static str {
        let suffix = self.0.rsplit_once('.').map(|(_, s)| s.to_uppercase());
        match suffix.as_deref() {
            None => "US (NASDAQ / NYSE)",
            Some("HK") => "Hong Kong Stock Exchange",
            Some("SS") => "Shanghai Stock Exchange",
            Some("SZ") => "Shenzhen Stock Exchange",
            Some("KS") => "Korea Exchange (KOSPI)",
            Some("KQ") => "Korea Exchange (KOSDAQ)",
            Some("T") => "Tokyo Stock Exchange",
            Some("TW") => "Taiwan Stock Exchange",
            Some("TWO") => "Taipei Exchange",
            Some("AS") => "Euronext Amsterdam",
            Some("PA") => "Euronext Paris",
            Some("DE") => "Deutsche Börse Xetra",
            Some("L") => "London Stock Exchange",
            Some("SW") => "SIX Swiss Exchange",
            Some("TO") => "Toronto Stock Exchange",
            Some("AX") => "Australian Securities Exchange",
            Some("NS") => "National Stock Exchange of India",
            Some("BO") => "BSE (Bombay)",
            Some("SI") => "Singapore Exchange",
            Some(_) => "other exchange",
        }
    }

    /// The listing as schema.org's `tickerSymbol` writes it: the exchange's ISO 10383
    /// Market Identifier Code, a space and the symbol (`XHKG 0981` for `0981.HK`).
    /// None when the suffix names no exchange brief knows, or there is no suffix: a
    /// bare `MU` may trade on NASDAQ or NYSE, and a wrong exchange is worse than none.
    pub fn ticker_symbol(&self) -> Option<String> {
        let (symbol, suffix) = self.0.rsplit_once('.')?;
        let mic = match suffix.to_uppercase().as_str() {
            "HK" => "XHKG",
            "SS" => "XSHG",
            "SZ" => "XSHE",
            "KS" => "XKRX",
            "KQ" => "XKOS",
            "T" => "XTKS",
            "TW" => "XTAI",
            "TWO" => "ROCO",
            "AS" => "XAMS",
            "PA" => "XPAR",
            "DE" => "XETR",
            "L" => "XLON",
            "SW" => "XSWX",
            "TO" => "XTSE",
            "AX" => "XASX",
            "NS" => "XNSE",
            "BO" => "XBOM",
            "SI" => "XSES",
            _ => return None,
        };
        Some(format!("{mic} {symbol}"))
    }
}

/// An article's index in the site's list of articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub usize);

/// A company's index in the site's list of companies: registered companies in key
/// order (so the same index as in the registry), then tickers no company lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CompanyId(pub usize);

/// An ecosystem's index in the site's list of ecosystems, which is the registry's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EcosystemId(pub usize);

macro_rules! display_as_inner {
    ($($name:ident),*) => {$(
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    )*};
}
display_as_inner!(CompanyKey, EcosystemKey, Ticker);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchange_comes_from_the_suffix() {
        assert_eq!(
            Ticker("0981.HK".into()).exchange(),
            "Hong Kong Stock Exchange"
        );
        assert_eq!(
            Ticker("688256.ss".into()).exchange(),
            "Shanghai Stock Exchange"
        );
        assert_eq!(Ticker("MU".into()).exchange(), "US (NASDAQ / NYSE)");
    }

    #[test]
    fn a_ticker_symbol_is_the_exchanges_mic_and_the_symbol() {
        let symbol = |t: &str| Ticker(t.into()).ticker_symbol();
        assert_eq!(symbol("0981.HK").as_deref(), Some("XHKG 0981"));
        assert_eq!(symbol("688981.ss").as_deref(), Some("XSHG 688981"));
        assert_eq!(symbol("000660.KS").as_deref(), Some("XKRX 000660"));
        assert_eq!(symbol("MU"), None, "NASDAQ or NYSE: not known");
        assert_eq!(symbol("ABC.ZZ"), None);
    }
}
