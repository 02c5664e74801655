//! The corpus's market layer (`--market`): `[moves]` for most briefings, in the numbers
//! of their tables of moves, and five years of daily closes for every listing in
//! `data/prices/`. The closes are synthetic: a seeded random walk over weekdays, made
//! up like the companies they belong to, and the corpus's `data/README.md` says so.
//!
//! It draws only from random streams of its own, never from the briefings' stream, so
//! a seed gives the same briefings with and without it. (Cashtags, the third part of
//! the layer, are chosen where the body is written: see `cashtag` in main.rs.)

use super::*;

/// The first and last day of the price history: the five years the briefings span.
const FIRST_DAY: (i64, u32, u32) = (2021, 1, 1);
const LAST_DAY: (i64, u32, u32) = (2025, 12, 31);

/// Added to the seed for the layer's own streams, so they share no draws with the
/// briefings' stream (SplitMix64 streams from seeds this far apart do not overlap).
const MOVES_STREAM: u64 = 0x6d6f_7665_7300_0001;
const PRICES_STREAM: u64 = 0x7072_6963_6500_0002;

pub(super) struct Market {
    rng: Rng,
    prices: Prices,
}

impl Market {
    pub(super) fn new(seed: u64) -> Market {
        Market {
            rng: Rng::new(seed ^ MOVES_STREAM),
            prices: Prices::new(&mut Rng::new(seed ^ PRICES_STREAM)),
        }
    }

    /// `data/prices/<ticker>.csv` for every listing, and `data/README.md`, which says
    /// the prices are made up.
    pub(super) fn write_prices(&self, out: &Path) -> Result<(), String> {
        let folder = out.join("data/prices");
        create_dir(&folder)?;
        write_new(&out.join("data/README.md"), PRICES_README)?;
        for (ticker, closes) in &self.prices.closes {
            let decimals = decimals(ticker);
            let mut csv = String::with_capacity(closes.len() * 20 + 16);
            csv.push_str("date,close\n");
            for (&day, &close) in self.prices.days.iter().zip(closes) {
                let (year, month, day) = civil_from_days(day);
                let _ = writeln!(csv, "{year:04}-{month:02}-{day:02},{close:.decimals$}");
            }
            write_new(&folder.join(format!("{ticker}.csv")), &csv)?;
        }
        Ok(())
    }

    /// The `[moves]` table of a briefing, or None for the few without one: a move for
    /// every listing the briefing is tagged with, its change the one its table of moves
    /// reports (`table`, in tenths of a percent). Most are plain numbers; some are
    /// tables with the close from `data/prices`, the currency and, for a briefing
    /// written at a weekend or now and then, the trading day.
    pub(super) fn moves(&mut self, plan: &Plan, table: &[(&'static str, i32)]) -> Option<String> {
        if !self.rng.chance(85) {
            return None;
        }
        let listed: Vec<&str> = plan
            .tags
            .iter()
            .filter(|&&(c, _)| !COMPANIES[c].tickers.is_empty())
            .map(|&(_, ticker)| ticker)
            .collect();
        if listed.is_empty() {
            return None;
        }
        let written = days_from_civil(plan.date.year, plan.date.month, plan.date.day);
        // Saturday and Sunday report Friday's close.
        let trading_day = match weekday(written) {
            5 => Some(written - 1),
            6 => Some(written - 2),
            _ => None,
        };
        let mut out = String::from("\n[moves]\n");
        for ticker in listed {
            let &(_, tenths) = table
                .iter()
                .find(|(t, _)| *t == ticker)
                .expect("the table of moves has a row for every listing the briefing names");
            let change = format!(
                "{}{}.{}",
                if tenths < 0 { "-" } else { "" },
                tenths.abs() / 10,
                tenths.abs() % 10
            );
            if trading_day.is_none() && !self.rng.chance(25) {
                let _ = writeln!(out, "{} = {change}", toml_string(ticker));
                continue;
            }
            let on = trading_day.or_else(|| self.rng.chance(30).then_some(written));
            let close = self.prices.close(ticker, on.unwrap_or(written));
            let _ = write!(
                out,
                "{} = {{ change = {change}, close = {close:.decimals$}, currency = \"{}\"",
                toml_string(ticker),
                currency(ticker),
                decimals = decimals(ticker)
            );
            if let Some(on) = on {
                let (year, month, day) = civil_from_days(on);
                let _ = write!(out, ", on = {year:04}-{month:02}-{day:02}");
            }
            out.push_str(" }\n");
        }
        Some(out)
    }
}

const PRICES_README: &str = "\
# data/

`prices/<ticker>.csv` holds five years of daily closes for every listing in site.toml,
for brief's charts. They are synthetic: a seeded random walk over weekdays, written by
brief's corpus generator (`examples/corpus/`, `--market`) for benchmarks. Like the
companies and tickers of this site, they are made up and describe no real market.
";

/// The daily closes of every listing, on every weekday of the five years.
struct Prices {
    /// Every weekday from FIRST_DAY to LAST_DAY, as days since 1970-01-01.
    days: Vec<i64>,
    /// Each listing, in site.toml's order, with its close on each of `days`.
    closes: Vec<(&'static str, Vec<f64>)>,
}

impl Prices {
    fn new(rng: &mut Rng) -> Prices {
        let (first, last) = (
            days_from_civil(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2),
            days_from_civil(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2),
        );
        let days: Vec<i64> = (first..=last).filter(|&d| weekday(d) < 5).collect();
        let closes = COMPANIES
            .iter()
            .flat_map(|c| c.tickers.iter())
            .map(|&ticker| (ticker, random_walk(rng, ticker, days.len())))
            .collect();
        Prices { days, closes }
    }

    /// The close of `ticker` on `day`, or on the last weekday before it.
    fn close(&self, ticker: &str, day: i64) -> f64 {
        let (_, closes) = self
            .closes
            .iter()
            .find(|(t, _)| *t == ticker)
            .expect("every listing has prices");
        let at = self.days.partition_point(|&d| d <= day).max(1) - 1;
        closes[at.min(closes.len() - 1)]
    }
}

/// `count` daily closes: a start in the range usual for the listing's currency, then a
/// move of about 2% a day (the sum of four uniform draws, near enough to normal), each
/// close rounded as the exchange quotes it and never below its smallest step.
fn random_walk(rng: &mut Rng, ticker: &str, count: usize) -> Vec<f64> {
    let (low, high) = match currency(ticker) {
        "KRW" => (20_000, 400_000),
        "JPY" => (800, 12_000),
        "TWD" => (40, 900),
        "HKD" => (5, 150),
        "CNY" => (10, 200),
        "EUR" => (10, 250),
        _ => (20, 300),
    };
    let step = 10f64.powi(-(decimals(ticker) as i32));
    let mut price = rng.between(low, high) as f64;
    (0..count)
        .map(|_| {
            let noise: f64 = (0..4).map(|_| rng.below(2001) as f64 / 1000.0 - 1.0).sum();
            // Four uniform draws on [-1, 1] have a standard deviation of 1.15.
            price *= (0.0002 + noise * 0.02 / 1.155).exp();
            ((price / step).round() * step).max(step)
        })
        .collect()
}

/// The currency a listing trades in, from its exchange suffix.
fn currency(ticker: &str) -> &'static str {
    match ticker.rsplit_once('.').map(|(_, suffix)| suffix) {
        None => "USD",
        Some("HK") => "HKD",
        Some("SS" | "SZ") => "CNY",
        Some("KS") => "KRW",
        Some("T") => "JPY",
        Some("TW") => "TWD",
        Some("AS") => "EUR",
        Some(other) => panic!("no currency for the exchange suffix .{other}"),
    }
}

/// Decimals of a quoted price: none for won and yen, cents for the rest.
fn decimals(ticker: &str) -> usize {
    match currency(ticker) {
        "KRW" | "JPY" => 0,
        _ => 2,
    }
}

/// 0 for Monday to 6 for Sunday, of a day counted from 1970-01-01 (a Thursday).
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_count_from_a_thursday() {
        assert_eq!(weekday(0), 3);
        assert_eq!(weekday(days_from_civil(2025, 10, 2)), 3, "a Thursday");
        assert_eq!(weekday(days_from_civil(2025, 10, 4)), 5, "a Saturday");
    }

    #[test]
    fn every_listing_has_five_years_of_positive_weekday_closes() {
        let prices = Prices::new(&mut Rng::new(1));
        let listings: usize = COMPANIES.iter().map(|c| c.tickers.len()).sum();
        assert_eq!(prices.closes.len(), listings);
        assert!(prices.days.iter().all(|&d| weekday(d) < 5));
        assert_eq!(civil_from_days(prices.days[0]), (2021, 1, 1));
        assert_eq!(
            civil_from_days(*prices.days.last().unwrap()),
            (2025, 12, 31)
        );
        assert!((1300..1310).contains(&prices.days.len()));
        for (ticker, closes) in &prices.closes {
            assert_eq!(closes.len(), prices.days.len(), "{ticker}");
            assert!(closes.iter().all(|&c| c > 0.0), "{ticker}");
        }
        // A Saturday's close is Friday's.
        let friday = days_from_civil(2025, 10, 3);
        assert_eq!(
            prices.close("0783.HK", friday + 1),
            prices.close("0783.HK", friday)
        );
    }
}
