//! Numbers as a chart writes them: coordinates, prices and percent changes at a fixed
//! precision, so no float noise (`0.30000000000000004`) reaches a page, and never `NaN`.

use crate::content::Direction;
use crate::content::moves;
use crate::render::views::MoveView;

/// A coordinate in the drawing's units, to a tenth: enough for a 600-unit drawing,
/// and short, since a five-year line has hundreds of them. `-0` is written `0`.
pub fn coordinate(x: f64) -> String {
    let tenths = (x * 10.0).round();
    if !tenths.is_finite() || tenths == 0.0 {
        return "0".to_string();
    }
    let tenths = tenths as i64;
    let (whole, part) = (tenths / 10, (tenths % 10).abs());
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    if part == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{part}")
    }
}

/// A price as a reader reads it: large prices (Korean won, yen) in whole units with
/// thousands separators, others to the cent, prices below one to four places.
pub fn price(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let decimals = if value.abs() >= 1000.0 {
        0
    } else if value.abs() >= 1.0 {
        2
    } else {
        4
    };
    // Rounded half away from zero first: `format!` alone rounds 1234.5 to 1234.
    let scale = 10f64.powi(decimals as i32);
    let rounded = (value * scale).round() / scale;
    let text = format!("{rounded:.decimals$}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = whole
        .strip_prefix('-')
        .map_or(("", whole), |digits| ("-", digits));
    let mut grouped = String::with_capacity(text.len() + digits.len() / 3);
    grouped.push_str(sign);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

/// A close as every page and the digest write it: [`price`], then its currency when
/// known (`395,500 KRW`, `79.10`).
pub fn close(value: f64, currency: Option<impl std::fmt::Display>) -> String {
    match currency {
        Some(currency) => format!("{} {currency}", price(value)),
        None => price(value),
    }
}

/// A move as readers see it and hear it: one view for chips, tables and boards.
pub fn move_view(change: f64) -> MoveView {
    MoveView {
        text: moves::shown(change),
        label: moves::spoken(change),
        direction: Direction::of(change).word(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_have_at_most_one_place_and_no_negative_zero() {
        assert_eq!(coordinate(12.0), "12");
        assert_eq!(coordinate(12.34), "12.3");
        assert_eq!(coordinate(0.1 + 0.2), "0.3");
        assert_eq!(coordinate(-0.04), "0");
        assert_eq!(coordinate(-0.4), "-0.4");
        assert_eq!(coordinate(-12.25), "-12.3");
        assert_eq!(coordinate(f64::NAN), "0");
    }

    #[test]
    fn prices_take_the_precision_their_size_needs() {
        assert_eq!(price(71.35), "71.35");
        assert_eq!(price(0.1 + 0.2), "0.3000");
        assert_eq!(price(395_500.0), "395,500");
        assert_eq!(price(1234.5), "1,235");
        assert_eq!(price(1_000_000.0), "1,000,000");
        assert_eq!(price(999.999), "1,000.00");
        assert_eq!(price(f64::NAN), "–");
    }

    #[test]
    fn a_change_carries_its_sign_in_the_text_and_in_words() {
        let shown = |c: f64| {
            let view = move_view(c);
            (view.text, view.label, view.direction)
        };
        assert_eq!(
            shown(10.9),
            ("▲ 10.9 %".into(), "up 10.9 percent".into(), "up")
        );
        assert_eq!(
            shown(-1.25),
            ("▼ 1.3 %".into(), "down 1.3 percent".into(), "down")
        );
        assert_eq!(
            shown(-0.04),
            ("◆ 0.0 %".into(), "unchanged, 0.0 percent".into(), "flat")
        );
        assert_eq!(Direction::of(-0.05), Direction::Down);
    }
}
