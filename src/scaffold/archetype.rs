//! Archetypes: the body a new briefing starts with. A Tera template, found in the site
//! (`archetypes/briefing.md`), else in its theme, else built in; Hugo's archetypes are
//! the model. brief writes the front matter itself, so it is always complete and valid.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::SiteConfig;
use crate::error::{Error, Location};
use crate::render::template_error;
use crate::theme::DEFAULT_THEME;

/// The archetype brief ships with; `init` copies it into new sites.
pub const BUILT_IN_ARCHETYPE: &str = include_str!("../../themes/briefing/archetypes/briefing.md");

/// The archetype's file name, in `archetypes/` of a site or a theme.
pub const FILE_NAME: &str = "briefing.md";

/// The opening comment of the copy `brief init` puts in a site's archetypes/.
const SITE_COPY_HEADER: &str = "{#-
  This site's archetype, archetypes/briefing.md: the body of a new briefing, for
  `brief new`, which writes the front matter itself. Change it here: brief new reads
  this file before the theme's archetype and the one built into brief.
";

/// The opening comment of the copy `brief init --copy-theme` puts in the theme.
const THEME_COPY_HEADER: &str = "{#-
  The theme's archetype, themes/briefing/archetypes/briefing.md: the body of a new
  briefing, for `brief new`, which writes the front matter itself. brief new reads it
  only when the site has no archetypes/briefing.md of its own (`brief init` writes
  one: change that one, or delete it to use this).
";

/// Where `brief init` puts a copy of the built-in archetype.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Site,
    Theme,
}

/// The built-in archetype as `brief init` writes it, its opening comment saying which
/// file it is and when brief new reads it; the template is the same.
pub fn copy_for(place: Place) -> String {
    let header = match place {
        Place::Site => SITE_COPY_HEADER,
        Place::Theme => THEME_COPY_HEADER,
    };
    // The built-in comment's lines on the template's variables are true anywhere.
    let variables = BUILT_IN_ARCHETYPE
        .find("  A Tera 2 template;")
        .expect("the built-in archetype documents its variables");
    format!("{header}{}", &BUILT_IN_ARCHETYPE[variables..])
}

/// An archetype's source and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct Archetype {
    pub source: String,
    pub origin: PathBuf,
}

/// What an archetype's template sees.
#[derive(Debug, Clone, Serialize)]
pub struct ArchetypeView {
    pub title: String,
    /// The date with its offset, as in the front matter: `2026-10-02T09:30:00+08:00`.
    pub date: String,
    /// The date as the theme shows it: `2 October 2026`.
    pub date_display: String,
    pub slug: String,
    /// The names of the companies the tickers belong to, in the order given.
    pub companies: Vec<String>,
    /// The tickers as the front matter has them.
    pub tickers: Vec<String>,
    /// The names of the ecosystems.
    pub ecosystems: Vec<String>,
    pub draft: bool,
}

/// The archetype a new briefing in this site starts from.
pub fn find(config: &SiteConfig) -> Result<Archetype, Error> {
    let theme = config.theme.as_deref().unwrap_or(DEFAULT_THEME);
    let candidates = [
        config.root.join("archetypes").join(FILE_NAME),
        config
            .root
            .join("themes")
            .join(theme)
            .join("archetypes")
            .join(FILE_NAME),
    ];
    for path in candidates {
        match std::fs::read(&path) {
            Ok(bytes) => {
                let source = crate::files::decode_utf8(&path, bytes)?;
                return Ok(Archetype {
                    source,
                    origin: path,
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(Error::Read { path, source }),
        }
    }
    Ok(Archetype {
        source: BUILT_IN_ARCHETYPE.to_string(),
        origin: Path::new("<built-in>/archetypes").join(FILE_NAME),
    })
}

/// The body of a new briefing: the archetype with its variables filled in.
pub fn render(archetype: &Archetype, view: &ArchetypeView) -> Result<String, Error> {
    let origins = BTreeMap::from([(FILE_NAME.to_string(), archetype.origin.clone())]);
    let mut tera = Tera::new();
    tera.add_raw_template(FILE_NAME, &archetype.source)
        .map_err(|e| template_error(&origins, FILE_NAME, &e))?;
    let context = Context::from_serialize(view).map_err(|e| Error::Template {
        origin: archetype.origin.clone(),
        location: None,
        message: e.to_string(),
    })?;
    let body = tera
        .render(FILE_NAME, &context)
        .map_err(|e| template_error(&origins, FILE_NAME, &e))?;
    // A Hugo archetype starts with front matter; here it would be a second block.
    if crate::content::front_matter::split(&body).is_ok() {
        return Err(Error::Template {
            origin: archetype.origin.clone(),
            location: Some(Location::at(&archetype.origin, 1, 1)),
            message: "an archetype holds the body only; brief writes the front matter itself"
                .to_string(),
        });
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> ArchetypeView {
        ArchetypeView {
            title: "SMIC <jumps>".into(),
            date: "2026-10-02T09:30:00+08:00".into(),
            date_display: "2 October 2026".into(),
            slug: "smic-jumps".into(),
            companies: vec!["SMIC".into(), "Hua Hong".into()],
            tickers: vec!["0981.HK".into(), "1347.HK".into()],
            ecosystems: vec!["China".into()],
            draft: false,
        }
    }

    fn archetype(source: &str) -> Archetype {
        Archetype {
            source: source.into(),
            origin: PathBuf::from("archetypes/briefing.md"),
        }
    }

    #[test]
    fn variables_are_filled_in_without_html_escaping() {
        let body = render(
            &archetype("# {{ title }}\n{{ companies | join(sep=\", \") }} on {{ date_display }}\n"),
            &view(),
        )
        .unwrap();
        assert_eq!(body, "# SMIC <jumps>\nSMIC, Hua Hong on 2 October 2026\n");
    }

    #[test]
    fn the_built_in_archetype_renders() {
        let body = render(&archetype(BUILT_IN_ARCHETYPE), &view()).unwrap();
        assert!(body.contains("SMIC, Hua Hong"), "{body}");
        assert!(body.contains("<!-- more -->"));
    }

    #[test]
    fn the_copies_say_where_they_are_and_render_as_the_built_in_one() {
        let built_in = render(&archetype(BUILT_IN_ARCHETYPE), &view()).unwrap();
        for (place, path) in [
            (Place::Site, "This site's archetype, archetypes/briefing.md"),
            (Place::Theme, "themes/briefing/archetypes/briefing.md"),
        ] {
            let copy = copy_for(place);
            assert!(copy.starts_with("{#-\n"), "{copy}");
            assert!(copy.contains(path), "{copy}");
            assert!(copy.contains("A Tera 2 template; it sees: title"), "{copy}");
            assert_eq!(render(&archetype(&copy), &view()).unwrap(), built_in);
        }
    }

    #[test]
    fn an_unknown_variable_is_a_template_error_in_the_archetype() {
        let error = render(&archetype("line one\n{{ nope }}\n"), &view()).unwrap_err();
        let location = error.location().expect("located");
        assert_eq!(location.path, Path::new("archetypes/briefing.md"));
        assert_eq!(location.line, 2);
    }

    #[test]
    fn an_archetype_with_front_matter_is_refused() {
        let error = render(&archetype("+++\ntitle = \"{{ title }}\"\n+++\n"), &view());
        assert!(error.is_err());
    }
}
