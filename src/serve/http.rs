//! The HTTP side of `brief serve`: maps a request path to a page of the site in
//! memory, renders it on first request in a generation, and answers with the right
//! `Content-Type` and the live-reload script in HTML.
//!
//! Only files of the built site exist here: pages come from the `Site`, static files
//! from the theme's assets in memory, and a bundle's file from the file the `Site`
//! names for its route (never a path made of the request). A path
//! that could climb out (`..`, `%2e%2e`, encoded slashes, backslashes, NUL) is refused
//! with 400 before any lookup.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::guard::{self, Hosts};
use super::live;
use super::page;
use super::snapshot::Reply;
use super::state::Preview;

/// The server's routes: the reload events, and everything else from the site; none of
/// them for a request that names another host (`guard`).
pub fn router(preview: Arc<Preview>, hosts: Hosts) -> Router {
    Router::new()
        .route(page::EVENTS_PATH, get(live::events))
        .fallback(respond)
        .layer(middleware::from_fn_with_state(
            Arc::new(hosts),
            guard::check_host,
        ))
        .with_state(preview)
}

async fn respond(State(preview): State<Arc<Preview>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let Some(path) = site_path(uri.path()) else {
        return text(StatusCode::BAD_REQUEST, "bad request path\n");
    };
    let snapshot = preview.snapshot();
    if let Some(reply) = snapshot.cached(&path) {
        return reply.into_response();
    }
    // Rendering takes a millisecond or so of CPU: keep it off the threads that accept.
    match tokio::task::spawn_blocking(move || snapshot.reply(&path)).await {
        Ok(reply) => reply.into_response(),
        Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, "rendering failed\n"),
    }
}

fn text(status: StatusCode, body: &'static str) -> Response {
    Reply::text(status, body).into_response()
}

/// The site path a request names, percent-decoded; None for a path that could name
/// anything outside the site: `.` or `..` segments (encoded or not), encoded `/` or
/// `\`, a backslash, NUL, empty segments (`//etc`), bad escapes or non-UTF-8.
pub fn site_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') {
        return None;
    }
    let raw = raw.as_bytes();
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let byte = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            if matches!(byte, b'/' | b'\\' | 0) {
                return None;
            }
            bytes.push(byte);
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    if path.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if *segment == "." || *segment == ".." || (segment.is_empty() && i != last) {
            return None;
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_climb_out_of_the_site_are_refused() {
        for raw in [
            "/../site.toml",
            "/..",
            "/a/../../etc/passwd",
            "/%2e%2e/site.toml",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/.%2e/site.toml",
            "/..%2fsite.toml",
            "/%2fetc%2fpasswd",
            "/..%5csite.toml",
            "/a\\..\\b",
            "//etc/passwd",
            "/a//b",
            "/%00",
            "/%zz",
            "/%2",
            "/%ff%fe",
            "/./index.html",
            "etc/passwd",
        ] {
            assert_eq!(site_path(raw), None, "{raw}");
        }
    }

    #[test]
    fn ordinary_paths_are_decoded() {
        assert_eq!(site_path("/").as_deref(), Some("/"));
        assert_eq!(
            site_path("/2026/10/rally/").as_deref(),
            Some("/2026/10/rally/")
        );
        assert_eq!(
            site_path("/fonts/My%20Font.woff2").as_deref(),
            Some("/fonts/My Font.woff2")
        );
        assert_eq!(site_path("/a..b/").as_deref(), Some("/a..b/"));
    }
}
