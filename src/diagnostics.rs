//! Non-fatal findings of a build, returned as data for the caller to print.
//!
//! The library never logs: a warning travels back in the build's report, so the
//! binary, `check` and the server each show it in their own way.

use crate::error::Location;

/// Something a writer should look at that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// An article names a ticker that no company in site.toml lists.
    UnregisteredTicker {
        location: Location,
        ticker: String,
        /// The registered ticker or company key closest in spelling, if any is close.
        closest: Option<String>,
    },
    /// A company in site.toml belongs to no ecosystem, so no ecosystem page lists it.
    CompanyWithoutEcosystem { location: Location, company: String },
    /// A company in site.toml that no published briefing names.
    CompanyWithoutBriefings { location: Location, company: String },
    /// An ecosystem in site.toml that no published briefing is tagged with.
    EcosystemWithoutBriefings {
        location: Location,
        ecosystem: String,
    },
    /// A published article links to a draft or a scheduled briefing, which this build
    /// leaves out, so the link leads nowhere yet.
    LinkToUnpublished { location: Location, target: String },
    /// A briefing dated after now: the build leaves it out until its date has passed.
    ScheduledBriefing {
        location: Location,
        /// The date as the site shows it, with its offset.
        date: String,
    },
}

impl Warning {
    pub fn location(&self) -> &Location {
        match self {
            Warning::UnregisteredTicker { location, .. }
            | Warning::CompanyWithoutEcosystem { location, .. }
            | Warning::CompanyWithoutBriefings { location, .. }
            | Warning::EcosystemWithoutBriefings { location, .. }
            | Warning::ScheduledBriefing { location, .. }
            | Warning::LinkToUnpublished { location, .. } => location,
        }
    }

    /// A stable name for the kind of warning, for JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Warning::UnregisteredTicker { .. } => "unregistered-ticker",
            Warning::CompanyWithoutEcosystem { .. } => "company-without-ecosystem",
            Warning::CompanyWithoutBriefings { .. } => "company-without-briefings",
            Warning::EcosystemWithoutBriefings { .. } => "ecosystem-without-briefings",
            Warning::ScheduledBriefing { .. } => "scheduled-briefing",
            Warning::LinkToUnpublished { .. } => "link-to-unpublished",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Warning::UnregisteredTicker { ticker, .. } => {
                format!("ticker `{ticker}` is not listed by any company in site.toml")
            }
            Warning::CompanyWithoutEcosystem { company, .. } => {
                format!("company `{company}` belongs to no ecosystem")
            }
            Warning::CompanyWithoutBriefings { company, .. } => {
                format!("no briefing names company `{company}`")
            }
            Warning::EcosystemWithoutBriefings { ecosystem, .. } => {
                format!("no briefing is tagged with ecosystem `{ecosystem}`")
            }
            Warning::ScheduledBriefing { date, .. } => {
                format!("this briefing is dated in the future ({date}) and is not published yet")
            }
            Warning::LinkToUnpublished { target, .. } => {
                format!(
                    "the link to `{target}` leads to a draft or scheduled briefing that this build leaves out"
                )
            }
        }
    }

    pub fn help(&self) -> String {
        match self {
            Warning::UnregisteredTicker {
                ticker, closest, ..
            } => {
                let guess = closest
                    .as_ref()
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                format!(
                    "{guess}it gets a page of its own; add it to a company's `tickers` in site.toml to group it (`{ticker}`)"
                )
            }
            Warning::CompanyWithoutEcosystem { .. } => {
                "add `ecosystem = \"<key>\"` to the company, naming one of [ecosystems]".to_string()
            }
            Warning::CompanyWithoutBriefings { .. } => {
                "name one of its tickers (or its key) in a briefing's `tickers`, or remove it from site.toml".to_string()
            }
            Warning::EcosystemWithoutBriefings { .. } => {
                "tag a briefing with it in `ecosystem`, or remove it from site.toml".to_string()
            }
            Warning::ScheduledBriefing { .. } => {
                "it is published by the first build after that date; build with --future to publish it now".to_string()
            }
            Warning::LinkToUnpublished { .. } => {
                "publish the target first, or build with --drafts / --future to preview both".to_string()
            }
        }
    }
}

/// Every warning of a build, in file order.
pub type Diagnostics = Vec<Warning>;
