//! A decided site as `serve` holds it: the `Site` with its routes by URL, and how a
//! site is brought up to date when only the text of some articles changed, or when
//! the model moved them (`moved`: the routes by URL are patched, not made again). (What
//! "only the text" means is the model's: `model::placement`.)

use std::sync::Arc;

use super::route_index::RouteIndex;
use crate::content::Article;
use crate::model::Site;
use crate::render::Renderer;
use crate::theme::Theme;

/// A site ready to serve: everything a request needs, shared by every request.
#[derive(Clone)]
pub struct Built {
    pub site: Arc<Site>,
    pub renderer: Arc<Renderer>,
    pub theme: Arc<Theme>,
    /// Site path → index into `site.routes`: ask `route`.
    pub routes: Arc<RouteIndex>,
}

impl Built {
    /// The index into `site.routes` of the route at a site path.
    pub fn route(&self, path: &str) -> Option<usize> {
        self.routes.get(&self.site.routes, path)
    }
}

/// A decided site, with its routes by URL.
#[derive(Clone)]
pub struct Decided {
    site: Arc<Site>,
    routes: Arc<RouteIndex>,
}

impl Decided {
    pub fn new(site: Site) -> Decided {
        let routes = RouteIndex::new(&site.routes);
        Decided {
            site: Arc::new(site),
            routes: Arc::new(routes),
        }
    }

    /// `site`, decided from this one by moving articles (`model::update`): its routes
    /// by URL are these, put right where the routes differ, or the same when the
    /// routes are.
    pub fn moved(&self, site: Site) -> Decided {
        let routes = if Arc::ptr_eq(&self.site.routes, &site.routes) {
            self.routes.clone()
        } else {
            Arc::new(self.routes.moved(&self.site.routes, &site.routes))
        };
        Decided {
            site: Arc::new(site),
            routes,
        }
    }

    /// The same site with some articles' text replaced; their places are unchanged.
    /// Which briefings are due is not asked again: the workspace decides the site anew
    /// instead once a scheduled briefing's time has come.
    pub fn with(&self, replaced: Vec<Arc<Article>>) -> Decided {
        let mut site = Site::clone(&self.site);
        for article in replaced {
            // An article the site leaves out (a hidden draft) has nothing to replace.
            if let Some(id) = self.site.place_of(&article) {
                site.articles[id.0] = article;
            }
        }
        Decided {
            site: Arc::new(site),
            routes: self.routes.clone(),
        }
    }

    /// The same site with the images its articles show now, when they differ.
    pub fn with_images(self, images: crate::images::Images) -> Decided {
        if *self.site.images == images {
            return self;
        }
        let mut site = Site::clone(&self.site);
        site.images = Arc::new(images);
        Decided {
            site: Arc::new(site),
            ..self
        }
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    pub fn built(&self, renderer: &Arc<Renderer>, theme: &Arc<Theme>) -> Built {
        Built {
            site: self.site.clone(),
            routes: self.routes.clone(),
            renderer: renderer.clone(),
            theme: theme.clone(),
        }
    }
}
