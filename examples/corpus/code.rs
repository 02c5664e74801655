//! The corpus's code blocks (`--code PERCENT`): that share of briefings ends with a
//! fenced code block, 8 to 30 lines in one of the languages writers paste most (SQL,
//! Python, Rust, Go, TypeScript, JSON, TOML, YAML, shell), built from the briefing's
//! own tickers and random numbers, so no two blocks are alike and a cache of
//! highlighted blocks would find nothing to reuse.
//!
//! It draws only from a random stream of its own, so a seed gives the same briefings
//! with and without code blocks, and the two builds measure what highlighting costs.

use super::*;

/// Added to the seed for this stream, as the market layer's are.
const CODE_STREAM: u64 = 0x636f_6465_0000_0003;

const LANGUAGES: &[&str] = &[
    "sql", "python", "rust", "go", "ts", "json", "toml", "yaml", "bash",
];

pub(super) struct Code {
    rng: Rng,
    percent: usize,
}

impl Code {
    pub(super) fn new(seed: u64, percent: usize) -> Code {
        Code {
            rng: Rng::new(seed ^ CODE_STREAM),
            percent,
        }
    }

    /// The paragraph and code block to end this briefing with, or None.
    pub(super) fn block(&mut self, plan: &Plan) -> Option<String> {
        if !self.rng.chance(self.percent) {
            return None;
        }
        let language = *self.rng.pick(LANGUAGES);
        let tickers: Vec<&str> = plan.tags.iter().map(|&(_, t)| t).collect();
        let lines = self.rng.between(8, 30);
        let mut code = String::new();
        for line in 0..lines {
            let ticker = *self.rng.pick(&tickers);
            let change = self.rng.between(0, 400) as f64 / 10.0 - 20.0;
            let close = self.rng.between(100, 99_999) as f64 / 100.0;
            let day = self.rng.between(1, 28);
            let _ = writeln!(code, "{}", row(language, line, ticker, change, close, day));
        }
        Some(format!(
            "The figures above, as the desk pulls them:\n\n```{language}\n{}{code}{}```\n",
            opening(language),
            closing(language)
        ))
    }
}

fn opening(language: &str) -> &'static str {
    match language {
        "sql" => {
            "-- closes and moves for the day\nSELECT ticker, close, change\nFROM moves\nWHERE ticker IN (\n"
        }
        "python" => {
            "import csv\n\n# closes and moves for the day\ndef moves(rows):\n    out = []\n"
        }
        "rust" => {
            "/// Closes and moves for the day.\nfn moves() -> Vec<(&'static str, f64, f64)> {\n    let mut out = Vec::new();\n"
        }
        "go" => {
            "// moves lists the day's closes and moves.\nfunc moves() []Move {\n\tout := []Move{}\n"
        }
        "ts" => {
            "interface Move { ticker: string; close: number; change: number }\n\nconst moves: Move[] = [\n"
        }
        "json" => "{\n  \"moves\": [\n",
        "toml" => "# the day's moves\n[moves]\n",
        "yaml" => "# the day's moves\nmoves:\n",
        _ => "#!/bin/sh\nset -eu\n# closes and moves for the day\n",
    }
}

fn closing(language: &str) -> &'static str {
    match language {
        "sql" => "  'END')\nORDER BY change DESC;\n",
        "python" => "    return out\n",
        "rust" => "    out\n}\n",
        "go" => "\treturn out\n}\n",
        "ts" => "];\n",
        "json" => "    {}\n  ]\n}\n",
        _ => "",
    }
}

fn row(language: &str, line: usize, ticker: &str, change: f64, close: f64, day: usize) -> String {
    match language {
        "sql" => format!("  '{ticker}', -- {close:.2} on 2025-10-{day:02}"),
        "python" => format!(
            "    if rows[{line}][\"change\"] > {change:.1}:  # {ticker}\n        out.append((\"{ticker}\", {close:.2}))"
        ),
        "rust" => format!("    out.push((\"{ticker}\", {close:.2}, {change:.1})); // day {day}"),
        "go" => format!(
            "\tout = append(out, Move{{Ticker: \"{ticker}\", Close: {close:.2}, Change: {change:.1}}}) // {day}"
        ),
        "ts" => format!(
            "  {{ ticker: \"{ticker}\", close: {close:.2}, change: {change:.1} }}, // {day}"
        ),
        "json" => format!(
            "    {{ \"ticker\": \"{ticker}\", \"close\": {close:.2}, \"change\": {change:.1}, \"day\": {day} }},"
        ),
        "toml" => format!("\"{ticker}-{line}\" = {{ change = {change:.1}, close = {close:.2} }}"),
        "yaml" => {
            format!("  - ticker: \"{ticker}\"\n    close: {close:.2}\n    change: {change:.1}")
        }
        _ => format!(
            "curl -s \"https://example.org/q?s={ticker}&d={day}\" | awk -F, '$2 > {close:.2} {{ print $1 }}' >> moves-{line}.csv"
        ),
    }
}
