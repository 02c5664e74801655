//! The site held in memory between saves: the configuration, the theme and its
//! compiled templates, and every content file cached by path and content hash with
//! its checked `Article`. A rebuild re-reads only the files a `ChangeSet` names,
//! re-checks only the articles that can have changed, and decides a new `Site`: for the
//! everyday edit of an article's text, as the last site with that one article
//! replaced; for an edit that moves it between lists (a ticker, an ecosystem, a date),
//! as the last site with the article moved (`model::update`); from scratch when more
//! changed (a new file, a new URL, site.toml). Each is the same site a build decides,
//! at a fraction of the cost. What a save changes is looked at, not every file.
//!
//! Runs on a blocking thread, never on the server's; knows nothing of HTTP.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use rayon::prelude::*;

use super::classify::ChangeSet;
use super::clock::Clock;
use super::decided::{Built, Decided};
use super::problem::Problem;
use crate::config::{self, ConfigOptions, SiteConfig};
use crate::content::Article;
use crate::content::ConfigRead;
use crate::content::store::{Refreshed, Replaced, Store};
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Errors};
use crate::images::{self, CopyMode};
use crate::model::placement::Placement;
use crate::model::{self, ModelOptions};
use crate::options::SiteOptions;
use crate::prices::{self, Prices};
use crate::render::{Pass, Renderer};
use crate::theme::{self, DEFAULT_THEME, Theme};

/// What a rebuild came to.
pub struct Rebuilt {
    /// The new site, when everything built.
    pub built: Option<Built>,
    /// Why it did not.
    pub problem: Option<Problem>,
    /// With a problem: the site made of the files that are fine, for when there is no
    /// last good site to show (a site that is broken from the start).
    pub fallback: Option<Built>,
    /// Pages rendered to check the templates, by route index: the start of the new cache.
    pub rendered: Vec<(usize, Vec<u8>)>,
    /// Content files that changed, appeared or went, and data/prices when a price file
    /// did, as shown to the writer.
    pub changed: Vec<PathBuf>,
    pub warnings: Diagnostics,
    /// Nothing the site is made of changed (a save without changes, a file that is not
    /// content): the current site stays, and nothing is reloaded.
    pub unchanged: bool,
    /// The site was decided again because a scheduled briefing's time came.
    pub due: bool,
    /// When the next briefing dated later is due: the site must be decided again then.
    pub next_publication: Option<Timestamp>,
    pub elapsed: Duration,
}

/// Files that were all articles before a save, as they are after it.
struct Edit {
    articles: Vec<Arc<Article>>,
    /// Whether any of them moved: what places it in the site's lists changed.
    moves: bool,
    /// Whether the images stage reads the same of them as before (`images::same_for`).
    same_images: bool,
    /// Whether one of them was, before, the next briefing due.
    was_due_next: bool,
}

/// Everything a rebuild keeps from the previous one.
pub struct Workspace {
    /// The site, with the server's own address as its base URL.
    options: SiteOptions,
    /// Where "now" is read at every rebuild, in place of the options' `now`.
    clock: Clock,
    /// The last configuration that loaded.
    config: Option<SiteConfig>,
    /// Why site.toml does not load now.
    config_errors: Option<Errors>,
    /// Of site.toml's bytes when it last loaded: a rescan or a save without changes
    /// does not re-check every article.
    config_hash: Option<u64>,
    theme: Option<Arc<Theme>>,
    /// The articles naming a template the theme does not have, by content path, and
    /// the theme that lacks it: found again only for the files a save changed.
    unknown_templates: BTreeMap<PathBuf, Vec<Error>>,
    templates_of: Option<Arc<Theme>>,
    renderer: Option<Arc<Renderer>>,
    theme_errors: Option<Errors>,
    /// Every content file, as last read and checked.
    store: Store,
    /// The price files that read cleanly, as last read.
    prices: Arc<Prices>,
    /// Why some price files do not read now.
    prices_errors: Option<Errors>,
    /// Files and folders in data/prices left out.
    prices_skipped: Diagnostics,
    /// The last site decided, kept while only templates or static files change: the
    /// site depends on the configuration, the articles and the prices alone.
    site: Option<Decided>,
    /// A page failed to render in the last rebuild: render one of each kind next time.
    probe_every_kind: bool,
    /// When the last site decided stops being the site of its articles: the earliest
    /// date of a briefing it leaves out for being later.
    next_publication: Option<Timestamp>,
}

impl Workspace {
    pub fn new(options: SiteOptions, clock: Clock) -> Workspace {
        let root = options.root.clone();
        Workspace {
            options,
            clock,
            config: None,
            config_errors: None,
            config_hash: None,
            theme: None,
            unknown_templates: BTreeMap::new(),
            templates_of: None,
            renderer: None,
            theme_errors: None,
            store: Store::new(root),
            prices: Arc::default(),
            prices_errors: None,
            prices_skipped: Diagnostics::new(),
            site: None,
            probe_every_kind: false,
            next_publication: None,
        }
    }

    /// The theme folder the site uses, for telling its changes from other themes'.
    pub fn theme_name(&self) -> String {
        self.config
            .as_ref()
            .and_then(|c| c.theme.clone())
            .unwrap_or_else(|| DEFAULT_THEME.to_string())
    }

    /// Applies `changes` and decides the site again. `want_fallback` asks for a
    /// partial site when this one fails (there is no last good one to show).
    pub fn rebuild(&mut self, changes: &ChangeSet, want_fallback: bool) -> Rebuilt {
        let started = Instant::now();
        let now = self.clock.now();
        let had_site = self.site.is_some();
        // A briefing's time has come since the site was decided: decide it again, even
        // for a save that changes only some text, or no save at all.
        let due = self.next_publication.is_some_and(|at| at <= now);
        let mut recheck_all = false;
        let mut config_changed = false;
        let mut theme_changed = changes.theme();
        // Read only when the watcher saw it change: a save of an article reads nothing else.
        let config_hash = changes
            .config
            .then(|| std::fs::read(self.options.root.join(crate::files::SITE_TOML)).ok())
            .flatten()
            .map(|bytes| crate::files::fingerprint(&bytes));
        let config_same = self.config_errors.is_none()
            && self.config.is_some()
            && config_hash.is_some()
            && config_hash == self.config_hash;
        if changes.config && !config_same {
            self.config_hash = config_hash;
            let options = ConfigOptions {
                base_url: self.options.base_url.clone(),
            };
            match config::load(&self.options.root, &options) {
                Ok(config) => {
                    // Articles are checked again only when what checking one reads of
                    // the configuration changed; the site is decided anew regardless.
                    recheck_all = self
                        .config
                        .as_ref()
                        .is_none_or(|old| ConfigRead::of(old) != ConfigRead::of(&config));
                    self.config = Some(config);
                    self.config_errors = None;
                    config_changed = true;
                    theme_changed = true;
                }
                Err(errors) => self.config_errors = Some(errors),
            }
        }
        if theme_changed && self.config_errors.is_none() {
            theme_changed = self.reload_theme() || config_changed;
        }
        // Which files name a listing depends on the registry, so a new site.toml reads
        // the prices again too.
        let prices_changed = (changes.prices || config_changed) && self.reload_prices();
        let Refreshed {
            changed,
            targets_changed,
            replaced,
        } = self.store.refresh(&changes.content);
        let mut rebuilt = Rebuilt {
            built: None,
            problem: None,
            fallback: None,
            rendered: Vec::new(),
            changed: changed
                .iter()
                .map(|p| crate::files::content_file(&self.options.root, p))
                .chain(prices_changed.then(|| {
                    crate::files::shown(&self.options.root.join(crate::files::PRICES)).to_path_buf()
                }))
                .collect(),
            warnings: Diagnostics::new(),
            unchanged: !config_changed
                && !theme_changed
                && !prices_changed
                && changed.is_empty()
                && !due,
            due,
            next_publication: self.next_publication,
            elapsed: Duration::ZERO,
        };
        if rebuilt.unchanged {
            rebuilt.elapsed = started.elapsed();
            return rebuilt;
        }
        let site_changed = config_changed || prices_changed || !changed.is_empty() || due;
        rebuilt.warnings = self.store.skipped_warnings();
        rebuilt.warnings.extend(self.prices_skipped.iter().cloned());
        if let Some(config) = &self.config {
            self.store.check(config, recheck_all, targets_changed);
        }
        self.find_unknown_templates(&changed, recheck_all || targets_changed);
        let edit = if config_changed || prices_changed || targets_changed || due {
            None
        } else {
            self.edit(&changed, replaced)
        };
        let decided = self.decide(site_changed, edit, now);
        rebuilt.next_publication = self.next_publication;
        match decided {
            Ok((built, warnings)) => {
                rebuilt.warnings.extend(warnings);
                if let Some(theme) = &self.theme {
                    let site = &built.site;
                    // The warnings printed are those of the changed files (every file's
                    // on the first site, or with a new theme or configuration).
                    let articles: Vec<&Article> = if had_site && !theme_changed {
                        changed
                            .iter()
                            .filter_map(|path| self.store.article(path))
                            .filter(|a| site.place_of(a).is_some())
                            .map(|a| &**a)
                            .collect()
                    } else {
                        site.articles.iter().map(|a| &**a).collect()
                    };
                    rebuilt
                        .warnings
                        .extend(theme::missing_images(theme, &site.config, articles));
                }
                let every_kind = theme_changed || self.probe_every_kind;
                let urls: Vec<&str> = changed
                    .iter()
                    .filter_map(|path| self.store.article(path))
                    .map(|a| a.url.as_str())
                    .collect();
                let probe = probe_routes(&built, &urls, every_kind);
                match render_probe(&built, &probe) {
                    Ok(rendered) => {
                        self.probe_every_kind = false;
                        rebuilt.rendered = rendered;
                        rebuilt.built = Some(built);
                    }
                    Err(error) => {
                        // Until a rebuild renders every kind of page again, the error
                        // stays, even if the next save touches no template.
                        self.probe_every_kind = true;
                        rebuilt.problem = Some(Problem::new([&error]));
                        if want_fallback {
                            rebuilt.fallback = Some(built);
                        }
                    }
                }
            }
            Err(problem) => {
                rebuilt.problem = Some(problem);
                if want_fallback {
                    rebuilt.fallback = self.fallback(now);
                }
            }
        }
        rebuilt.elapsed = started.elapsed();
        rebuilt
    }

    /// Reads the theme again; true when it differs from the one in use (editors touch
    /// files without changing them, and a rescan reads everything).
    fn reload_theme(&mut self) -> bool {
        let Some(config) = &self.config else {
            return false;
        };
        let loaded = theme::load(config);
        if let (Ok(theme), Some(current), None) = (&loaded, &self.theme, &self.theme_errors)
            && same_theme(theme, current)
        {
            return false;
        }
        let compiled = loaded.and_then(|theme| {
            let renderer = Renderer::new(&theme)?;
            Ok((theme, renderer))
        });
        match compiled {
            Ok((theme, renderer)) => {
                self.theme = Some(Arc::new(theme));
                self.renderer = Some(Arc::new(renderer));
                self.theme_errors = None;
            }
            Err(errors) => self.theme_errors = Some(errors),
        }
        true
    }

    /// Reads data/prices again; true when what the site shows of it may differ (its
    /// series, its skipped files, or errors now or before, which a page shows).
    fn reload_prices(&mut self) -> bool {
        let Some(config) = &self.config else {
            return false;
        };
        let loaded = prices::load_each(config);
        let errors = (!loaded.errors.is_empty()).then_some(loaded.errors);
        let changed = errors.is_some()
            || self.prices_errors.is_some()
            || *self.prices != loaded.prices
            || self.prices_skipped != loaded.warnings;
        self.prices = Arc::new(loaded.prices);
        self.prices_errors = errors;
        self.prices_skipped = loaded.warnings;
        changed
    }

    /// The new articles, when every changed file is an article that was there before;
    /// None when the site must be decided anew.
    fn edit(&self, changed: &[PathBuf], mut replaced: Replaced) -> Option<Edit> {
        let mut moves = false;
        let mut same_images = true;
        let mut was_due_next = false;
        let articles = changed
            .iter()
            .map(|path| {
                let old = replaced.remove(path)?;
                let new = self.store.article(path)?;
                moves |= Placement::of(&old) != Placement::of(new);
                same_images &= images::same_for(&old, new);
                was_due_next |= old.date.is_some() && old.date == self.next_publication;
                Some(new.clone())
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Edit {
            articles,
            moves,
            same_images,
            was_due_next,
        })
    }

    /// Finds the articles naming a template the theme does not have: among the
    /// `changed` files, or among all of them with `everything` or a new theme.
    fn find_unknown_templates(&mut self, changed: &[PathBuf], everything: bool) {
        let Some(theme) = &self.theme else {
            self.unknown_templates.clear();
            self.templates_of = None;
            return;
        };
        let unknown = |article: &Article| {
            let errors = theme::unknown_templates(theme, [article]);
            (!errors.is_empty()).then(|| (article.source.clone(), errors))
        };
        let same_theme = self
            .templates_of
            .as_ref()
            .is_some_and(|t| Arc::ptr_eq(t, theme));
        if everything || !same_theme {
            self.unknown_templates = self.store.checked().filter_map(|a| unknown(a)).collect();
        } else {
            for path in changed {
                self.unknown_templates.remove(path);
                if let Some((path, errors)) = self.store.article(path).and_then(|a| unknown(a)) {
                    self.unknown_templates.insert(path, errors);
                }
            }
        }
        self.templates_of = Some(theme.clone());
    }

    /// Every error in the sources now, if any.
    fn problem(&self) -> Option<Problem> {
        let mut errors: Vec<&Error> = self.unknown_templates.values().flatten().collect();
        errors.extend(self.config_errors.iter().flat_map(|e| &e.0));
        errors.extend(self.theme_errors.iter().flat_map(|e| &e.0));
        errors.extend(self.prices_errors.iter().flat_map(|e| &e.0));
        errors.extend(self.store.errors());
        (!errors.is_empty()).then(|| Problem::new(errors))
    }

    /// The site from the checked articles, or why there is none: the last one when
    /// no article changed; the last one with the edited articles put in when only their
    /// text changed, or moved to their new places when the model can move them; else
    /// decided anew. The warnings are those of a site decided anew, or of the edited
    /// articles when they were moved.
    fn decide(
        &mut self,
        site_changed: bool,
        edit: Option<Edit>,
        now: Timestamp,
    ) -> Result<(Built, Diagnostics), Problem> {
        // Taken, and put back only when this site is decided: after an error, the next
        // edit is weighed against the articles as they are then, never against a site
        // of articles from before the error.
        let kept = self.site.take();
        if let Some(problem) = self.problem() {
            return Err(problem);
        }
        let (Some(config), Some(theme), Some(renderer)) =
            (&self.config, &self.theme, &self.renderer)
        else {
            unreachable!("a configuration and a theme load, or their errors are the problem");
        };
        let mut warnings = Diagnostics::new();
        let options = self.model_options(now);
        // The last site's images stand while the edited articles show the same ones.
        let same_images = kept.is_some() && edit.as_ref().is_some_and(|e| e.same_images);
        // The next briefing due is the one before or an edited one, unless the one
        // before was edited (it may now be later): then every article is looked at.
        let next_due = edit.as_ref().filter(|e| !e.was_due_next).map(|e| {
            let edited = model::next_publication(e.articles.iter().map(|a| &**a), &options);
            self.next_publication.into_iter().chain(edited).min()
        });
        let moved = match (&kept, &edit) {
            (Some(kept), Some(edit)) if site_changed && edit.moves => {
                model::update::update(kept.site(), &edit.articles, &options)
            }
            _ => None,
        };
        let decided = match (&kept, edit, moved) {
            (Some(kept), _, _) if !site_changed => kept.clone(),
            (Some(kept), _, Some((site, found))) => {
                warnings = found;
                kept.moved(site)
            }
            (Some(kept), Some(edit), None) if !edit.moves => {
                // Not decided anew, so the edited articles' own warnings come from here.
                warnings.extend(edit.articles.iter().flat_map(|a| a.notices.iter().cloned()));
                kept.with(edit.articles)
            }
            _ => {
                let (site, found) = model::build_shared(
                    config.clone(),
                    self.store.articles(),
                    self.prices.clone(),
                    &options,
                )
                .map_err(|errors| Problem::new(&errors.0))?;
                warnings = found;
                Decided::new(site)
            }
        };
        let decided = if site_changed && !same_images {
            // Sizes and figures only: serve writes nothing, so it makes no copies and
            // shows the images themselves. A missing or broken one is the build's error.
            let site = decided.site();
            let shown = images::load(
                &site.config,
                theme,
                &site.articles,
                &CopyMode::None,
                &|_| None,
            )
            .map_err(|errors| Problem::new(&errors.0))?;
            decided.with_images(shown.images)
        } else {
            decided
        };
        if site_changed {
            // Dates may have moved: the next moment the site changes by itself.
            self.next_publication = next_due.unwrap_or_else(|| {
                model::next_publication(self.store.checked().map(|a| &**a), &options)
            });
        }
        let built = decided.built(renderer, theme);
        self.site = Some(decided);
        Ok((built, warnings))
    }

    /// The site made of the articles that are fine, if one can be made.
    fn fallback(&self, now: Timestamp) -> Option<Built> {
        let (config, theme, renderer) = (
            self.config.as_ref()?,
            self.theme.as_ref()?,
            self.renderer.as_ref()?,
        );
        let (site, _) = model::build_shared(
            config.clone(),
            self.store.articles(),
            self.prices.clone(),
            &self.model_options(now),
        )
        .ok()?;
        let shown = images::load(
            &site.config,
            theme,
            &site.articles,
            &CopyMode::None,
            &|_| None,
        )
        .ok()?;
        Some(
            Decided::new(site)
                .with_images(shown.images)
                .built(renderer, theme),
        )
    }

    fn model_options(&self, now: Timestamp) -> ModelOptions {
        ModelOptions {
            now,
            ..self.options.model()
        }
    }
}

fn same_theme(a: &Theme, b: &Theme) -> bool {
    a.assets == b.assets
        && a.templates.len() == b.templates.len()
        && a.templates
            .iter()
            .zip(&b.templates)
            .all(|((name_a, a), (name_b, b))| {
                name_a == name_b && a.source == b.source && a.origin == b.origin
            })
}

/// The pages rendered before a new site is swapped in, so a template error is shown
/// over the last good page instead of failing a request: the pages of the changed
/// articles (at `urls`), and after a template or configuration change one page of
/// every kind.
fn probe_routes(built: &Built, urls: &[&str], every_kind: bool) -> Vec<usize> {
    const MOST: usize = 16;
    let site = &built.site;
    let mut probe: Vec<usize> = urls
        .iter()
        .filter_map(|url| built.route(url))
        .filter(|&index| site.routes[index].page.article().is_some())
        .take(MOST)
        .collect();
    if every_kind {
        let mut kinds_seen = BTreeSet::new();
        for (index, route) in site.routes.iter().enumerate() {
            let kind = route.page.kind();
            // Pages not made with templates cannot fail on a template.
            if kind.template().is_some() && kinds_seen.insert(kind) {
                probe.push(index);
            }
        }
    }
    probe.sort_unstable();
    probe.dedup();
    probe
}

fn render_probe(built: &Built, probe: &[usize]) -> Result<Vec<(usize, Vec<u8>)>, Error> {
    // One pass for every probed page, so the cards they share are made once.
    let pass = Pass::new(&built.site);
    probe
        .par_iter()
        .map(|&index| {
            let route = &built.site.routes[index];
            built
                .renderer
                .render_in(&pass, route)
                .map(|bytes| (index, bytes))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Site;
    use std::path::Path;

    const SITE: &str = "title = \"T\"\nbase_url = \"https://example.org\"\n\n[ecosystems.china]\nname = \"China\"\n\n[companies.smic]\nname = \"SMIC\"\ntickers = [\"0981.HK\"]\necosystem = \"china\"\n";

    fn briefing(title: &str, date: &str, body: &str) -> String {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\ntickers = [\"0981.HK\"]\n+++\n\n{body}\n")
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), SITE).unwrap();
        std::fs::create_dir_all(dir.path().join("content/2025")).unwrap();
        for (name, date) in [
            ("a", "2025-01-01"),
            ("b", "2025-02-01"),
            ("c", "2025-03-01"),
        ] {
            std::fs::write(
                dir.path().join(format!("content/2025/{name}.md")),
                briefing(&format!("Briefing {name}"), date, "Text."),
            )
            .unwrap();
        }
        dir
    }

    fn workspace(root: &Path) -> Workspace {
        let mut site = SiteOptions::new(root);
        site.drafts = true;
        site.base_url = Some("http://127.0.0.1:1111".into());
        Workspace::new(site, Clock::system())
    }

    fn edited(path: &str) -> ChangeSet {
        ChangeSet {
            content: BTreeSet::from([PathBuf::from(path)]),
            ..ChangeSet::default()
        }
    }

    /// What a page can show of a site, to compare two sites.
    fn shown(site: &Site) -> Vec<String> {
        let mut shown: Vec<String> = site.routes.iter().map(|r| r.url.to_string()).collect();
        for (article, links) in site.articles.iter().zip(&site.links) {
            shown.push(format!(
                "{} {} {} {:?} {:?} {:?}",
                article.url,
                article.title,
                article.content_html.at_site_root(),
                links.previous,
                links.next,
                links.related
            ));
        }
        for company in &site.companies {
            shown.push(format!("{} {:?}", company.key.as_str(), company.briefings));
        }
        shown
    }

    #[test]
    fn an_edit_of_the_text_gives_the_site_a_full_build_gives() {
        let dir = site();
        let mut kept = workspace(dir.path());
        let first = kept.rebuild(&ChangeSet::everything(), false).built.unwrap();
        std::fs::write(
            dir.path().join("content/2025/b.md"),
            briefing("Briefing b, retitled", "2025-02-01", "New text."),
        )
        .unwrap();
        let rebuilt = kept.rebuild(&edited("2025/b.md"), false);
        assert_eq!(rebuilt.changed.len(), 1);
        let second = rebuilt.built.unwrap();
        assert!(
            Arc::ptr_eq(&first.routes, &second.routes),
            "the last site, patched"
        );
        let fresh = workspace(dir.path())
            .rebuild(&ChangeSet::everything(), false)
            .built
            .unwrap();
        assert_eq!(shown(&second.site), shown(&fresh.site));
        assert!(shown(&second.site).iter().any(|s| s.contains("New text.")));
    }

    #[test]
    fn a_new_date_decides_the_site_anew() {
        let dir = site();
        let mut kept = workspace(dir.path());
        let first = kept.rebuild(&ChangeSet::everything(), false).built.unwrap();
        assert_eq!(first.site.articles[0].title, "Briefing c");
        std::fs::write(
            dir.path().join("content/2025/a.md"),
            briefing("Briefing a", "2025-04-01", "Text."),
        )
        .unwrap();
        let second = kept.rebuild(&edited("2025/a.md"), false).built.unwrap();
        assert!(!Arc::ptr_eq(&first.routes, &second.routes));
        assert_eq!(second.site.articles[0].title, "Briefing a");
        let fresh = workspace(dir.path())
            .rebuild(&ChangeSet::everything(), false)
            .built
            .unwrap();
        assert_eq!(shown(&second.site), shown(&fresh.site));
    }

    #[test]
    fn the_next_briefing_due_follows_edits_of_the_scheduled_briefings() {
        let dir = site();
        let write = |name: &str, date: &str, body: &str| {
            std::fs::write(
                dir.path().join(format!("content/2025/{name}.md")),
                briefing(name, date, body),
            )
            .unwrap();
        };
        write("later", "2098-01-01T00:00:00Z", "Later.");
        write("sooner", "2099-01-01T00:00:00Z", "Sooner.");
        let mut kept = workspace(dir.path());
        let due = |rebuilt: Rebuilt| rebuilt.next_publication.map(|t| t.to_string());
        let first = kept.rebuild(&ChangeSet::everything(), false);
        assert_eq!(due(first).as_deref(), Some("2098-01-01T00:00:00Z"));
        // The one due next moves after the other: the other is due next.
        write("later", "2100-01-01T00:00:00Z", "Later.");
        let moved = kept.rebuild(&edited("2025/later.md"), false);
        assert_eq!(due(moved).as_deref(), Some("2099-01-01T00:00:00Z"));
        // Another comes before it.
        write("sooner", "2097-06-01T00:00:00Z", "Sooner.");
        let sooner = kept.rebuild(&edited("2025/sooner.md"), false);
        assert_eq!(due(sooner).as_deref(), Some("2097-06-01T00:00:00Z"));
        // A briefing published now changes nothing that is due.
        write("a", "2025-01-02", "Text.");
        let other = kept.rebuild(&edited("2025/a.md"), false);
        assert_eq!(due(other).as_deref(), Some("2097-06-01T00:00:00Z"));
    }

    #[test]
    fn a_template_the_theme_lacks_is_an_error_until_the_article_names_one_it_has() {
        let dir = site();
        let mut kept = workspace(dir.path());
        kept.rebuild(&ChangeSet::everything(), false).built.unwrap();
        let path = dir.path().join("content/2025/b.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let named = |template: &str| {
            text.replacen("+++\n", &format!("+++\ntemplate = \"{template}\"\n"), 1)
        };
        std::fs::write(&path, named("missing.html")).unwrap();
        let problem = kept.rebuild(&edited("2025/b.md"), false).problem.unwrap();
        assert!(
            problem.items[0]
                .place
                .as_deref()
                .unwrap()
                .ends_with("b.md:2:12"),
            "{:?}",
            problem.items[0].place
        );
        std::fs::write(
            dir.path().join("content/2025/c.md"),
            briefing("c", "2025-03-02", "Other."),
        )
        .unwrap();
        assert!(
            kept.rebuild(&edited("2025/c.md"), false).problem.is_some(),
            "still an error after another file's save"
        );
        std::fs::write(&path, named("article.html")).unwrap();
        let fixed = kept.rebuild(&edited("2025/b.md"), false);
        assert!(fixed.problem.is_none() && fixed.built.is_some());
    }

    #[test]
    fn a_save_without_a_change_changes_nothing() {
        let dir = site();
        let mut kept = workspace(dir.path());
        kept.rebuild(&ChangeSet::everything(), false);
        assert!(kept.rebuild(&edited("2025/a.md"), false).unchanged);
        let rescan = kept.rebuild(&ChangeSet::everything(), false);
        assert!(rescan.unchanged, "a rescan of unchanged files is no change");
    }

    #[test]
    fn a_removed_folder_takes_its_articles_and_a_broken_file_keeps_its_error() {
        let dir = site();
        let mut kept = workspace(dir.path());
        kept.rebuild(&ChangeSet::everything(), false);
        std::fs::write(dir.path().join("content/2025/c.md"), "+++\ntitle = \"C\n").unwrap();
        let broken = kept.rebuild(&edited("2025/c.md"), false);
        let problem = broken.problem.unwrap();
        assert!(
            problem.items[0]
                .place
                .as_deref()
                .unwrap()
                .ends_with("c.md:1:1")
        );
        std::fs::rename(
            dir.path().join("content/2025"),
            dir.path().join("content/old"),
        )
        .unwrap();
        let mut moved = edited("2025");
        moved.content.insert(PathBuf::from("old"));
        let problem = kept.rebuild(&moved, false).problem.unwrap();
        assert!(
            problem.items[0]
                .place
                .as_deref()
                .unwrap()
                .contains("content/old/c.md")
        );
        std::fs::remove_file(dir.path().join("content/old/c.md")).unwrap();
        let built = kept.rebuild(&edited("old/c.md"), false).built.unwrap();
        let urls: Vec<&str> = built.site.articles.iter().map(|a| a.url.as_str()).collect();
        assert_eq!(urls, ["/old/b/", "/old/a/"]);
    }

    /// The page at `url` of a built site, as served.
    fn page(built: &Built, url: &str) -> String {
        let route = &built.site.routes[built.route(url).unwrap()];
        let bytes = built
            .renderer
            .render_in(&Pass::new(&built.site), route)
            .unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn a_new_base_url_keeps_the_checked_articles_and_its_pages_take_the_new_prefix() {
        let dir = site();
        std::fs::write(
            dir.path().join("content/2025/c.md"),
            briefing(
                "Briefing c",
                "2025-03-01",
                "See [a](a.md#x) first, on $0981.HK.",
            ),
        )
        .unwrap();
        // Without the server's own address, so that site.toml's base_url is the site's.
        let mut options = SiteOptions::new(dir.path());
        options.drafts = true;
        let mut kept = Workspace::new(options, Clock::system());
        let first = kept.rebuild(&ChangeSet::everything(), false).built.unwrap();
        let link = |prefix: &str| format!("<a href=\"{prefix}/2025/a/#x\">a</a>");
        let cashtag = |prefix: &str| format!("href=\"{prefix}/companies/smic/\" title=\"SMIC\"");
        assert!(page(&first, "/2025/c/").contains(&link("")));
        assert!(page(&first, "/2025/c/").contains(&cashtag("")));
        std::fs::write(
            dir.path().join("site.toml"),
            SITE.replace("https://example.org", "https://example.org/sub/dir"),
        )
        .unwrap();
        let config = ChangeSet {
            config: true,
            ..ChangeSet::default()
        };
        let moved = kept.rebuild(&config, false).built.unwrap();
        assert_eq!(moved.site.config.path_prefix(), "/sub/dir");
        assert_eq!(first.site.articles.len(), moved.site.articles.len());
        for (before, after) in first.site.articles.iter().zip(&moved.site.articles) {
            assert!(
                Arc::ptr_eq(before, after),
                "{}: not read or checked again for a new base URL",
                after.url
            );
        }
        // The body on the article's page, and its summary on the home page's card.
        for url in ["/2025/c/", "/"] {
            let page = page(&moved, url);
            assert!(page.contains(&link("/sub/dir")), "{page}");
            assert!(page.contains(&cashtag("/sub/dir")), "{page}");
            assert!(!page.contains(&link("")) && !page.contains(&cashtag("")));
        }
    }

    #[test]
    fn a_saved_price_file_gives_the_served_site_its_new_series() {
        let dir = site();
        let mut kept = workspace(dir.path());
        let first = kept.rebuild(&ChangeSet::everything(), false).built.unwrap();
        let smic = crate::keys::Ticker("0981.HK".into());
        assert!(first.site.prices(&smic).is_none(), "no data/prices yet");
        let prices = ChangeSet {
            prices: true,
            ..ChangeSet::default()
        };
        let file = dir.path().join("data/prices/0981.hk.csv");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(
            &file,
            "date,close
2025-09-30,71.35
2025-10-02,79.10
",
        )
        .unwrap();
        let second = kept.rebuild(&prices, false).built.unwrap();
        let closes = |built: &Built| -> Vec<f64> {
            built
                .site
                .prices(&smic)
                .unwrap()
                .points()
                .iter()
                .map(|p| p.close)
                .collect()
        };
        assert_eq!(closes(&second), [71.35, 79.10]);
        assert_eq!(second.site.articles.len(), 3, "the articles stay");

        std::fs::write(
            &file,
            "date,close
2025-09-30,71.35
2025-09-30,79.10
",
        )
        .unwrap();
        let broken = kept.rebuild(&prices, false);
        let problem = broken.problem.expect("a repeated date is an error");
        assert!(
            problem.items[0]
                .place
                .as_deref()
                .unwrap()
                .ends_with("data/prices/0981.hk.csv:3:1"),
            "{:?}",
            problem.items[0].place
        );

        std::fs::write(
            &file,
            "date,close
2025-09-30,71.35
2025-10-03,80.5
",
        )
        .unwrap();
        let fixed = kept.rebuild(&prices, false).built.unwrap();
        assert_eq!(closes(&fixed), [71.35, 80.5]);
        assert!(
            kept.rebuild(&prices, false).unchanged,
            "a save without a change"
        );

        std::fs::remove_file(&file).unwrap();
        let removed = kept.rebuild(&prices, false).built.unwrap();
        assert!(removed.site.prices(&smic).is_none());
    }

    #[test]
    fn a_listing_removed_from_site_toml_makes_its_price_file_an_error() {
        let dir = site();
        std::fs::create_dir_all(dir.path().join("data/prices")).unwrap();
        std::fs::write(
            dir.path().join("data/prices/0981.HK.csv"),
            "date,close
2025-10-02,79.10
",
        )
        .unwrap();
        let mut kept = workspace(dir.path());
        assert!(
            kept.rebuild(&ChangeSet::everything(), false)
                .built
                .is_some()
        );
        std::fs::write(
            dir.path().join("site.toml"),
            SITE.replace("tickers = [\"0981.HK\"]", "tickers = [\"0981.SS\"]"),
        )
        .unwrap();
        let config = ChangeSet {
            config: true,
            ..ChangeSet::default()
        };
        let problem = kept.rebuild(&config, false).problem.expect("an error");
        assert!(
            problem
                .items
                .iter()
                .any(|item| item.message.contains("named after `0981.HK`")),
            "{:?}",
            problem.items.iter().map(|i| &i.message).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_new_title_in_site_toml_keeps_the_checked_articles_and_a_new_timezone_does_not() {
        let dir = site();
        let mut kept = workspace(dir.path());
        let first = kept.rebuild(&ChangeSet::everything(), false).built.unwrap();
        let config = ChangeSet {
            config: true,
            ..ChangeSet::default()
        };
        let toml = dir.path().join("site.toml");
        std::fs::write(&toml, SITE.replace("title = \"T\"", "title = \"Two\"")).unwrap();
        let retitled = kept.rebuild(&config, false).built.unwrap();
        assert_eq!(
            retitled.site.config.title, "Two",
            "the site is decided anew"
        );
        assert!(
            Arc::ptr_eq(&first.site.articles[0], &retitled.site.articles[0]),
            "a title is not read by an article's check, so none is checked again"
        );
        std::fs::write(
            &toml,
            SITE.replace(
                "title = \"T\"",
                "title = \"Two\"\ntimezone = \"Asia/Tokyo\"",
            ),
        )
        .unwrap();
        let moved = kept.rebuild(&config, false).built.unwrap();
        assert!(
            !Arc::ptr_eq(&retitled.site.articles[0], &moved.site.articles[0]),
            "dates are read in the time zone, so every article is checked again"
        );
        assert_ne!(retitled.site.articles[0].date, moved.site.articles[0].date);
    }
}
