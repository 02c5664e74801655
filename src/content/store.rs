//! The content files of a site kept between reads: each file by path with a hash of
//! its bytes, its front matter read, and its checked `Article`. `brief serve` keeps one
//! for as long as it runs and refreshes it with the paths that changed; a refresh
//! re-reads only those, and a check re-checks only the articles that can have changed.
//! `load_each` is the same reading and checking done once, for a build.
//!
//! Reads files and nothing else, like the rest of `content`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{
    Article, ConfigRead, Found, LinkTargets, SourceFile, bundle, discover, discover_one,
    skipped_warnings,
};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostics, Skip};
use crate::error::{Error, Errors};
use crate::files;

/// Checked articles by content path.
pub type Replaced = HashMap<PathBuf, Arc<Article>>;

/// One content file as last read.
struct Entry {
    /// Of the file's bytes: a save that changes nothing re-reads nothing.
    hash: u64,
    read: Result<SourceFile, Error>,
    /// None until checked against the current configuration and link targets.
    checked: Option<Result<Arc<Article>, Errors>>,
}

impl Entry {
    /// Its errors, from reading or from checking.
    fn errors(&self) -> &[Error] {
        match (&self.read, &self.checked) {
            (Err(error), _) => std::slice::from_ref(error),
            (Ok(_), Some(Err(more))) => more.0.as_slice(),
            _ => &[],
        }
    }
}

/// What a refresh found.
#[derive(Default)]
pub struct Refreshed {
    /// Content paths (relative to content/) that changed, appeared or went, sorted.
    pub changed: Vec<PathBuf>,
    /// Whether any article's URL changed, so links to it must be resolved again.
    pub targets_changed: bool,
    /// The checked articles that the new reads replace, by content path.
    pub replaced: Replaced,
}

/// Every content file of one site, as last read.
pub struct Store {
    root: PathBuf,
    /// Path relative to content/ → the file.
    files: BTreeMap<PathBuf, Entry>,
    /// Content path → site path of every file that reads, for links between articles.
    targets: LinkTargets,
    /// Files and folders under content/ that are left out, each with a warning.
    skipped: BTreeMap<PathBuf, Skip>,
    /// The files read or relisted since the last check, so a check after an edit
    /// looks at those alone instead of at every file.
    unchecked: BTreeSet<PathBuf>,
    /// The files that do not read or check, so the errors are found without a look at
    /// every file.
    failing: BTreeSet<PathBuf>,
}

impl Store {
    /// An empty store for the site at `root`: refresh it with `content/` itself
    /// (an empty path) to read everything.
    pub fn new(root: PathBuf) -> Store {
        Store {
            root,
            files: BTreeMap::new(),
            targets: LinkTargets::new(),
            skipped: BTreeMap::new(),
            unchecked: BTreeSet::new(),
            failing: BTreeSet::new(),
        }
    }

    /// Re-reads the content paths named (relative to content/; a folder means
    /// everything in it), keeping files whose bytes did not change.
    pub fn refresh(&mut self, paths: &BTreeSet<PathBuf>) -> Refreshed {
        let content_dir = self.root.join(files::CONTENT);
        let mut to_read: BTreeSet<PathBuf> = BTreeSet::new();
        let mut forget: Vec<PathBuf> = Vec::new();
        let mut skipped_now: Vec<(PathBuf, Skip)> = Vec::new();
        for relative in paths {
            // By `discover`'s own rules, so serve shows exactly what a build publishes.
            match discover_one(&content_dir, relative) {
                Found::Folder => {
                    // A folder created, renamed in, or content/ itself: what is in it now.
                    let discovered = discover(&content_dir.join(relative)).unwrap_or_default();
                    let found: BTreeSet<PathBuf> = discovered
                        .sources
                        .into_iter()
                        .map(|p| relative.join(p))
                        .collect();
                    forget.extend(
                        self.under(relative)
                            .filter(|p| !found.contains(*p))
                            .cloned()
                            .collect::<Vec<_>>(),
                    );
                    to_read.extend(found);
                    skipped_now.extend(
                        discovered
                            .skipped
                            .into_iter()
                            .map(|(p, why)| (relative.join(p), why)),
                    );
                }
                Found::Article => {
                    to_read.insert(relative.clone());
                }
                found => {
                    // Deleted, skipped, or a folder renamed away: everything that was
                    // under that name.
                    forget.extend(self.under(relative).cloned().collect::<Vec<_>>());
                    if let Found::Skipped(why) = found {
                        skipped_now.push((relative.clone(), why));
                    }
                }
            }
        }
        let skipped_changed = self.replace_skipped(paths, skipped_now);
        let relist = self.bundles_touched(paths);

        let root = &self.root;
        let known = &self.files;
        let reads: Vec<(PathBuf, Option<Entry>)> = to_read
            .into_par_iter()
            .filter_map(|relative| {
                let entry = match std::fs::read(content_dir.join(&relative)) {
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    Err(source) => Some(Entry {
                        hash: 0,
                        read: Err(Error::Read {
                            path: files::content_file(root, &relative),
                            source,
                        }),
                        checked: None,
                    }),
                    Ok(bytes) => {
                        let hash = files::fingerprint(&bytes);
                        if known.get(&relative).is_some_and(|e| e.hash == hash) {
                            return None; // saved without a change
                        }
                        Some(Entry {
                            hash,
                            read: SourceFile::from_bytes(root, &relative, bytes)
                                .map(|file| file.with_bundle(root)),
                            checked: None,
                        })
                    }
                };
                if entry.is_none() && !known.contains_key(&relative) {
                    return None;
                }
                Some((relative, entry))
            })
            .collect();

        // Files read anew have listed their bundles as they were read.
        let fresh: BTreeSet<PathBuf> = reads
            .iter()
            .filter(|(_, entry)| entry.is_some())
            .map(|(path, _)| path.clone())
            .collect();
        let mut found = Refreshed::default();
        for relative in forget {
            if self.files.remove(&relative).is_some() {
                found.targets_changed |= self.targets.remove(&relative).is_some();
                found.changed.push(relative);
            }
        }
        for (relative, entry) in reads {
            match entry {
                Some(entry) => {
                    let url = entry.read.as_ref().ok().map(|f| f.url.clone());
                    let before = match url {
                        Some(url) => self.targets.insert(relative.clone(), url),
                        None => self.targets.remove(&relative),
                    };
                    found.targets_changed |= before.as_ref() != self.targets.get(&relative);
                    self.unchecked.insert(relative.clone());
                    let old = self.files.insert(relative.clone(), entry);
                    if let Some(Entry {
                        checked: Some(Ok(article)),
                        ..
                    }) = old
                    {
                        found.replaced.insert(relative.clone(), article);
                    }
                }
                None => {
                    self.files.remove(&relative);
                    found.targets_changed |= self.targets.remove(&relative).is_some();
                }
            }
            found.changed.push(relative);
        }
        let relist: BTreeMap<PathBuf, bool> = relist
            .into_iter()
            .filter(|(index, _)| !fresh.contains(index))
            .collect();
        self.relist(relist, &mut found);
        found.changed.extend(skipped_changed);
        found.changed.sort();
        found.changed.dedup();
        self.note_failing(&found.changed);
        found
    }

    /// Puts right whether each of `paths` is among the files with errors.
    fn note_failing(&mut self, paths: &[PathBuf]) {
        for path in paths {
            if self.files.get(path).is_some_and(|e| !e.errors().is_empty()) {
                self.failing.insert(path.clone());
            } else {
                self.failing.remove(path);
            }
        }
    }

    /// Records what is skipped under `paths` now; returns the paths whose skipping
    /// began, ended or changed reason (a rescan that finds the same links changes nothing).
    fn replace_skipped(
        &mut self,
        paths: &BTreeSet<PathBuf>,
        now: Vec<(PathBuf, Skip)>,
    ) -> Vec<PathBuf> {
        let mut before: BTreeMap<PathBuf, Skip> = BTreeMap::new();
        for relative in paths {
            let under: Vec<PathBuf> = self
                .skipped
                .keys()
                .filter(|p| p.starts_with(relative))
                .cloned()
                .collect();
            for path in under {
                let why = self.skipped.remove(&path).expect("listed");
                before.insert(path, why);
            }
        }
        let mut changed = Vec::new();
        for (path, why) in now {
            if before.remove(&path) != Some(why) {
                changed.push(path.clone());
            }
            self.skipped.insert(path, why);
        }
        changed.extend(before.into_keys());
        changed
    }

    /// A warning for each file or folder under content/ that is left out.
    pub fn skipped_warnings(&self) -> Diagnostics {
        let skipped: Vec<(PathBuf, Skip)> = self
            .skipped
            .iter()
            .map(|(p, why)| (p.clone(), *why))
            .collect();
        skipped_warnings(&self.root, &skipped)
    }

    /// Checks the articles that can have changed: those read anew; all of them when
    /// `recheck_all` (a new configuration); and, when an article's URL changed, those
    /// that link to other files (a link is resolved only for a `.md` destination, so a
    /// file without ".md" in it cannot be affected), instead of every article.
    pub fn check(&mut self, config: &SiteConfig, recheck_all: bool, targets_changed: bool) {
        // A save reads a file or two: those are checked on this thread, without a
        // look at every other file; more go to every thread.
        const FEW: usize = 8;
        let unchecked = std::mem::take(&mut self.unchecked);
        let targets = &self.targets;
        let reads = ConfigRead::of(config);
        if !recheck_all && !targets_changed && unchecked.len() <= FEW {
            for path in &unchecked {
                if let Some(entry) = self.files.get_mut(path)
                    && let Ok(file) = &entry.read
                    && entry.checked.is_none()
                {
                    entry.checked = Some(file.article(&reads, targets).map(Arc::new));
                }
            }
            self.note_failing(&unchecked.into_iter().collect::<Vec<_>>());
            return;
        }
        let mut pending: Vec<&mut Entry> = Vec::new();
        for entry in self.files.values_mut() {
            let Ok(file) = &entry.read else { continue };
            if recheck_all || (targets_changed && file.text.contains(".md")) {
                entry.checked = None;
            }
            if entry.checked.is_none() {
                pending.push(entry);
            }
        }
        pending.par_iter_mut().for_each(|entry| {
            if let Ok(file) = &entry.read {
                entry.checked = Some(file.article(&reads, targets).map(Arc::new));
            }
        });
        self.failing = self
            .files
            .iter()
            .filter(|(_, entry)| !entry.errors().is_empty())
            .map(|(path, _)| path.clone())
            .collect();
    }

    /// The checked article at a content path, if it read and checked cleanly.
    pub fn article(&self, path: &Path) -> Option<&Arc<Article>> {
        self.files.get(path)?.checked.as_ref()?.as_ref().ok()
    }

    /// Every article that read and checked cleanly, by path.
    pub fn articles(&self) -> Vec<Arc<Article>> {
        self.checked().cloned().collect()
    }

    /// `articles` without collecting them, for a look over every one.
    pub fn checked(&self) -> impl Iterator<Item = &Arc<Article>> {
        self.files
            .values()
            .filter_map(|e| e.checked.as_ref()?.as_ref().ok())
    }

    /// The errors of every file that did not read or check, in path order.
    pub fn errors(&self) -> impl Iterator<Item = &Error> {
        self.failing
            .iter()
            .filter_map(|path| self.files.get(path))
            .flat_map(Entry::errors)
    }

    /// The known bundles whose files `paths` may have changed: the nearest bundle
    /// around each path (true: a file of it changed, if only its bytes), and every
    /// bundle inside a path that is a folder (false: changed only if its files did),
    /// as on a rescan.
    fn bundles_touched(&self, paths: &BTreeSet<PathBuf>) -> BTreeMap<PathBuf, bool> {
        let mut touched = BTreeMap::new();
        for relative in paths {
            for inside in self.under(relative).filter(|p| bundle::is_index(p)) {
                touched.entry(inside.clone()).or_insert(false);
            }
            let around = relative
                .ancestors()
                .skip(1)
                .filter(|folder| !folder.as_os_str().is_empty())
                .map(|folder| folder.join(bundle::INDEX))
                .find(|index| self.files.contains_key(index));
            if let Some(index) = around {
                touched.insert(index, true);
            }
        }
        touched
    }

    /// Lists the `bundles` again. A bundle whose files came or went has a new article;
    /// one whose files only changed their bytes keeps its article, and is reported
    /// changed with it, so the site served is made again and copies the new bytes.
    fn relist(&mut self, bundles: BTreeMap<PathBuf, bool>, found: &mut Refreshed) {
        let content_dir = self.root.join(files::CONTENT);
        for (index, file_changed) in bundles {
            let Some(entry) = self.files.get_mut(&index) else {
                continue;
            };
            let Ok(file) = &mut entry.read else { continue };
            let listing = bundle::list(&content_dir, &index);
            let old = match &entry.checked {
                Some(Ok(article)) => Some(article.clone()),
                _ => None,
            };
            if file.bundle != listing {
                file.bundle = listing;
                entry.checked = None;
                self.unchecked.insert(index.clone());
            } else if !file_changed {
                continue;
            }
            if let Some(article) = old {
                found.replaced.entry(index.clone()).or_insert(article);
            }
            found.changed.push(index);
        }
    }

    /// The files at or under `folder`: together in the map's order of paths (which
    /// compares component by component), so found without looking at every file.
    fn under<'a>(&'a self, folder: &'a Path) -> impl Iterator<Item = &'a PathBuf> + 'a {
        self.files
            .range::<Path, _>((
                std::ops::Bound::Included(folder),
                std::ops::Bound::Unbounded,
            ))
            .map(|(path, _)| path)
            .take_while(move |p| p.starts_with(folder))
    }
}
