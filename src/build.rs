//! `brief build`: the pipeline, stage after stage, each taking the previous result.

use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config;
use crate::diagnostics::{self, Diagnostics};
use crate::error::{Error, Errors};
use crate::options::SiteOptions;
use rayon::prelude::*;

use crate::{content, images, model, output, prices, render, theme};

/// What `brief build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: SiteOptions,
    /// Where the site goes; `root/public` when not given.
    pub output: Option<PathBuf>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            site: SiteOptions::new(root),
            output: None,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.site.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub briefings: usize,
    pub pages: usize,
    pub companies: usize,
    pub ecosystems: usize,
    pub files: usize,
    pub written: usize,
    pub unchanged: usize,
    /// Files of an output built by an older brief that this build does not make, kept.
    pub kept_from_older_brief: usize,
    /// The images the articles show, and their resized copies.
    pub images: images::ImageReport,
    pub output: PathBuf,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

/// Builds the site at `options.root` into its output folder, or reports every error
/// and leaves the output as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Errors> {
    let started = Instant::now();
    let output_dir = options.output_dir();
    check_output(&options.site.root, &output_dir)?;
    let config = config::load(&options.site.root, &options.site.config())?;
    let loaded = (
        content::load(&config),
        prices::load(&config),
        theme::load(&config),
    );
    let ((articles, mut warnings), (prices, prices_skipped), theme) = match loaded {
        (Ok(articles), Ok(prices), Ok(theme)) => (articles, prices, theme),
        (articles, prices, theme) => {
            let mut errors = Errors::default();
            errors.extend(articles.err().into_iter().flat_map(|e| e.0));
            errors.extend(prices.err().into_iter().flat_map(|e| e.0));
            errors.extend(theme.err().into_iter().flat_map(|e| e.0));
            return Err(errors.sorted());
        }
    };
    warnings.extend(prices_skipped);
    let mut errors = Errors(theme::unknown_templates(&theme, &articles));
    let (mut site, found) = match model::build(config, articles, prices, &options.site.model()) {
        Ok(decided) if errors.is_empty() => decided,
        Ok(_) => return Err(errors.sorted()),
        Err(more) => {
            errors.extend(more.0);
            return Err(errors.sorted());
        }
    };
    warnings.extend(found);
    let articles = site.articles.iter().map(|a| &**a);
    warnings.extend(theme::missing_images(&theme, &site.config, articles));
    diagnostics::sort(&mut warnings);
    let cache = options.site.root.join(images::CACHE_FOLDER);
    // Indexed only when an image has copies: most builds have none.
    let taken = std::cell::OnceCell::new();
    let shown = images::load(
        &site.config,
        &theme,
        &site.articles,
        &images::CopyMode::Make { cache },
        &|file| {
            taken
                .get_or_init(|| model::own_routes::OutputFiles::of(&site))
                .taken_by(file)
        },
    )?;
    site.images = std::sync::Arc::new(shown.images);
    let renderer = render::Renderer::new(&theme)?;
    let files = render::files(&site, &renderer, &theme).chain(copied_images(&shown.copies));
    let written = output::write(files, &output_dir)?;
    Ok(BuildReport {
        briefings: site.briefing_count,
        pages: site.articles.len() - site.briefing_count,
        companies: site.companies.len(),
        ecosystems: site.ecosystems.len(),
        files: written.written + written.unchanged,
        written: written.written,
        unchanged: written.unchanged,
        kept_from_older_brief: written.kept_from_older_brief,
        images: shown.report,
        output: output_dir,
        warnings,
        elapsed: started.elapsed(),
    })
}

/// The folders a build reads from, which the output may never replace or sit in.
const SOURCE_FOLDERS: [&str; 5] = ["content", "themes", "static", "templates", "archetypes"];

/// Refuses an output folder that is the site root, one of its source folders, a folder
/// inside those, or a folder that contains the site.
pub fn check_output(root: &Path, output: &Path) -> Result<(), Error> {
    let root = absolute(root);
    let output = absolute(output);
    let refuse = |protected: &Path| Error::UnsafeOutput {
        output: output.clone(),
        protected: protected.to_path_buf(),
    };
    if root.starts_with(&output) {
        return Err(refuse(&root));
    }
    for folder in SOURCE_FOLDERS {
        let source = root.join(folder);
        if output.starts_with(&source) {
            return Err(refuse(&source));
        }
    }
    Ok(())
}

/// An absolute path with `.` and `..` resolved by name (the output may not exist yet),
/// and symbolic links resolved where the path exists.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) if parent.exists() => {
            parent.canonicalize().map_or(out.clone(), |p| p.join(name))
        }
        _ => out,
    }
}

/// The images stage's resized copies, copied from its cache by the output: images does
/// not know the output's types, so that the model can carry what it found.
fn copied_images(
    copies: &[images::Placed],
) -> impl ParallelIterator<Item = Result<render::OutputFile, Error>> + '_ {
    copies.par_iter().map(|copy| {
        Ok(render::OutputFile {
            path: copy.place.clone(),
            contents: render::Contents::Copy(copy.cached.clone()),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_may_not_be_or_hold_the_site() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        assert!(check_output(root, root).is_err());
        assert!(check_output(root, &root.join("content")).is_err());
        assert!(check_output(root, &root.join("content/2026")).is_err());
        assert!(check_output(root, root.parent().unwrap()).is_err());
        assert!(check_output(root, &root.join("public/../content")).is_err());
        assert!(check_output(root, &root.join("public")).is_ok());
        assert!(check_output(root, &root.join("dist/site")).is_ok());
    }
}
