//! The harness of the `brief new`, `check` and `init` tests: their fixtures are under
//! `tests/fixtures/commands/`, and `check --format json` prints one object a line.

use std::ops::Deref;

use super::Run;

/// A [`super::Site`] whose `fixture` is `tests/fixtures/commands/<name>` (the build
/// tests have a `tests/fixtures/site` of their own).
pub struct Site(super::Site);

impl Site {
    /// A copy of `tests/fixtures/commands/<name>`.
    pub fn fixture(name: &str) -> Site {
        Site(super::Site::fixture(&format!("commands/{name}")))
    }

    /// A folder named `site` that does not exist yet, inside a temporary one.
    pub fn empty() -> Site {
        Site(super::Site::empty())
    }
}

impl Deref for Site {
    type Target = super::Site;

    fn deref(&self) -> &super::Site {
        &self.0
    }
}

/// The JSON objects `check --format json` printed, one a line.
pub fn json_lines(run: &Run) -> Vec<serde_json::Value> {
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The `code` of every diagnostic `check --format json` printed, in order.
pub fn codes(run: &Run) -> Vec<String> {
    json_lines(run)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}
