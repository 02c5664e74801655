//! The companies, ecosystems and moves' companies of every article, stored end to end
//! in one list per kind for the whole site, each article holding where its own run
//! starts and how long it is. A site decided again by moving articles (`update`) then
//! copies each kept article's links as a few numbers and the lists as one block,
//! instead of allocating three small lists per article at 10,000 articles.
//!
//! `update` adds the runs of the articles it places anew at the end and leaves their
//! old runs unused: a few ids per edit, dropped when the site is decided anew.

use std::fmt;
use std::marker::PhantomData;

/// Every run of one kind of id, end to end.
#[derive(Clone)]
pub struct Runs<T> {
    items: Vec<T>,
}

/// Where one article's ids are in its site's `Runs`.
pub struct Run<T> {
    start: u32,
    len: u32,
    of: PhantomData<T>,
}

impl<T> Clone for Run<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Run<T> {}

impl<T> Default for Run<T> {
    fn default() -> Self {
        Run {
            start: 0,
            len: 0,
            of: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Run<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}+{}", self.start, self.len)
    }
}

impl<T> Default for Runs<T> {
    fn default() -> Self {
        Runs { items: Vec::new() }
    }
}

impl<T: fmt::Debug> fmt::Debug for Runs<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ids", self.items.len())
    }
}

impl<T: Copy> Runs<T> {
    /// Stores `ids` as a new run.
    pub fn add(&mut self, ids: &[T]) -> Run<T> {
        let run = Run {
            start: u32::try_from(self.items.len()).expect("fewer than 2^32 links"),
            len: u32::try_from(ids.len()).expect("fewer than 2^32 links"),
            of: PhantomData,
        };
        self.items.extend_from_slice(ids);
        run
    }

    pub fn get(&self, run: Run<T>) -> &[T] {
        let start = run.start as usize;
        &self.items[start..start + run.len as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_run_gives_back_its_own_ids_in_order() {
        let mut runs: Runs<u8> = Runs::default();
        let first = runs.add(&[3, 1]);
        let empty = runs.add(&[]);
        let second = runs.add(&[7]);
        assert_eq!(runs.get(first), [3, 1]);
        assert_eq!(runs.get(empty), [] as [u8; 0]);
        assert_eq!(runs.get(second), [7]);
        assert_eq!(runs.get(Run::default()), [] as [u8; 0]);
    }
}
