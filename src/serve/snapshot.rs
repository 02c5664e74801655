//! One generation of the site as `brief serve` answers it: the site built, the error
//! shown over it if the last change failed, and the replies rendered so far, kept
//! until the next change. Rendering happens here, on first request; a new generation
//! starts with an empty cache, so no page rendered before a change is served after it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::console::Console;
use super::decided::Built;
use super::page::{self, Served};
use super::problem::Problem;
use crate::model::Route;
use crate::render::Pass;
use crate::render::search::{self, SearchIndex};

/// One generation of the site, as served.
pub struct Snapshot {
    /// Counts rebuilds; a page knows the generation it was rendered in.
    pub generation: u64,
    /// This server's id, so a page can tell it was served by one that has restarted.
    pub instance: Arc<str>,
    /// The site served: the new one, or the last good one when `problem` is set.
    pub built: Option<Built>,
    /// Why the last change did not build, shown over every page.
    pub problem: Option<Arc<Problem>>,
    /// How long the rebuild that made this generation took.
    pub rebuild_time: std::time::Duration,
    /// Responses rendered in this generation, by site path; a new generation starts empty.
    pub pages: Mutex<HashMap<String, Reply>>,
    /// The search index of this generation's site, made when a file of it is first
    /// asked for (the script asks for several), so an edit makes it anew.
    pub search: OnceLock<Arc<SearchIndex>>,
    pub console: Console,
}

/// A response, kept in a generation's page cache.
#[derive(Clone)]
pub struct Reply {
    status: StatusCode,
    content_type: &'static str,
    body: Bytes,
    /// For redirects.
    location: Option<String>,
}

impl Reply {
    /// A short plain-text answer: an error of the request, not of the site.
    pub fn text(status: StatusCode, body: &'static str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Bytes::from_static(body.as_bytes()),
            location: None,
        }
    }
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

impl Snapshot {
    /// Which server and generation this is, for the script in its pages.
    pub fn served(&self) -> Served<'_> {
        Served {
            instance: &self.instance,
            generation: self.generation,
        }
    }

    /// `html` with the live-reload script, and the error over it if there is one.
    fn inject(&self, html: &[u8]) -> Vec<u8> {
        page::inject(html, self.served(), self.problem.as_deref())
    }

    /// Keeps a page rendered during the rebuild, so the first request after the
    /// reload does not render it again.
    pub fn keep_rendered(&self, index: usize, bytes: Vec<u8>) {
        let Some(built) = &self.built else { return };
        let route = &built.site.routes[index];
        let reply = route_reply(self, route, bytes);
        self.pages
            .lock()
            .expect("page cache lock")
            .insert(route.url.to_string(), reply);
    }

    pub fn cached(&self, path: &str) -> Option<Reply> {
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
    pub fn reply(&self, path: &str) -> Reply {
        let Some(built) = &self.built else {
            return self.problem_page(StatusCode::SERVICE_UNAVAILABLE, None);
        };
        let route = built.route(path).or_else(|| {
            let folder = path.strip_suffix("index.html")?;
            built.route(folder)
        });
        if let Some(index) = route {
            return self.render(index, path);
        }
        // Read when asked for: a static file removed since the theme was read is not
        // found, as it will not be once the watcher reports it.
        if let Some(Ok(bytes)) = built
            .theme
            .assets
            .get(Path::new(&path[1..]))
            .map(|asset| asset.bytes())
        {
            let content_type = content_type(path);
            let body = if content_type.starts_with("text/html") {
                self.inject(&bytes)
            } else {
                bytes.into_owned()
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
        if !path.ends_with('/') && built.route(&folder).is_some() {
            return Reply {
                status: StatusCode::PERMANENT_REDIRECT,
                content_type: "text/plain; charset=utf-8",
                body: Bytes::new(),
                location: Some(folder),
            };
        }
        let mut not_found = match built.route("/404.html") {
            Some(index) => self.render(index, "/404.html"),
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
        if let Some(source) = built.site.copied_from(route.page) {
            // A bundle's file, read as the build copies it; a new generation (any change
            // to it) reads it again.
            return match std::fs::read(&source) {
                Ok(bytes) => self.keep(&route.url, route_reply(self, route, bytes)),
                Err(_) => self.problem_page(StatusCode::NOT_FOUND, None),
            };
        }
        let rendered = if search::uses_index(route.page) {
            let index = self
                .search
                .get_or_init(|| Arc::new(search::index(&built.site)));
            let pass = Pass::with_search(&built.site, index.clone());
            built.renderer.render_in(&pass, route)
        } else {
            built.renderer.render(&built.site, route)
        };
        let reply = match rendered {
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
        if path != &*route.url {
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
            body: page::inject(page, self.served(), problem.as_ref()).into(),
            location: None,
        }
    }
}

/// The reply for a rendered route, as the table of page kinds says: HTML gets the
/// live-reload script (and the error, if any); feeds, the sitemap and robots.txt go as
/// they are.
pub fn route_reply(snapshot: &Snapshot, route: &Route, bytes: Vec<u8>) -> Reply {
    let body = if route.page.live_reload() {
        snapshot.inject(&bytes)
    } else {
        bytes
    };
    Reply {
        status: StatusCode::OK,
        content_type: route.page.media_type().content_type_of(&route.url),
        body: body.into(),
        location: None,
    }
}

/// The `Content-Type` of a static file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    crate::model::file_content_type(path)
}

#[cfg(test)]
mod tests {
    use super::*;

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
