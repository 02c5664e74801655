//! Accepts connections for `brief serve` so that no client can take the preview away
//! from the writer: not one that sends its headers a byte at a time, not hundreds of
//! idle connections, not a process that has run out of file descriptors.
//!
//! - A request's headers must arrive within `HEADER_TIMEOUT`, and a connection idle
//!   between requests is closed after as long (browsers open a new one at once).
//! - Open connections are capped well under the process's file limit, leaving files
//!   for the rebuild to read a save with. A new connection over the cap closes the
//!   oldest one, a page request before a reload stream, so the newest visitor (the
//!   writer's browser) is always answered.
//! - When `accept` fails anyway (the limit is shared with the rest of the process), the
//!   oldest connection is closed to free a descriptor and accepting resumes at once.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service, service_fn};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

use super::console::Console;
use super::page::EVENTS_PATH;

/// How long a client may take to send a request's headers, or stay idle between two
/// requests on one connection.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// How often the terminal hears that connections are being closed to make room.
const NOTE_AGAIN: Duration = Duration::from_secs(60);

/// Serves `app` on `listener` until `stopping` turns true, then lets open requests
/// finish (the reload streams end by themselves) and returns once every connection
/// is closed.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    mut stopping: watch::Receiver<bool>,
    console: Console,
) {
    let connections = Arc::new(Connections::new(connection_cap()));
    let mut tasks = JoinSet::new();
    let mut noted: Option<Instant> = None;
    loop {
        let accepted = tokio::select! {
            _ = stopping.wait_for(|stop| *stop) => break,
            accepted = listener.accept() => accepted,
        };
        while tasks.try_join_next().is_some() {}
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) if per_connection(&error) => continue,
            Err(error) => {
                // Out of file descriptors (EMFILE, ENFILE) or memory: the connection
                // waits in the kernel's queue while the oldest one makes room.
                if noted.is_none_or(|at| at.elapsed() > NOTE_AGAIN) {
                    console.line(&format!(
                        "note: cannot accept connections ({error}); closing the oldest ones"
                    ));
                    noted = Some(Instant::now());
                }
                connections.make_room().await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (id, handle) = connections.open();
        let connections = connections.clone();
        let (app, stopping) = (app.clone(), stopping.clone());
        tasks.spawn(async move {
            serve_one(stream, app, handle, stopping).await;
            // Only now is the socket closed and its descriptor free.
            connections.close(id);
        });
    }
    drop(listener);
    while tasks.join_next().await.is_some() {}
}

/// Serves one connection until it ends, is evicted, or the server stops.
async fn serve_one(
    stream: tokio::net::TcpStream,
    app: Router,
    handle: Handle,
    mut stopping: watch::Receiver<bool>,
) {
    let tower = TowerToHyperService::new(app);
    let stream_flag = handle.stream.clone();
    let service = service_fn(move |request: hyper::Request<Incoming>| {
        if request.uri().path() == EVENTS_PATH {
            stream_flag.store(true, Ordering::Relaxed);
        }
        tower.call(request)
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let mut closing = false;
    loop {
        tokio::select! {
            _ = connection.as_mut() => return,
            // Returning drops the connection, which closes the socket at once.
            _ = handle.evicted.notified() => return,
            _ = stopping.wait_for(|stop| *stop), if !closing => {
                connection.as_mut().graceful_shutdown();
                closing = true;
            }
        }
    }
}

/// True for an error about one connection (it was reset before it was accepted), after
/// which accepting goes on as usual.
fn per_connection(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// How many connections may be open at once: under the soft limit on open files, with
/// room left for everything else (the watcher, a rebuild reading files on every core).
fn connection_cap() -> usize {
    const MOST: usize = 4096;
    match open_file_limit() {
        Some(limit) if limit >= 512 => (limit - 256).min(MOST),
        Some(limit) => (limit / 2).max(4),
        None => 1024,
    }
}

#[cfg(unix)]
fn open_file_limit() -> Option<usize> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given, which lives on this stack.
    let done = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    if done != 0 || limit.rlim_cur == libc::RLIM_INFINITY {
        return None;
    }
    usize::try_from(limit.rlim_cur).ok()
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<usize> {
    None
}

/// What the accept loop keeps of one open connection.
struct Handle {
    /// Set once the connection carries a reload stream, which is closed last.
    stream: Arc<AtomicBool>,
    /// Tells the connection to close now.
    evicted: Arc<Notify>,
}

/// The open connections, oldest first.
struct Connections {
    cap: usize,
    open: Mutex<(u64, BTreeMap<u64, Handle>)>,
    /// Told each time a connection has closed and its descriptor is free.
    closed: Notify,
}

impl Connections {
    fn new(cap: usize) -> Connections {
        Connections {
            cap,
            open: Mutex::new((0, BTreeMap::new())),
            closed: Notify::new(),
        }
    }

    /// Registers a new connection, closing the oldest when the cap is reached.
    fn open(&self) -> (u64, Handle) {
        let over = {
            let open = self.open.lock().expect("connections lock");
            open.1.len() >= self.cap
        };
        if over {
            self.evict_oldest();
        }
        let mut open = self.open.lock().expect("connections lock");
        let id = open.0;
        open.0 += 1;
        let handle = Handle {
            stream: Arc::new(AtomicBool::new(false)),
            evicted: Arc::new(Notify::new()),
        };
        open.1.insert(
            id,
            Handle {
                stream: handle.stream.clone(),
                evicted: handle.evicted.clone(),
            },
        );
        (id, handle)
    }

    fn close(&self, id: u64) {
        self.open.lock().expect("connections lock").1.remove(&id);
        self.closed.notify_waiters();
    }

    /// Closes the oldest connection and waits (briefly) until its descriptor is free,
    /// so that one connection makes room for exactly one.
    async fn make_room(&self) {
        let closed = self.closed.notified();
        tokio::pin!(closed);
        closed.as_mut().enable();
        if self.evict_oldest() {
            let _ = tokio::time::timeout(Duration::from_millis(100), closed).await;
        } else {
            // Nothing of ours to close: the files are taken elsewhere in the process.
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Closes the oldest connection that is not a reload stream, or else the oldest
    /// stream (its page reconnects by itself).
    fn evict_oldest(&self) -> bool {
        let mut open = self.open.lock().expect("connections lock");
        let victim = open
            .1
            .iter()
            .find(|(_, handle)| !handle.stream.load(Ordering::Relaxed))
            .or_else(|| open.1.iter().next())
            .map(|(&id, _)| id);
        match victim.and_then(|id| open.1.remove(&id)) {
            Some(handle) => {
                handle.evicted.notify_one();
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_page_connection_goes_first_and_streams_last() {
        let connections = Connections::new(3);
        let (_, stream) = connections.open();
        stream.stream.store(true, Ordering::Relaxed);
        let (_, page) = connections.open();
        let (_, newer) = connections.open();
        let (_, newest) = connections.open();
        assert_eq!(connections.open.lock().unwrap().1.len(), 3);
        let fired = |handle: &Handle| {
            let waiting = handle.evicted.notified();
            tokio::pin!(waiting);
            waiting.as_mut().enable()
        };
        assert!(fired(&page), "the oldest page connection made room");
        assert!(!fired(&stream) && !fired(&newer) && !fired(&newest));
        connections.evict_oldest();
        connections.evict_oldest();
        assert!(fired(&newer) && fired(&newest));
        connections.evict_oldest();
        assert!(fired(&stream), "a stream goes when nothing else is left");
    }
}
