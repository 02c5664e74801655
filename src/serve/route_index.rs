//! Serve's routes by site path, for answering a request. Keyed by a hash of the path,
//! so a site decided again copies the index as plain numbers (copying 28,000 shared
//! URLs would touch 28,000 places in memory), and patched where two sites' routes
//! differ instead of made again.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use crate::model::Route;

/// Where each route of one site's list of routes is, by its URL.
#[derive(Clone, Default)]
pub struct RouteIndex {
    /// Hash of a route's URL → the route's index, for every route not in `collided`.
    by_hash: HashMap<u64, usize>,
    /// The routes whose URL has the same hash as another route's, by URL: kept apart so
    /// that no route is lost to a collision, however unlikely.
    collided: HashMap<Arc<str>, usize>,
}

/// The same for a path on every run, so an index can be patched.
fn key(url: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    url.hash(&mut hasher);
    hasher.finish()
}

impl RouteIndex {
    pub fn new(routes: &[Route]) -> RouteIndex {
        let mut index = RouteIndex::default();
        for (at, route) in routes.iter().enumerate() {
            match index.by_hash.entry(key(&route.url)) {
                Entry::Vacant(slot) => {
                    slot.insert(at);
                }
                Entry::Occupied(_) => {
                    index.collided.insert(route.url.clone(), at);
                }
            }
        }
        index
    }

    /// The index in `routes` (the list this index was made for) of the route at `path`.
    pub fn get(&self, routes: &[Route], path: &str) -> Option<usize> {
        match self.by_hash.get(&key(path)) {
            Some(&at) if &*routes[at].url == path => Some(at),
            _ => self.collided.get(path).copied(),
        }
    }

    /// The index of `new`, made from this one of `old`, where the routes the two share
    /// are the same URLs (the same `Arc`s) at the same places: only the places where
    /// they differ are put right.
    pub fn moved(&self, old: &[Route], new: &[Route]) -> RouteIndex {
        if !self.collided.is_empty() {
            return RouteIndex::new(new);
        }
        let differs = |at: usize| match (old.get(at), new.get(at)) {
            (Some(a), Some(b)) => !Arc::ptr_eq(&a.url, &b.url),
            _ => true,
        };
        let changed: Vec<usize> = (0..old.len().max(new.len()))
            .filter(|&at| differs(at))
            .collect();
        let mut index = self.clone();
        for &at in &changed {
            if let Some(route) = old.get(at) {
                let key = key(&route.url);
                if index.by_hash.get(&key) == Some(&at) {
                    index.by_hash.remove(&key);
                }
            }
        }
        for &at in &changed {
            if let Some(route) = new.get(at) {
                match index.by_hash.entry(key(&route.url)) {
                    Entry::Vacant(slot) => {
                        slot.insert(at);
                    }
                    // Another URL with the same hash: made anew, which keeps it apart.
                    Entry::Occupied(_) => return RouteIndex::new(new),
                }
            }
        }
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Page;

    fn routes(urls: &[&Arc<str>]) -> Vec<Route> {
        urls.iter()
            .map(|url| Route {
                url: Arc::clone(url),
                page: Page::NotFound,
            })
            .collect()
    }

    #[test]
    fn a_patched_index_finds_every_route_where_it_is_now_and_no_route_that_went() {
        let [a, b, c, d]: [Arc<str>; 4] = ["/a/", "/b/", "/c/", "/d/"].map(Arc::from);
        let old = routes(&[&a, &b, &c]);
        let index = RouteIndex::new(&old);
        assert_eq!(index.get(&old, "/b/"), Some(1));
        let new = routes(&[&a, &d, &c, &b]);
        let moved = index.moved(&old, &new);
        for (at, url) in ["/a/", "/d/", "/c/", "/b/"].into_iter().enumerate() {
            assert_eq!(moved.get(&new, url), Some(at), "{url}");
        }
        let fewer = routes(&[&c]);
        let moved = moved.moved(&new, &fewer);
        assert_eq!(moved.get(&fewer, "/c/"), Some(0));
        for gone in ["/a/", "/b/", "/d/", "/e/"] {
            assert_eq!(moved.get(&fewer, gone), None, "{gone}");
        }
    }
}
