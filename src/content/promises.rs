//! The warnings an article earns for what the site promises not to publish: scripts,
//! files loaded from other hosts, characters that never reach a page or feed, and
//! another generator's template syntax, which brief publishes as written.
//! The article is published all the same; the writer is told where to look.

use std::path::Path;

use crate::diagnostics::Warning;
use crate::error::Location;
use crate::markdown;
use crate::markdown::foreign::Foreign;
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

/// The warning for another generator's template syntax, kept as written: it names the
/// generator, so a writer moving a site knows what it was meant to do.
pub fn foreign(location: Location, body: &str, found: &Foreign) -> Warning {
    let text = &body[found.range.clone()];
    let first_line = text.lines().next().unwrap_or_default();
    let written = if first_line.len() < text.len() || first_line.chars().count() > 60 {
        let cut: String = first_line.chars().take(60).collect();
        format!("{}…", cut.trim_end())
    } else {
        first_line.to_string()
    };
    Warning::ForeignSyntax {
        location,
        written,
        generator: found.syntax.generator(),
        what: found.syntax.what(),
        advice: found.advice(),
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
