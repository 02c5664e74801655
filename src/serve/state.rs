//! The one state of `brief serve`, behind an `Arc` handed to every request: the
//! snapshot being served, the workspace that rebuilds it, and the channel that tells
//! pages to reload.
//!
//! A rebuild makes a whole new `Snapshot` (site, templates, an empty page cache, the
//! error if any) and swaps it in; only then is the reload event sent, so a page never
//! reloads into the old site, and no page rendered before the change is ever served
//! after it.

use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::{broadcast, watch};

use super::classify::{ChangeSet, Layout};
use super::console::Console;
use super::snapshot::Snapshot;
use super::workspace::Workspace;
use crate::report;

/// What a reload event tells the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReloadKind {
    /// The site changed: reload the page.
    Page,
    /// Only stylesheets changed: swap them in place.
    Stylesheets,
    /// The change did not build: reload to show the error over the last good page.
    Problem,
}

impl ReloadKind {
    pub fn name(self) -> &'static str {
        match self {
            ReloadKind::Page => "page",
            ReloadKind::Stylesheets => "stylesheets",
            ReloadKind::Problem => "problem",
        }
    }
}

/// Sent once a new snapshot is being served.
#[derive(Debug, Clone, Copy)]
pub struct Reload {
    pub generation: u64,
    pub kind: ReloadKind,
}

/// The state shared by the server, the rebuilds and the reload events.
pub struct Preview {
    pub instance: Arc<str>,
    live: RwLock<Arc<Snapshot>>,
    /// Held by the rebuild in progress; requests never wait for it.
    workspace: Mutex<Workspace>,
    reloads: broadcast::Sender<Reload>,
    /// Flips to true when the server stops, ending the reload streams.
    stopping: watch::Receiver<bool>,
    console: Console,
    /// The last problem printed, so an unrelated save does not print it again.
    printed: Mutex<Option<String>>,
    /// When the next scheduled briefing is due, for `schedule` to wake up then.
    next_publication: watch::Sender<Option<jiff::Timestamp>>,
}

impl Preview {
    pub fn new(workspace: Workspace, console: Console, stopping: watch::Receiver<bool>) -> Preview {
        let instance: Arc<str> = instance_id().into();
        let empty = Snapshot {
            generation: 0,
            instance: instance.clone(),
            built: None,
            problem: None,
            rebuild_time: std::time::Duration::ZERO,
            pages: Mutex::default(),
            search: Default::default(),
            console,
        };
        Preview {
            instance,
            live: RwLock::new(Arc::new(empty)),
            workspace: Mutex::new(workspace),
            reloads: broadcast::channel(64).0,
            stopping,
            console,
            printed: Mutex::default(),
            next_publication: watch::channel(None).0,
        }
    }

    /// When the next scheduled briefing is due, as of the last rebuild.
    pub fn next_publication(&self) -> watch::Receiver<Option<jiff::Timestamp>> {
        self.next_publication.subscribe()
    }

    /// The snapshot to answer a request from.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.live.read().expect("snapshot lock").clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Reload> {
        self.reloads.subscribe()
    }

    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.stopping.clone()
    }

    /// Where the sources are, for classifying the watcher's paths.
    pub fn layout(&self, root: &std::path::Path) -> Layout {
        Layout {
            root: root.to_path_buf(),
            theme: self.workspace.lock().expect("workspace lock").theme_name(),
        }
    }

    /// Rebuilds after `changes` (on a blocking thread), swaps the new snapshot in, and
    /// then tells the pages. Returns the event sent, if anything changed.
    pub fn apply(&self, changes: &ChangeSet) -> Option<Reload> {
        let mut workspace = self.workspace.lock().expect("workspace lock");
        let previous = self.snapshot();
        let first = previous.generation == 0;
        let mut rebuilt = workspace.rebuild(changes, previous.built.is_none());
        let next = rebuilt.next_publication;
        self.next_publication.send_if_modified(|known| {
            let changed = *known != next;
            *known = next;
            changed
        });
        if rebuilt.unchanged && !first {
            return None;
        }
        let generation = previous.generation + 1;
        let fresh = rebuilt.built.is_some();
        let (built, problem, kind) = match rebuilt.built.take() {
            Some(built) => {
                let kind = if changes.stylesheets_only() && previous.problem.is_none() {
                    ReloadKind::Stylesheets
                } else {
                    ReloadKind::Page
                };
                (Some(built), None, kind)
            }
            None => (
                previous.built.clone().or(rebuilt.fallback.take()),
                rebuilt.problem.take().map(Arc::new),
                ReloadKind::Problem,
            ),
        };
        let snapshot = Snapshot {
            generation,
            instance: self.instance.clone(),
            built,
            problem,
            rebuild_time: rebuilt.elapsed,
            pages: Mutex::default(),
            search: Default::default(),
            console: self.console,
        };
        if fresh {
            for (index, bytes) in std::mem::take(&mut rebuilt.rendered) {
                snapshot.keep_rendered(index, bytes);
            }
        }
        self.report(&snapshot, &rebuilt, first);
        *self.live.write().expect("snapshot lock") = Arc::new(snapshot);
        let reload = Reload { generation, kind };
        // No page open is not an error.
        let _ = self.reloads.send(reload);
        Some(reload)
    }

    fn report(&self, snapshot: &Snapshot, rebuilt: &super::workspace::Rebuilt, first: bool) {
        let mut printed = self.printed.lock().expect("console lock");
        for warning in &rebuilt.warnings {
            let path = &warning.location().path;
            // A changed folder (data/prices) stands for the files in it.
            if first || rebuilt.changed.iter().any(|c| path.starts_with(c)) {
                self.console.warning(warning);
            }
        }
        match &snapshot.problem {
            Some(problem) => {
                let text = problem.text();
                if printed.as_deref() != Some(text.as_str()) {
                    self.console.problem(&text);
                    *printed = Some(text);
                }
            }
            None => {
                if printed.take().is_some() {
                    self.console.line("fixed: the site builds again");
                }
                let what = if first {
                    String::new()
                } else if rebuilt.due && rebuilt.changed.is_empty() {
                    " (a scheduled briefing is due)".to_string()
                } else {
                    describe(&rebuilt.changed)
                };
                let site = &snapshot.built.as_ref().expect("a built site").site;
                self.console.line(&format!(
                    "{} {}, {}, {} in {:.0?}{what}",
                    if first { "loaded" } else { "rebuilt" },
                    report::count(site.briefing_count, "briefing", "briefings"),
                    report::count(site.companies.len(), "company", "companies"),
                    report::count(site.ecosystems.len(), "ecosystem", "ecosystems"),
                    rebuilt.elapsed,
                ));
            }
        }
    }
}

fn describe(changed: &[std::path::PathBuf]) -> String {
    match changed {
        [] => String::new(),
        [one] => format!(" ({} changed)", one.display()),
        [one, rest @ ..] => format!(" ({} and {} more changed)", one.display(), rest.len()),
    }
}

/// Tells this server from the one before it, which a page may have been served by.
fn instance_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}-{:x}", std::process::id(), nanos)
}
