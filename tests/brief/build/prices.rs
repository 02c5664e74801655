//! data/prices (fixture `prices`, synthetic closes): price files are read into the
//! model by ticker, files that are not price files are skipped with a warning, and a
//! site without the folder builds as before. Bad rows are in `errors.rs`.

use brief::config::{self, ConfigOptions};
use brief::keys::Ticker;
use brief::model::{self, ModelOptions};
use brief::{content, prices};

use crate::support::Site;

/// The fixture's site, decided by the library as `brief build` decides it.
fn decided(site: &Site) -> model::Site {
    let config = config::load(site.root(), &ConfigOptions::default()).unwrap();
    let (articles, _) = content::load(&config).unwrap();
    let (prices, warnings) = prices::load(&config).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let options = ModelOptions {
        drafts: false,
        future: false,
        now: jiff::Timestamp::now(),
    };
    model::build(config, articles, prices, &options).unwrap().0
}

fn closes(site: &model::Site, ticker: &str) -> Vec<(String, f64)> {
    site.prices(&Ticker(ticker.into()))
        .unwrap_or_else(|| panic!("no prices for {ticker}"))
        .points()
        .iter()
        .map(|p| (p.date.to_string(), p.close))
        .collect()
}

#[test]
fn price_files_reach_the_model_by_listing_whatever_the_case_of_their_names() {
    let site = Site::fixture("prices");
    let decided = decided(&site);
    // data/prices/0981.hk.csv is SMIC's 0981.HK, found in any case.
    let smic = [
        ("2025-09-29".to_string(), 70.0),
        ("2025-09-30".to_string(), 71.35),
        ("2025-10-02".to_string(), 79.1),
    ];
    assert_eq!(closes(&decided, "0981.HK"), smic);
    assert_eq!(closes(&decided, "0981.hk"), smic);
    let series = decided.prices(&Ticker("0981.hk".into())).unwrap();
    assert_eq!(series.ticker.as_str(), "0981.HK", "the registered spelling");
    // A download with more columns, CRLF line ends and `Close` in capitals.
    assert_eq!(
        closes(&decided, "MU"),
        [
            ("2025-09-30".to_string(), 101.5),
            ("2025-10-01".to_string(), 103.25)
        ]
    );
    assert!(decided.prices(&Ticker("688981.SS".into())).is_none());
    assert!(decided.prices(&Ticker("huawei".into())).is_none());
}

#[test]
fn a_site_with_price_files_builds_and_checks_without_a_warning() {
    let site = Site::fixture("prices");
    let built = site.build();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    assert!(built.out.has("/rally/"));
    let check = site.brief(&["check", "--strict"]);
    assert!(check.succeeded(), "{check:?}");
}

#[test]
fn files_in_data_prices_that_are_not_csv_files_are_skipped_with_a_warning() {
    let site = Site::fixture("prices");
    site.write("data/prices/0981.HK.xlsx", "not a CSV");
    site.write("data/prices/old/MU.csv", "date,close\n");
    // An editor's leftovers are not the writer's files: nothing to say about them.
    site.write("data/prices/MU.csv~", "date,close\n");
    site.write("data/prices/.MU.csv.swp", "date,close\n");
    let built = site.build();
    let warnings: Vec<&str> = built
        .stderr
        .lines()
        .filter(|l| l.contains("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "data/prices/0981.HK.xlsx: warning: a file in data/prices that is not a .csv file is skipped",
            "data/prices/old: warning: a folder in data/prices is skipped: price files sit in data/prices itself",
        ],
        "{}",
        built.stderr
    );
    let check = site.brief(&["check", "--format", "json"]);
    let codes: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.contains("\"data/prices/"))
        .collect();
    assert_eq!(codes.len(), 2, "{check:?}");
    assert!(
        codes[0].contains("\"code\":\"not-csv-skipped\""),
        "{check:?}"
    );
    assert!(
        codes[1].contains("\"code\":\"folder-skipped\""),
        "{check:?}"
    );
}

#[test]
fn check_reports_every_bad_price_row_as_the_build_does() {
    let site = Site::invalid("prices");
    let build = site.build_fails(&[]);
    let check = site.brief(&["check"]);
    assert_eq!(check.code, 1, "{check:?}");
    let errors = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("error: ") && !l.starts_with("error: build failed"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(errors(&build).len(), 7, "{build}");
    assert_eq!(errors(&check.stderr), errors(&build));
    let json = site.brief(&["check", "--format", "json"]);
    for code in [
        "price-file-unregistered",
        "price-date",
        "price-close",
        "price-date-repeated",
        "price-date-out-of-order",
        "price-value-missing",
        "price-header",
    ] {
        assert!(
            json.stdout.contains(&format!("\"code\":\"{code}\"")),
            "{code}: {json:?}"
        );
    }
}

#[test]
fn two_files_for_one_listing_are_an_error_naming_both() {
    let site = Site::fixture("prices");
    site.write("data/prices/0981.HK.csv", "date,close\n2025-10-02,79.10\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "data/prices/0981.HK.csv and data/prices/0981.hk.csv both hold the prices of `0981.HK`"
        ),
        "{stderr}"
    );
}
