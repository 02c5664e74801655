//! The HTTP side of `brief serve`: maps a request path to a page of the site in
//! memory, renders it on first request in a generation, and answers with the right
//! `Content-Type` and the live-reload script in HTML.
//!
//! Only files of the built site exist here: pages come from the `Site`, static files
//! from the theme's assets in memory, and the disk is never read on a request. A path
//! that could climb out (`..`, `%2e%2e`, encoded slashes, backslashes, NUL) is refused
//! with 400 before any lookup.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::live;
use super::problem::Problem;
use super::state::{Preview, Snapshot};
use crate::model::{Page, Route};

/// A response, kept in a generation's page cache.
#[derive(Clone)]
pub struct Reply {
    status: StatusCode,
    content_type: &'static str,
    body: Bytes,
    /// For redirects.
    location: Option<String>,
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        // A preview must never show a page from before the last save.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if let Some(location) = self.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            headers.insert(header::LOCATION, location);
        }
        response
    }
}

/// The server's routes: the reload events, and everything else from the site.
pub fn router(preview: Arc<Preview>) -> Router {
    Router::new()
        .route(live::EVENTS_PATH, get(live::events))
        .fallback(respond)
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
    Reply {
        status,
        content_type: "text/plain; charset=utf-8",
        body: Bytes::from_static(body.as_bytes()),
        location: None,
    }
    .into_response()
}

impl Snapshot {
    fn cached(&self, path: &str) -> Option<Reply> {
        self.pages
            .lock()
            .expect("page cache lock")
            .get(path)
            .cloned()
    }

    fn keep(&self, path: &str, reply: Reply) -> Reply {
        self.pages
            .lock()
            .expect("page cache lock")
            .insert(path.to_string(), reply.clone());
        reply
    }

    /// The answer for a site path, rendered and kept for the rest of this generation.
    fn reply(&self, path: &str) -> Reply {
        let Some(built) = &self.built else {
            return self.problem_page(StatusCode::SERVICE_UNAVAILABLE, None);
        };
        let route = built.routes.get(path).copied().or_else(|| {
            let folder = path.strip_suffix("index.html")?;
            built.routes.get(folder).copied()
        });
        if let Some(index) = route {
            return self.render(index, path);
        }
        if let Some(bytes) = built.theme.assets.get(Path::new(&path[1..])) {
            let content_type = content_type(path);
            let body = if content_type.starts_with("text/html") {
                live::inject(bytes, self)
            } else {
                bytes.clone()
            };
            let reply = Reply {
                status: StatusCode::OK,
                content_type,
                body: body.into(),
                location: None,
            };
            return self.keep(path, reply);
        }
        if path == "/favicon.ico" {
            // Browsers ask for it on their own on every page; a site without one would
            // put a 404 in the writer's console on every reload, hiding the errors
            // that matter.
            return Reply {
                status: StatusCode::NO_CONTENT,
                content_type: "image/x-icon",
                body: Bytes::new(),
                location: None,
            };
        }
        let folder = format!("{path}/");
        if !path.ends_with('/') && built.routes.contains_key(&folder) {
            return Reply {
                status: StatusCode::PERMANENT_REDIRECT,
                content_type: "text/plain; charset=utf-8",
                body: Bytes::new(),
                location: Some(folder),
            };
        }
        let mut not_found = match built.routes.get("/404.html") {
            Some(&index) => self.render(index, "/404.html"),
            None => self.problem_page(StatusCode::NOT_FOUND, None),
        };
        if not_found.status == StatusCode::OK {
            not_found.status = StatusCode::NOT_FOUND;
        }
        not_found
    }

    fn render(&self, index: usize, path: &str) -> Reply {
        let built = self.built.as_ref().expect("rendering needs a site");
        let route = &built.site.routes[index];
        if let Some(reply) = self.cached(&route.url) {
            return reply;
        }
        let reply = match built.renderer.render(&built.site, route) {
            Ok(bytes) => route_reply(self, route, bytes),
            Err(error) => {
                // A page whose template fails only on some data: shown like any error,
                // kept for this generation so it is printed once.
                let problem = Problem::new([&error]);
                self.console.problem(&problem.text());
                self.problem_page(StatusCode::INTERNAL_SERVER_ERROR, Some(problem))
            }
        };
        self.keep(&route.url, reply.clone());
        if path != route.url {
            self.keep(path, reply.clone());
        }
        reply
    }

    /// A page with nothing but the error over it, when there is no page to show under it.
    fn problem_page(&self, status: StatusCode, problem: Option<Problem>) -> Reply {
        let page = b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>brief serve</title></head><body></body></html>\n";
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body: live::inject_with(page, self, problem.as_ref()).into(),
            location: None,
        }
    }
}

/// The reply for a rendered route: HTML gets the live-reload script (and the error,
/// if any); feeds, the sitemap and robots.txt go as they are.
pub fn route_reply(snapshot: &Snapshot, route: &Route, bytes: Vec<u8>) -> Reply {
    let (content_type, body) = match route.page {
        Page::Feed(_) => ("application/atom+xml; charset=utf-8", bytes),
        Page::Sitemap => ("application/xml; charset=utf-8", bytes),
        Page::Robots => ("text/plain; charset=utf-8", bytes),
        _ => ("text/html; charset=utf-8", live::inject(&bytes, snapshot)),
    };
    Reply {
        status: StatusCode::OK,
        content_type,
        body: body.into(),
        location: None,
    }
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

/// The `Content-Type` of a static file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
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

    #[test]
    fn static_files_get_their_content_type() {
        assert_eq!(content_type("/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("/app.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("/logo.svg"), "image/svg+xml");
        assert_eq!(content_type("/f.woff2"), "font/woff2");
        assert_eq!(content_type("/data.json"), "application/json");
        assert_eq!(content_type("/x"), "application/octet-stream");
    }
}
