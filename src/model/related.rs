//! Related briefings: those sharing the most companies with an article, newest first.
//!
//! Candidates come from a window of briefings around the article in each of its
//! companies' lists, so the work per article is bounded and the whole pass stays
//! linear at 100,000 briefings; in smaller lists the window covers everything.

use std::fmt;
use std::ops::Deref;

use crate::keys::ArticleId;

/// How many briefings on each side of an article, in each company's list, are looked at.
pub const WINDOW: usize = 32;

/// At most this many related briefings per article.
pub const LIMIT: usize = 5;

/// An article's related briefings, held in place: a site decided again by moving
/// articles copies them with the rest of its links, without a list of their own.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Related {
    ids: [ArticleId; LIMIT],
    len: u8,
}

impl Default for Related {
    fn default() -> Self {
        Related {
            ids: [ArticleId(0); LIMIT],
            len: 0,
        }
    }
}

impl Related {
    /// The same briefings under new ids (`renumber` gives None for one gone).
    pub fn renumbered(&self, renumber: impl Fn(ArticleId) -> Option<ArticleId>) -> Related {
        self.iter().filter_map(|&id| renumber(id)).collect()
    }
}

impl Deref for Related {
    type Target = [ArticleId];

    fn deref(&self) -> &[ArticleId] {
        &self.ids[..usize::from(self.len)]
    }
}

impl fmt::Debug for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The first `LIMIT` of them.
impl FromIterator<ArticleId> for Related {
    fn from_iter<I: IntoIterator<Item = ArticleId>>(ids: I) -> Self {
        let mut related = Related::default();
        for id in ids.into_iter().take(LIMIT) {
            related.ids[usize::from(related.len)] = id;
            related.len += 1;
        }
        related
    }
}

/// Related briefings of `article`, given its position in each of its companies'
/// briefing lists (newest first, so a smaller id is newer).
pub fn related(article: ArticleId, lists: &[(&[ArticleId], usize)]) -> Related {
    let mut candidates: Vec<ArticleId> = Vec::new();
    for (list, position) in lists {
        let start = position.saturating_sub(WINDOW);
        let end = (position + WINDOW + 1).min(list.len());
        candidates.extend(list[start..end].iter().filter(|&&c| c != article));
    }
    candidates.sort_unstable();
    let mut shared: Vec<(ArticleId, usize)> = Vec::new();
    for candidate in candidates {
        match shared.last_mut() {
            Some((id, count)) if *id == candidate => *count += 1,
            _ => shared.push((candidate, 1)),
        }
    }
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // Not collected from `shared`: that would keep its buffer, sized for every
    // candidate, beside each article for the whole build (a third of the model's memory
    // at 10,000 briefings).
    shared.iter().take(LIMIT).map(|&(id, _)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(raw: &[usize]) -> Vec<ArticleId> {
        raw.iter().map(|&i| ArticleId(i)).collect()
    }

    #[test]
    fn most_shared_companies_first_then_newest() {
        let smic = ids(&[0, 1, 2, 3]);
        let hua_hong = ids(&[1, 3, 4]);
        let related = related(ArticleId(3), &[(&smic, 3), (&hua_hong, 1)]);
        assert_eq!(*related, ids(&[1, 0, 2, 4]));
    }

    #[test]
    fn at_most_five_and_never_itself() {
        let list = ids(&[0, 1, 2, 3, 4, 5, 6, 7]);
        let related = related(ArticleId(0), &[(&list, 0)]);
        assert_eq!(*related, ids(&[1, 2, 3, 4, 5]));
    }
}
