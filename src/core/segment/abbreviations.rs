//! Compact word lists for the segmenter. Every list is sorted (bytewise, lowercase ASCII)
//! and searched with `binary_search`: a few hundred bytes of data, no tables.

/// How an abbreviation behaves before the next word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Title before a name (Mr., Gen., Sen.): never ends a sentence before a capital or digit.
    Title,
    /// Title that is also a street suffix (St., Dr.): ends a sentence only before a
    /// typical sentence starter ("on Main St. The house ...").
    Dual,
    /// General abbreviation (Co., Inc., Jr., etc., state names): ends a sentence only
    /// before a typical sentence starter; never before a digit.
    Abbr,
    /// Abbreviation that only binds to a following number (No. 2, p. 55, Dec. 17, Vol. 3);
    /// before anything else it is an ordinary word.
    Num,
    /// Abbreviation that is also an English word (Sun., Wash., Ill.): an abbreviation when
    /// capitalised ([`Kind::Abbr`]), an ordinary word when lower case ([`Kind::Num`]).
    Word,
}

use Kind::*;

/// Known abbreviations (lowercase, without the period), sorted.
const ABBREVIATIONS: &[(&str, Kind)] = &[
    ("adm", Title),
    ("al", Abbr),
    ("amb", Title),
    ("approx", Abbr),
    ("apr", Num),
    ("ariz", Abbr),
    ("ark", Abbr),
    ("art", Num),
    ("assn", Abbr),
    ("assoc", Abbr),
    ("atty", Title),
    ("aug", Num),
    ("ave", Abbr),
    ("bldg", Abbr),
    ("blvd", Abbr),
    ("brig", Title),
    ("bros", Abbr),
    ("calif", Abbr),
    ("capt", Title),
    ("cf", Title),
    ("ch", Num),
    ("cmdr", Title),
    ("co", Abbr),
    ("col", Title),
    ("colo", Abbr),
    ("conn", Abbr),
    ("corp", Abbr),
    ("cpl", Title),
    ("ct", Word),
    ("dec", Num),
    ("del", Abbr),
    ("dept", Abbr),
    ("det", Title),
    ("dist", Abbr),
    ("div", Abbr),
    ("dr", Dual),
    ("ed", Word),
    ("esp", Abbr),
    ("est", Word),
    ("etc", Abbr),
    ("feb", Num),
    ("fig", Num),
    ("figs", Num),
    ("fla", Abbr),
    ("fr", Title),
    ("fri", Abbr),
    ("ft", Abbr),
    ("ga", Abbr),
    ("gen", Title),
    ("gov", Title),
    ("govt", Abbr),
    ("hon", Title),
    ("hwy", Abbr),
    ("ill", Word),
    ("inc", Abbr),
    ("incl", Abbr),
    ("ind", Abbr),
    ("insp", Title),
    ("intl", Abbr),
    ("jan", Num),
    ("jr", Abbr),
    ("jul", Num),
    ("jun", Num),
    ("kan", Abbr),
    ("kans", Abbr),
    ("ky", Abbr),
    ("lt", Title),
    ("ltd", Abbr),
    ("maj", Title),
    ("mar", Num),
    ("mass", Word),
    ("may", Num),
    ("md", Abbr),
    ("messrs", Title),
    ("mfg", Abbr),
    ("mich", Abbr),
    ("minn", Abbr),
    ("miss", Word),
    ("mlle", Title),
    ("mme", Title),
    ("mmes", Title),
    ("mo", Word),
    ("mon", Abbr),
    ("mont", Abbr),
    ("mr", Title),
    ("mrs", Title),
    ("ms", Title),
    ("msgr", Title),
    ("mt", Title),
    ("neb", Abbr),
    ("nev", Abbr),
    ("no", Num),
    ("nos", Num),
    ("nov", Num),
    ("nr", Num),
    ("oct", Num),
    ("okla", Abbr),
    ("op", Num),
    ("ore", Word),
    ("pa", Word),
    ("para", Num),
    ("pp", Num),
    ("pres", Title),
    ("prof", Title),
    ("pt", Num),
    ("pvt", Title),
    ("rd", Abbr),
    ("rep", Title),
    ("reps", Title),
    ("rev", Title),
    ("sat", Word),
    ("sec", Num),
    ("sen", Title),
    ("sens", Title),
    ("sep", Num),
    ("sept", Num),
    ("sgt", Title),
    ("sr", Abbr),
    ("st", Dual),
    ("ste", Abbr),
    ("sun", Word),
    ("supt", Title),
    ("tenn", Abbr),
    ("tex", Abbr),
    ("thu", Abbr),
    ("thur", Abbr),
    ("thurs", Abbr),
    ("tue", Abbr),
    ("tues", Abbr),
    ("univ", Abbr),
    ("va", Abbr),
    ("vol", Num),
    ("vols", Num),
    ("vs", Title),
    ("wash", Word),
    ("wed", Word),
    ("wis", Abbr),
    ("wyo", Abbr),
];

/// Multi-period abbreviations that never end a sentence (e.g. The ..., i.e. ...).
const NEVER_FINAL_DOTTED: &[&str] = &["cf", "e.g", "i.e", "viz"];

/// Words that typically open a sentence (lowercase), sorted. After an ambiguous
/// abbreviation ("U.S.", "Co.", "a.m.", an initial) a capitalised word from this list
/// means a new sentence: "I live in the U.S. How about you?" vs "the U.S. Government".
const STARTERS: &[&str] = &[
    "a",
    "according",
    "after",
    "again",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "every",
    "finally",
    "for",
    "from",
    "further",
    "furthermore",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "is",
    "it",
    "its",
    "last",
    "later",
    "let",
    "many",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "much",
    "my",
    "neither",
    "nevertheless",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "officials",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "perhaps",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "under",
    "unlike",
    "until",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "would",
    "yesterday",
    "yet",
    "you",
    "your",
];

/// Looks up a lowercase ASCII word (no period).
pub fn lookup(lower: &[u8]) -> Option<Kind> {
    ABBREVIATIONS.binary_search_by(|(w, _)| w.as_bytes().cmp(lower)).ok().map(|i| ABBREVIATIONS[i].1)
}

pub fn is_starter(lower: &[u8]) -> bool {
    STARTERS.binary_search_by(|w| w.as_bytes().cmp(lower)).is_ok()
}

pub fn never_final_dotted(lower: &[u8]) -> bool {
    NEVER_FINAL_DOTTED.binary_search_by(|w| w.as_bytes().cmp(lower)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_lowercase() {
        for w in ABBREVIATIONS.windows(2) {
            assert!(w[0].0 < w[1].0, "{} !< {}", w[0].0, w[1].0);
        }
        for l in [STARTERS, NEVER_FINAL_DOTTED] {
            for w in l.windows(2) {
                assert!(w[0] < w[1], "{} !< {}", w[0], w[1]);
            }
        }
        for (w, _) in ABBREVIATIONS {
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()) && w.len() <= 12);
        }
        for w in STARTERS {
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()) && w.len() <= 16);
        }
    }
}
