//! The rebuilds no save asks for.
//!
//! - A briefing dated later is left out until its time, as `brief build` leaves it
//!   out; serve keeps its site in memory, so something has to notice the time passing:
//!   a task sleeps until the next publication moment among the briefings still to
//!   come, then rebuilds, which swaps the new site in and reloads the open pages like
//!   any save. "Now" comes from a `Clock` everywhere serve asks it, so a test can move
//!   time.
//! - A rebuild that failed because the process had too many files open (a flood of
//!   connections) is tried again, a little later each time, until it works: the
//!   writer has nothing to fix, so the error must go by itself.

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::watch;

use super::classify::ChangeSet;
use super::clock::Clock;
use super::state::Preview;

/// The longest sleep between two looks at the clock: a laptop that slept through a
/// publication moment, or a clock set forward, publishes within this much.
const LOOK_AGAIN: Duration = Duration::from_secs(60);

/// Runs both until `stopping` turns true.
pub async fn run(preview: Arc<Preview>, clock: Clock, stopping: watch::Receiver<bool>) {
    tokio::join!(
        publish_when_due(
            preview.clone(),
            clock,
            preview.next_publication(),
            stopping.clone()
        ),
        retry_when_out_of_files(preview, stopping),
    );
}

/// Rebuilds whenever the moment in `next` (the earliest date of a briefing left out
/// for being in the future) has come, until `stopping` turns true.
async fn publish_when_due(
    preview: Arc<Preview>,
    clock: Clock,
    mut next: watch::Receiver<Option<Timestamp>>,
    mut stopping: watch::Receiver<bool>,
) {
    // The moment last rebuilt for: if that rebuild could not publish (the site has an
    // error), wait for the next change instead of rebuilding again and again.
    let mut tried: Option<Timestamp> = None;
    loop {
        let due = *next.borrow_and_update();
        let wait = match due {
            Some(at) if Some(at) != tried => until(clock.now(), at),
            _ => None,
        };
        tokio::select! {
            _ = stopping.wait_for(|stop| *stop) => return,
            changed = next.changed() => {
                if changed.is_err() {
                    return;
                }
                continue;
            }
            _ = sleep(wait) => {}
        }
        let Some(at) = due else { continue };
        if clock.now() < at {
            continue;
        }
        tried = Some(at);
        let rebuild = preview.clone();
        let _ = tokio::task::spawn_blocking(move || rebuild.apply(&ChangeSet::default())).await;
    }
}

/// The first wait before trying again after running out of files, and the longest.
const RETRY_FIRST: Duration = Duration::from_millis(250);
const RETRY_MOST: Duration = Duration::from_secs(4);

/// Rebuilds everything while the site being served shows an error that comes from
/// running out of files, waiting longer each time, until `stopping` turns true.
async fn retry_when_out_of_files(preview: Arc<Preview>, mut stopping: watch::Receiver<bool>) {
    let mut reloads = preview.subscribe();
    let starved = |preview: &Preview| {
        preview
            .snapshot()
            .problem
            .as_ref()
            .is_some_and(|p| p.out_of_files)
    };
    loop {
        if !starved(&preview) {
            tokio::select! {
                _ = stopping.wait_for(|stop| *stop) => return,
                received = reloads.recv() => match received {
                    Err(RecvError::Closed) => return,
                    _ => continue,
                },
            }
        }
        let mut wait = RETRY_FIRST;
        while starved(&preview) {
            tokio::select! {
                _ = stopping.wait_for(|stop| *stop) => return,
                _ = tokio::time::sleep(wait) => {}
            }
            let rebuild = preview.clone();
            let _ =
                tokio::task::spawn_blocking(move || rebuild.apply(&ChangeSet::everything())).await;
            wait = (wait * 2).min(RETRY_MOST);
        }
    }
}

/// How long to sleep before looking at the clock again; None to wait for a change.
fn until(now: Timestamp, at: Timestamp) -> Option<Duration> {
    let left = Duration::try_from(at.duration_since(now)).unwrap_or(Duration::ZERO);
    Some(left.min(LOOK_AGAIN))
}

async fn sleep(wait: Option<Duration>) {
    match wait {
        Some(wait) => tokio::time::sleep(wait).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::SiteOptions;
    use crate::serve::workspace::Workspace;
    use std::collections::BTreeSet;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicI64, Ordering};

    fn briefing(title: &str, date: &str, body: &str) -> String {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\n\n{body}\n")
    }

    /// A workspace over a site with one briefing out and one dated 2025-06-01, and the
    /// clock it reads, in seconds since 1970.
    fn scheduled_site() -> (tempfile::TempDir, Workspace, Arc<AtomicI64>) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://example.org\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("content/2025")).unwrap();
        std::fs::write(
            root.join("content/2025/out.md"),
            briefing("Out already", "2025-01-01", "Text."),
        )
        .unwrap();
        std::fs::write(
            root.join("content/2025/later.md"),
            briefing("Scheduled", "2025-06-01T00:00:00Z", "Later."),
        )
        .unwrap();
        let seconds = Arc::new(AtomicI64::new(at("2025-03-01T00:00:00Z").as_second()));
        let read = seconds.clone();
        let mut site = SiteOptions::new(root);
        site.drafts = true;
        site.base_url = Some("http://127.0.0.1:1111".into());
        let workspace = Workspace::new(
            site,
            Clock::new(move || Timestamp::from_second(read.load(Ordering::SeqCst)).unwrap()),
        );
        (dir, workspace, seconds)
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn titles(workspace: &mut Workspace, changes: &ChangeSet) -> Vec<String> {
        let rebuilt = workspace.rebuild(changes, false);
        let built = rebuilt.built.expect("the site builds");
        built
            .site
            .articles
            .iter()
            .map(|a| a.title.clone())
            .collect()
    }

    #[test]
    fn a_save_of_another_article_text_publishes_a_briefing_whose_time_has_come() {
        let (dir, mut workspace, seconds) = scheduled_site();
        assert_eq!(
            titles(&mut workspace, &ChangeSet::everything()),
            ["Out already"]
        );
        seconds.store(at("2025-07-01T00:00:00Z").as_second(), Ordering::SeqCst);
        // Only the text changes: the site would otherwise be patched, not decided anew.
        std::fs::write(
            dir.path().join("content/2025/out.md"),
            briefing("Out already", "2025-01-01", "Edited text."),
        )
        .unwrap();
        let edited = ChangeSet {
            content: BTreeSet::from([PathBuf::from("2025/out.md")]),
            ..ChangeSet::default()
        };
        assert_eq!(
            titles(&mut workspace, &edited),
            ["Scheduled", "Out already"]
        );
    }

    #[test]
    fn moving_a_scheduled_date_moves_the_next_moment() {
        let (dir, mut workspace, _) = scheduled_site();
        workspace.rebuild(&ChangeSet::everything(), false);
        std::fs::write(
            dir.path().join("content/2025/later.md"),
            briefing("Scheduled", "2025-04-01T00:00:00Z", "Later."),
        )
        .unwrap();
        let moved = workspace.rebuild(
            &ChangeSet {
                content: BTreeSet::from([PathBuf::from("2025/later.md")]),
                ..ChangeSet::default()
            },
            false,
        );
        assert_eq!(moved.next_publication, Some(at("2025-04-01T00:00:00Z")));
    }

    #[test]
    fn the_clock_alone_publishes_it_and_tells_the_next_moment() {
        let (_dir, mut workspace, seconds) = scheduled_site();
        let first = workspace.rebuild(&ChangeSet::everything(), false);
        assert_eq!(first.next_publication, Some(at("2025-06-01T00:00:00Z")));
        assert!(
            workspace.rebuild(&ChangeSet::default(), false).unchanged,
            "nothing is due yet"
        );
        seconds.store(at("2025-06-01T00:00:00Z").as_second(), Ordering::SeqCst);
        let due = workspace.rebuild(&ChangeSet::default(), false);
        assert!(!due.unchanged && due.due);
        assert_eq!(due.next_publication, None);
        let built = due.built.expect("the site builds");
        assert_eq!(built.site.articles[0].title, "Scheduled");
    }

    #[test]
    fn sleeps_until_the_moment_but_looks_again_within_a_minute() {
        let now: Timestamp = "2026-12-01T09:00:00Z".parse().unwrap();
        let soon: Timestamp = "2026-12-01T09:00:03Z".parse().unwrap();
        let later: Timestamp = "2026-12-02T09:00:00Z".parse().unwrap();
        assert_eq!(until(now, soon), Some(Duration::from_secs(3)));
        assert_eq!(until(now, later), Some(LOOK_AGAIN));
        assert_eq!(until(soon, now), Some(Duration::ZERO), "already due");
    }
}
