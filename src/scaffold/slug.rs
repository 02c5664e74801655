//! The file name of a new briefing, from its title: ASCII, lowercase, hyphenated,
//! short enough for a URL, never empty.

/// The longest slug `brief new` makes, in characters.
pub const MAX_LEN: usize = 80;

/// What a slug is when nothing of the title survives.
const FALLBACK: &str = "briefing";

/// A slug for `title`: transliterated to ASCII ("Größe" → `grosse`, Chinese to pinyin),
/// punctuation dropped, cut at a word boundary to at most 80 characters.
pub fn from_title(title: &str) -> String {
    let slug = cut(&slug::slugify(title));
    if slug.is_empty() {
        FALLBACK.to_string()
    } else {
        slug
    }
}

/// A slug the writer gave with `--slug`, under the same rules; None when nothing is left.
pub fn from_option(given: &str) -> Option<String> {
    Some(cut(&slug::slugify(given))).filter(|s| !s.is_empty())
}

/// At most `MAX_LEN` characters, ending at a whole word when the slug has to be cut.
fn cut(slug: &str) -> String {
    // slugify leaves only ASCII, so byte positions are character positions.
    if slug.len() <= MAX_LEN {
        return slug.to_string();
    }
    let head = &slug[..MAX_LEN];
    let end = if slug.as_bytes()[MAX_LEN] == b'-' {
        MAX_LEN
    } else {
        head.rfind('-').unwrap_or(MAX_LEN)
    };
    slug[..end].trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_is_transliterated_and_punctuation_dropped() {
        assert_eq!(
            from_title("Größe: SMIC's 11% jump!"),
            "grosse-smic-s-11-jump"
        );
    }

    #[test]
    fn chinese_becomes_pinyin() {
        assert_eq!(from_title("中芯国际"), "zhong-xin-guo-ji");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_boundary() {
        let title = "word ".repeat(40);
        let slug = from_title(&title);
        assert!(slug.len() <= MAX_LEN, "{}", slug.len());
        assert!(slug.ends_with("word"), "{slug}");
        let one_word = "a".repeat(200);
        assert_eq!(from_title(&one_word).len(), MAX_LEN);
    }

    #[test]
    fn a_cut_exactly_at_a_hyphen_keeps_the_whole_word_before_it() {
        let title = format!("{} next", "a".repeat(MAX_LEN));
        assert_eq!(from_title(&title), "a".repeat(MAX_LEN));
    }

    #[test]
    fn a_slug_is_never_empty() {
        assert_eq!(from_title("!!! ???"), "briefing");
        assert_eq!(from_title(""), "briefing");
        assert_eq!(from_option("///"), None);
        assert_eq!(from_option("My Slug").as_deref(), Some("my-slug"));
    }
}
