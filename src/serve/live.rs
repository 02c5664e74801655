//! Live reload: the Server-Sent Events stream that the script of `page` listens to.
//!
//! The stream first says which generation is being served, then one event per
//! rebuild, sent only after the new site is swapped in.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast::error::RecvError;

use super::state::{Preview, ReloadKind};

fn message(instance: &str, generation: u64, kind: &str) -> Event {
    Event::default().data(format!(
        r#"{{"instance":"{instance}","generation":{generation},"kind":"{kind}"}}"#
    ))
}

/// The reload stream: first the generation being served, then one event per rebuild,
/// until the server stops.
pub async fn events(
    State(preview): State<Arc<Preview>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the generation, so no rebuild falls between the two.
    let receiver = preview.subscribe();
    let hello = message(&preview.instance, preview.snapshot().generation, "hello");
    let stopping = preview.stopping();
    let stream = stream::unfold(
        (Some(hello), receiver, stopping, preview),
        |(hello, mut receiver, mut stopping, preview)| async move {
            if let Some(hello) = hello {
                return Some((Ok(hello), (None, receiver, stopping, preview)));
            }
            if *stopping.borrow() {
                return None;
            }
            let event = tokio::select! {
                _ = stopping.changed() => return None,
                received = receiver.recv() => match received {
                    Ok(reload) => message(&preview.instance, reload.generation, reload.kind.name()),
                    // Fell behind a burst of rebuilds: the latest is all that matters.
                    Err(RecvError::Lagged(_)) => message(
                        &preview.instance,
                        preview.snapshot().generation,
                        ReloadKind::Page.name(),
                    ),
                    Err(RecvError::Closed) => return None,
                },
            };
            Some((Ok(event), (None, receiver, stopping, preview)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}
