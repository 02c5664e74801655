//! Fewer points for a long price line: the lowest and the highest close of each of a
//! fixed number of buckets, in time order, plus the points that must stay exactly
//! where they are (the first, the last, and each day a marker sits on).
//!
//! Keeping each bucket's extremes keeps the line's shape, its spikes and its overall
//! low and high (which the axis labels name), where taking every n-th close would cut
//! a crash out of five years of prices.

use std::ops::Range;

/// The indices of `values` to draw, ascending: all of them when they are few, else
/// each bucket's low and high, the ends, and every index in `keep`. At most
/// `2 * buckets + 2 + keep.len()` indices. Non-finite values are never chosen as a
/// bucket's extreme.
pub fn extremes(values: &[f64], buckets: usize, keep: &[usize]) -> Vec<usize> {
    let n = values.len();
    let mut chosen: Vec<usize> = if n <= 2 * buckets.max(1) + 2 {
        (0..n).collect()
    } else {
        let buckets = buckets.max(1);
        let mut chosen = Vec::with_capacity(2 * buckets + 2 + keep.len());
        chosen.extend([0, n - 1]);
        for bucket in 0..buckets {
            let range = bucket * n / buckets..(bucket + 1) * n / buckets;
            if let Some((low, high)) = low_and_high(values, range) {
                chosen.extend([low, high]);
            }
        }
        chosen
    };
    chosen.extend(keep.iter().copied().filter(|&i| i < n));
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

/// The indices of the lowest and highest finite value in `range`.
fn low_and_high(values: &[f64], range: Range<usize>) -> Option<(usize, usize)> {
    let mut finite = range.filter(|&i| values[i].is_finite());
    let first = finite.next()?;
    Some(finite.fold((first, first), |(low, high), i| {
        (
            if values[i] < values[low] { i } else { low },
            if values[i] > values[high] { i } else { high },
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_values_are_all_kept() {
        assert_eq!(extremes(&[3.0, 1.0, 2.0], 10, &[]), [0, 1, 2]);
        assert_eq!(extremes(&[], 10, &[0]), Vec::<usize>::new());
    }

    #[test]
    fn each_bucket_keeps_its_low_and_high_and_the_kept_indices_stay() {
        // Two buckets of five: 0..5 and 5..10.
        let values = [5.0, 1.0, 9.0, 4.0, 4.0, 6.0, 6.0, 0.5, 7.0, 6.0];
        let chosen = extremes(&values, 2, &[3]);
        assert_eq!(chosen, [0, 1, 2, 3, 7, 8, 9]);
    }

    #[test]
    fn the_overall_low_and_high_survive_and_the_count_is_bounded() {
        let values: Vec<f64> = (0..10_000)
            .map(|i| ((i as f64) * 0.37).sin() * 10.0 + if i == 6_543 { 90.0 } else { 50.0 })
            .collect();
        let keep = [17, 4_000, 9_998];
        let chosen = extremes(&values, 100, &keep);
        assert!(chosen.len() <= 2 * 100 + 2 + keep.len());
        assert!(chosen.contains(&6_543), "the spike is kept");
        assert!(keep.iter().all(|k| chosen.contains(k)));
        assert!(chosen.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn values_that_are_not_numbers_are_never_an_extreme() {
        let mut values = vec![1.0; 100];
        values[40] = f64::NAN;
        values[41] = f64::INFINITY;
        let chosen = extremes(&values, 10, &[]);
        assert!(!chosen.contains(&40) && !chosen.contains(&41));
    }
}
