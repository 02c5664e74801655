//! What `brief serve` tells the writer in the terminal while it runs: each rebuild in
//! a line, errors and warnings as `brief build` prints them. Serve prints for itself
//! because it reports as it goes, long before `run` returns to the binary.
//!
//! Every line may carry the writer's text (a path, a title in an error), so every line
//! goes through `report::terminal`: nothing printed here can drive the terminal.

use std::io::Write;

use crate::diagnostics::Warning;
use crate::report;

/// Where progress goes: stdout for lines, stderr for errors and warnings.
#[derive(Debug, Clone, Copy)]
pub struct Console {
    /// Print nothing (benchmarks, embedding).
    pub quiet: bool,
}

impl Console {
    pub fn line(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stdout(), "{}", report::terminal(text.trim_end()));
        }
    }

    pub fn problem(&self, text: &str) {
        if !self.quiet {
            let _ = write!(std::io::stderr(), "{}", report::terminal(text));
        }
    }

    pub fn warning(&self, warning: &Warning) {
        if !self.quiet {
            let _ = write!(std::io::stderr(), "{}", report::warning(warning));
        }
    }
}
