//! Watches the site's sources, never its output: site.toml (through a watch on the
//! site's folder alone, which survives site.toml being replaced by an atomic save)
//! and, recursively, content/, data/ (for data/prices), static/, templates/,
//! archetypes/ and themes/.
//!
//! Events are debounced (a temp file and its rename arrive together) and handed on
//! as batches of paths; `Access` events are dropped, or reading a file would count
//! as changing it. What the paths mean is `classify`'s business.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::mpsc::UnboundedSender;

/// What the watcher saw.
#[derive(Debug)]
pub enum Batch {
    Paths(Vec<PathBuf>),
    /// Events were lost (the kernel's queue overflowed): look at everything again.
    Rescan,
}

/// The folders a site is built from, besides site.toml.
const SOURCE_FOLDERS: [&str; 6] = [
    "content",
    "data",
    "static",
    "templates",
    "archetypes",
    "themes",
];

/// Long enough for an atomic save (temp file, rename) or an editor's backup dance to
/// arrive as one batch; short enough that a save reaches the browser at once.
const QUIET_FOR: Duration = Duration::from_millis(20);
const TICK: Duration = Duration::from_millis(5);

pub struct SourceWatcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl SourceWatcher {
    /// Starts watching `root` (absolute), sending batches to `batches`.
    pub fn start(root: &Path, batches: UnboundedSender<Batch>) -> notify::Result<SourceWatcher> {
        let debouncer = new_debouncer(QUIET_FOR, Some(TICK), move |result: DebounceEventResult| {
            let batch = match result {
                Ok(events) if events.iter().any(|e| e.need_rescan()) => Batch::Rescan,
                Ok(events) => Batch::Paths(
                    events
                        .into_iter()
                        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                        .flat_map(|e| e.event.paths)
                        .collect(),
                ),
                Err(_) => Batch::Rescan,
            };
            if !matches!(&batch, Batch::Paths(paths) if paths.is_empty()) {
                // The receiver is gone only when the server is stopping.
                let _ = batches.send(batch);
            }
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
        let mut watcher = SourceWatcher {
            debouncer,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.refresh(&[]);
        Ok(watcher)
    }

    /// Watches the source folders that exist now and forgets those that went: a folder
    /// created (or replaced) while serving is watched from the next batch on, and the
    /// rebuild reads what it already holds. A source folder among `paths` may have been
    /// removed and made again, which ends its watch: it is watched anew.
    pub fn refresh(&mut self, paths: &[PathBuf]) {
        for name in SOURCE_FOLDERS {
            let folder = self.root.join(name);
            if paths.contains(&folder) && self.watched.remove(&folder) {
                let _ = self.debouncer.unwatch(&folder);
            }
            if folder.is_dir() {
                if !self.watched.contains(&folder)
                    && self
                        .debouncer
                        .watch(&folder, RecursiveMode::Recursive)
                        .is_ok()
                {
                    self.watched.insert(folder);
                }
            } else if self.watched.remove(&folder) {
                let _ = self.debouncer.unwatch(&folder);
            }
        }
    }
}
