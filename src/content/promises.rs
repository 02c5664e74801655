//! The warnings an article earns for what the site promises not to publish: scripts,
//! files loaded from other hosts, and characters that never reach a page or feed.
//! The article is published all the same; the writer is told where to look.

use std::path::Path;

use crate::diagnostics::Warning;
use crate::error::Location;
use crate::markdown;
use crate::markdown::raw_html::{Breach, Finding};

/// The warning for something in an article that runs a script or loads from another host.
pub fn breach(location: Location, finding: &Finding) -> Warning {
    match &finding.kind {
        Breach::Element(name) => Warning::ScriptInContent {
            location,
            what: format!("`<{}>`", name.to_ascii_lowercase()),
        },
        Breach::Handler(name) => Warning::ScriptInContent {
            location,
            what: format!("the `{name}` attribute"),
        },
        Breach::ScriptUrl(url) => Warning::ScriptInContent {
            location,
            what: format!("the URL `{url}`"),
        },
        Breach::Remote { element, url } => Warning::RemoteEmbed {
            location,
            element: element.clone(),
            url: url.clone(),
        },
    }
}

/// One warning for the unpublishable characters of a file: where the first is, and
/// how many more there are. A file pasted from a PDF can hold hundreds; one warning
/// says what to fix, and a search finds the rest.
pub fn unpublishable(file: &Path, text: &str) -> Option<Warning> {
    let mut found = markdown::unpublishable(text);
    let (offset, character) = found.next()?;
    Some(Warning::UnpublishableCharacter {
        location: Location::from_offset(file, text, offset, character.len_utf8()),
        character,
        more: found.count(),
    })
}
