//! A day's board: every move the day's briefings report, grouped by the ecosystems of
//! the companies they are about, so a reader sees at a glance which stack rose and
//! which fell. Made once per day, for the first of the day's pages, which alone shows it.

use jiff::civil::Date;

use super::chart::{self, number};
use super::context::{company_link, ecosystem_link, neighbour};
use super::views::{BoardGroupView, BoardMoveView, BoardView};
use crate::content::Move;
use crate::keys::{CompanyId, EcosystemId};
use crate::model::Site;
use crate::model::archives::{Period, Span};

/// An ecosystem (or none) and its rows, each with the move it shows, for sorting.
type Group<'a> = (Option<EcosystemId>, Vec<(&'a Move, BoardMoveView)>);

/// The board of archive day `day`.
pub fn board(site: &Site, day: &Span) -> BoardView {
    let Period::Day(date) = day.period else {
        unreachable!("a board is a day's");
    };
    // Site.toml's order of ecosystems, companies in none last.
    let mut groups: Vec<Group> = Vec::new();
    let mut move_count = 0;
    for (article, reported, company) in site.moves_reported(day) {
        let ecosystem = site.company(company).ecosystem;
        let row = BoardMoveView {
            company: company_link(site, company),
            ticker: listing(site, company, reported),
            change: number::move_view(reported.change),
            close: close(reported),
            traded_on: traded(reported, date).map_or_else(String::new, |on| on.to_string()),
            traded_display: traded(reported, date).map_or_else(String::new, chart::day),
            briefing: neighbour(site, Some(article)).expect("a reported move has its briefing"),
        };
        let at = groups.partition_point(|(e, _)| rank(*e) < rank(ecosystem));
        match groups.get_mut(at) {
            Some((e, rows)) if *e == ecosystem => rows.push((reported, row)),
            _ => groups.insert(at, (ecosystem, vec![(reported, row)])),
        }
        move_count += 1;
    }
    let ecosystems = groups
        .into_iter()
        .map(|(ecosystem, mut rows)| {
            // Stable: equal moves keep the briefings' order, newest first.
            rows.sort_by(|(a, _), (b, _)| b.rounded().total_cmp(&a.rounded()));
            BoardGroupView {
                ecosystem: ecosystem.map(|e| ecosystem_link(site, e)),
                moves: rows.into_iter().map(|(_, row)| row).collect(),
            }
        })
        .collect();
    BoardView {
        ecosystems,
        move_count,
    }
}

/// A move's trading day, when it is not `day`.
fn traded(reported: &Move, day: Date) -> Option<Date> {
    (reported.on != day).then_some(reported.on)
}

fn rank(ecosystem: Option<EcosystemId>) -> usize {
    ecosystem.map_or(usize::MAX, |e| e.0)
}

/// The listing as the company spells it, whatever case the briefing wrote it in;
/// empty for a private company, named by its key.
fn listing(site: &Site, company: CompanyId, reported: &Move) -> String {
    let written = reported.ticker.to_string();
    let tickers = &site.company(company).tickers;
    if tickers.is_empty() {
        return String::new();
    }
    tickers
        .iter()
        .map(|t| t.to_string())
        .find(|t| t.eq_ignore_ascii_case(&written))
        .unwrap_or(written)
}

/// The close with its currency, as the company's table writes it; empty when not given.
fn close(reported: &Move) -> String {
    reported.close.map_or(String::new(), |close| {
        number::close(close, reported.currency.as_ref())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Currency;
    use crate::keys::Ticker;

    fn reported(change: f64, close: Option<f64>, currency: Option<&str>) -> Move {
        Move {
            ticker: Ticker("0981.HK".into()),
            change,
            close,
            currency: currency.and_then(Currency::parse),
            on: "2025-10-02".parse().unwrap(),
        }
    }

    #[test]
    fn a_close_is_written_as_the_companys_table_writes_it_with_its_currency() {
        assert_eq!(
            close(&reported(1.0, Some(395500.0), Some("KRW"))),
            "395,500 KRW"
        );
        assert_eq!(close(&reported(1.0, Some(79.1), None)), "79.10");
        assert_eq!(
            close(&reported(1.0, Some(1234567.891), Some("HKD"))),
            "1,234,568 HKD"
        );
        assert_eq!(close(&reported(1.0, Some(0.12345), None)), "0.1235");
        assert_eq!(close(&reported(1.0, None, Some("HKD"))), "");
    }
}
