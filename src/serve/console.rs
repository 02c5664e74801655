//! What `brief serve` tells the writer in the terminal while it runs: each rebuild in
//! a line, errors and warnings as `brief build` prints them. Serve prints for itself
//! because it reports as it goes, long before `run` returns to the binary.

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
            let _ = writeln!(std::io::stdout(), "{}", text.trim_end());
        }
    }

    pub fn problem(&self, text: &str) {
        if !self.quiet {
            let _ = write!(std::io::stderr(), "{text}");
        }
    }

    pub fn warning(&self, warning: &Warning) {
        if !self.quiet {
            let _ = write!(std::io::stderr(), "{}", report::warning(warning));
        }
    }
}
