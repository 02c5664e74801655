//! `cached_component`: a template function that renders a Tera component once for each
//! distinct set of arguments and reuses the HTML, as Hugo's `partialCached` does.
//!
//! A briefing's card appears on the home page, on every company and ecosystem page it
//! names and beside related briefings: five to ten times per briefing. Rendering the
//! card once and pasting it everywhere else took a quarter of the instructions off a
//! 3,000-briefing build. Caching by arguments is sound because Tera 2 components see
//! nothing but their arguments; the cache key is the arguments themselves (see
//! `Arguments`), so two cards share HTML only when they were given the same values.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use tera::{Context, Function, Kwargs, State, Tera, TeraResult, Value};

/// The template function's name, as theme templates call it.
pub const NAME: &str = "cached_component";

/// The HTML rendered so far in one rendering pass. It lives as long as the pass (a
/// whole build, or one page that `serve` answers), so nothing outlives the site it was
/// rendered from and a long `serve` session does not pile up old cards.
#[derive(Default)]
pub struct Cache(Mutex<HashMap<Arguments, Value>>);

thread_local! {
    /// The cache of the pass rendering on this thread. Tera calls template functions
    /// with nothing of the caller's, so the pass is found here; rendering one page
    /// happens on one thread, start to end.
    static CURRENT: RefCell<Option<Arc<Cache>>> = const { RefCell::new(None) };
}

/// Runs `render` with `cache` as the one `cached_component` uses on this thread.
pub fn with_cache<R>(cache: &Arc<Cache>, render: impl FnOnce() -> R) -> R {
    let previous = CURRENT.with(|current| current.replace(Some(cache.clone())));
    let result = render();
    CURRENT.with(|current| *current.borrow_mut() = previous);
    result
}

/// The function, registered in the renderer's Tera. It holds the Tera it is registered
/// in weakly (set once that Tera is shared), so the two do not keep each other alive.
#[derive(Clone, Default)]
pub struct CachedComponent {
    tera: Arc<OnceLock<Weak<Tera>>>,
}

impl CachedComponent {
    /// Called once the Tera that holds this function is shared.
    pub fn attach(&self, tera: &Arc<Tera>) {
        let _ = self.tera.set(Arc::downgrade(tera));
    }
}

impl Function<TeraResult<Value>> for CachedComponent {
    fn call(&self, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
        let arguments = Arguments::new(&kwargs)?;
        let cache = CURRENT.with(|current| current.borrow().clone());
        if let Some(cache) = &cache
            && let Some(html) = cache.0.lock().expect("no panics hold it").get(&arguments)
        {
            return Ok(html.clone());
        }
        let tera = self
            .tera
            .get()
            .and_then(Weak::upgrade)
            .ok_or_else(|| tera::Error::message("cached_component used outside brief"))?;
        let mut context = Context::new();
        for (key, value) in &arguments.values {
            context.insert_value(key.clone(), value.clone());
        }
        let html = Value::safe_string(&tera.render_component(
            &arguments.component,
            &context,
            None,
            true,
        )?);
        // Outside a pass (a template rendered on its own), nothing is kept.
        if let Some(cache) = cache {
            cache
                .0
                .lock()
                .expect("no panics hold it")
                .insert(arguments, html.clone());
        }
        Ok(html)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A component's name and arguments, sorted by name, hashed once.
///
/// Maps and lists are compared by identity, not content: a briefing's card data is
/// built once per build and handed to every page that lists it, so the same briefing
/// is the same value, and comparing by address keeps a lookup far cheaper than the
/// render it saves. The entry holds its arguments, so an address stays taken (and
/// means the same value) for as long as it is a key. Text and numbers compare by value.
struct Arguments {
    hash: u64,
    component: String,
    values: Vec<(String, Value)>,
}

impl Arguments {
    fn new(kwargs: &Kwargs) -> TeraResult<Arguments> {
        let component: String = kwargs.must_get::<&str>("name")?.to_string();
        let mut values: Vec<(String, Value)> = kwargs
            .iter()
            .filter_map(|(key, value)| {
                let key = key.as_str()?;
                (key != "name").then(|| (key.to_string(), value.clone()))
            })
            .collect();
        values.sort_by(|a, b| a.0.cmp(&b.0));
        let mut hasher = DefaultHasher::new();
        component.hash(&mut hasher);
        for (key, value) in &values {
            key.hash(&mut hasher);
            hash_identity(value, &mut hasher);
        }
        Ok(Arguments {
            hash: hasher.finish(),
            component,
            values,
        })
    }
}

impl Hash for Arguments {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for Arguments {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash
            && self.component == other.component
            && self.values.len() == other.values.len()
            && self
                .values
                .iter()
                .zip(&other.values)
                .all(|((k1, v1), (k2, v2))| k1 == k2 && same(v1, v2))
    }
}

impl Eq for Arguments {}

/// Where a map's or a list's contents live; None for any other value.
fn address(value: &Value) -> Option<(usize, usize)> {
    if let Some(map) = value.as_map() {
        Some((map as *const _ as usize, map.len()))
    } else {
        value
            .as_array()
            .map(|items| (items.as_ptr() as usize, items.len()))
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (address(a), address(b)) {
        (None, None) => a == b,
        (at_a, at_b) => at_a == at_b,
    }
}

/// Hashes what `same` compares: the address of a map or list, else the value.
fn hash_identity(value: &Value, hasher: &mut impl Hasher) {
    if let Some(address) = address(value) {
        hasher.write_u8(b'@');
        address.hash(hasher);
    } else if let Some(text) = value.as_str() {
        hasher.write_u8(b's');
        text.hash(hasher);
    } else if let Some(number) = value.as_f64() {
        // Integers and floats that are `==` share a value as f64; so do 0.0 and -0.0,
        // and every NaN.
        hasher.write_u8(b'n');
        let number = if number == 0.0 || number.is_nan() {
            0.0
        } else {
            number
        };
        hasher.write_u64(number.to_bits());
    } else {
        // Booleans, none, undefined and bytes print as themselves.
        value.to_string().hash(hasher);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renderer(counter_template: &str) -> (Arc<Tera>, Arc<Cache>) {
        let function = CachedComponent::default();
        let mut tera = Tera::new();
        tera.register_function(NAME, function.clone());
        tera.add_raw_templates([
            ("components.html", counter_template),
            (
                "page.html",
                "{% for b in items %}{{ cached_component(name=\"card\", item=b, level=2) }}{% endfor %}",
            ),
        ])
        .unwrap();
        let tera = Arc::new(tera);
        function.attach(&tera);
        (tera, Arc::new(Cache::default()))
    }

    fn render(tera: &Tera, cache: &Arc<Cache>, items: Value) -> String {
        let mut context = Context::new();
        context.insert_value("items", items);
        with_cache(cache, || tera.render("page.html", &context).unwrap())
    }

    #[test]
    fn renders_like_the_component_and_keeps_html_unescaped() {
        let (tera, cache) = renderer(
            "{% component card(item: map, level: integer) %}<h{{ level }}>{{ item.title }}</h{{ level }}>{% endcomponent card %}",
        );
        let item = |title: &str| {
            let mut map = std::collections::BTreeMap::new();
            map.insert("title", Value::from(title));
            Value::from(map)
        };
        let first = item("A & B");
        let html = render(
            &tera,
            &cache,
            Value::from(vec![first.clone(), item("C"), first]),
        );
        assert_eq!(html, "<h2>A &amp; B</h2><h2>C</h2><h2>A &amp; B</h2>");
        assert_eq!(cache.0.lock().unwrap().len(), 2, "the repeat is cached");
    }

    #[test]
    fn outside_a_pass_it_renders_without_keeping_anything() {
        let (tera, cache) = renderer(
            "{% component card(item: map, level: integer) %}{{ item.title }}{% endcomponent card %}",
        );
        let mut map = std::collections::BTreeMap::new();
        map.insert("title", Value::from("T"));
        let mut context = Context::new();
        context.insert_value("items", Value::from(vec![Value::from(map)]));
        assert_eq!(tera.render("page.html", &context).unwrap(), "T");
        assert!(cache.0.lock().unwrap().is_empty());
    }

    #[test]
    fn the_same_value_is_rendered_once_and_a_different_one_anew() {
        let (tera, cache) = renderer(
            "{% component card(item: map, level: integer) %}{{ item.title }}/{{ item.tags | join(sep=\",\") }}{% endcomponent card %}",
        );
        let item = |tags: &[&str]| {
            let mut map = std::collections::BTreeMap::new();
            map.insert("title", Value::from("T"));
            map.insert(
                "tags",
                Value::from(tags.iter().map(|t| Value::from(*t)).collect::<Vec<_>>()),
            );
            Value::from(map)
        };
        let shared = item(&["x"]);
        let html = render(
            &tera,
            &cache,
            Value::from(vec![shared.clone(), item(&["x", "y"]), shared]),
        );
        assert_eq!(html, "T/xT/x,yT/x");
        assert_eq!(cache.0.lock().unwrap().len(), 2);
    }

    #[test]
    fn numbers_that_are_equal_hash_alike() {
        let hash = |value: Value| {
            let mut hasher = DefaultHasher::new();
            hash_identity(&value, &mut hasher);
            hasher.finish()
        };
        assert_eq!(hash(Value::from(2u64)), hash(Value::from(2i64)));
        assert_eq!(hash(Value::from(2u64)), hash(Value::from(2.0)));
        assert!(same(&Value::from(2u64), &Value::from(2.0)));
    }
}
