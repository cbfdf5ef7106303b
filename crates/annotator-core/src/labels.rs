//! The label set, defined once in a data file (`static/labels.json`) so a team can adopt
//! another set without touching code. The file is compiled in as the default.

use serde::{Deserialize, Serialize};

pub const DEFAULT_LABELS_JSON: &str = include_str!("../../../static/labels.json");

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDef {
    pub name: String,
    /// The key that toggles the label ("1", "2", "3" in `static/labels.json`).
    pub key: String,
    /// A second key for the same label ("c", "d", "m").
    #[serde(default)]
    pub alt_key: Option<String>,
    /// CSS colour; labels are also always shown as text, never colour alone.
    pub color: String,
    pub description: String,
    #[serde(default)]
    pub example: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSet {
    pub labels: Vec<LabelDef>,
    /// The project's guidelines: plain text, paragraphs separated by blank lines (shown as
    /// text, never markup), edited in the page and exported with the label set.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidelines: String,
}

/// Keys the label set may not take: they belong to navigation and editing (the table in `keys.rs`).
/// Keys the key table (`keys.rs`) uses for other commands; a test there keeps this list whole.
pub const RESERVED_KEYS: &[&str] =
    &["0", "j", "k", "u", "?", "[", "]", "n", "x", "e", "/", " ", "g", "G", "s", "J", "U", "N", "#", "f"];

/// The most labels a set may hold: a sentence's labels travel through the screen as a
/// 64-bit mask ([`LabelMask`]), and 64 keys are more than a keyboard offers anyway.
pub const MAX_LABELS: usize = 64;

/// Why a label file or the editor's set was refused (the page words it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelError {
    /// Not JSON of the label file's shape (the parser's message).
    NotValid(String),
    NoLabels,
    /// More than [`MAX_LABELS`].
    TooMany(usize),
    /// A name that is not 1 to 40 letters, digits, `-` or `_`.
    BadName(String),
    /// A name defined twice.
    Twice(String),
    /// A key that is not one character, or one the key table uses for another command.
    KeyNotFree {
        label: String,
        key: String,
    },
    /// A key two labels share.
    KeyTwice(String),
    BadColour {
        label: String,
        colour: String,
    },
}

/// The labels of a sentence by rank in the label set: bit `r` set, the label of rank `r`.
/// Small and `Copy`, so the screen's rows and label bar compare it cheaply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LabelMask(pub u64);

impl LabelMask {
    /// The mask of `names` by their rank in `order` (the label set's names); `None` when one
    /// of them is not there or ranks past [`MAX_LABELS`].
    pub fn of<'a>(order: impl IntoIterator<Item = &'a str> + Clone, names: &[String]) -> Option<LabelMask> {
        let mut m = 0u64;
        for n in names {
            let r = order.clone().into_iter().position(|x| x == n).filter(|&r| r < MAX_LABELS)?;
            m |= 1 << r;
        }
        Some(LabelMask(m))
    }

    /// Whether the label of rank `rank` is set.
    pub fn has(self, rank: usize) -> bool {
        rank < MAX_LABELS && self.0 & (1 << rank) != 0
    }
}

impl LabelSet {
    pub fn default_set() -> LabelSet {
        // The default file is part of the build and covered by a test: it always parses.
        LabelSet::parse(DEFAULT_LABELS_JSON).unwrap_or_default()
    }

    /// Parses and checks a label file: names unique and plain, keys single and unreserved.
    pub fn parse(json: &str) -> Result<LabelSet, LabelError> {
        let set: LabelSet = serde_json::from_str(json).map_err(|e| LabelError::NotValid(e.to_string()))?;
        set.check()?;
        Ok(set)
    }

    /// The checks of a label set, from a file or the page's editor: one to [`MAX_LABELS`]
    /// labels, names unique and plain, keys single, unreserved (the key table's) and unique,
    /// colours `#rrggbb` or `#rgb`.
    pub fn check(&self) -> Result<(), LabelError> {
        let set = self;
        if set.labels.is_empty() {
            return Err(LabelError::NoLabels);
        }
        if set.labels.len() > MAX_LABELS {
            return Err(LabelError::TooMany(set.labels.len()));
        }
        let mut seen_names = Vec::new();
        let mut seen_keys = Vec::new();
        for l in &set.labels {
            let ok_name = !l.name.is_empty()
                && l.name.len() <= 40
                && l.name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if !ok_name {
                return Err(LabelError::BadName(l.name.clone()));
            }
            if seen_names.contains(&l.name) {
                return Err(LabelError::Twice(l.name.clone()));
            }
            seen_names.push(l.name.clone());
            for k in std::iter::once(&l.key).chain(l.alt_key.iter()) {
                if k.chars().count() != 1 || RESERVED_KEYS.contains(&k.as_str()) {
                    return Err(LabelError::KeyNotFree { label: l.name.clone(), key: k.clone() });
                }
                if seen_keys.contains(k) {
                    return Err(LabelError::KeyTwice(k.clone()));
                }
                seen_keys.push(k.clone());
            }
            let hex = l.color.strip_prefix('#').unwrap_or("");
            if !matches!(hex.len(), 3 | 6) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(LabelError::BadColour { label: l.name.clone(), colour: l.color.clone() });
            }
        }
        Ok(())
    }

    /// The labels of a sentence as a set of ranks; `None` when one of them is not in this set
    /// (a label file changed since), or the set is larger than a mask holds.
    pub fn mask(&self, names: &[String]) -> Option<LabelMask> {
        LabelMask::of(self.labels.iter().map(|l| l.name.as_str()), names)
    }

    pub fn names(&self) -> Vec<String> {
        self.labels.iter().map(|l| l.name.clone()).collect()
    }

    /// The label a key toggles (its key or its other key).
    pub fn by_key(&self, key: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.key == key || l.alt_key.as_deref() == Some(key))
    }

    pub fn get(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// Position of a label in the set: labels of a sentence are kept in this order.
    pub fn rank(&self, name: &str) -> usize {
        self.labels.iter().position(|l| l.name == name).unwrap_or(usize::MAX)
    }

    /// Per label of the set, how many of these annotations carry it.
    pub fn count(&self, anns: &crate::annotations::DocAnnotations) -> Vec<usize> {
        let mut counts = vec![0; self.labels.len()];
        for l in anns.values().flat_map(|a| &a.labels) {
            if let Some(c) = counts.get_mut(self.rank(l)) {
                *c += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_set_is_claim_denial_demand() {
        let set = LabelSet::parse(DEFAULT_LABELS_JSON).unwrap();
        assert_eq!(set.names(), ["claim", "denial", "demand"]);
        assert_eq!(set.by_key("1").unwrap().name, "claim");
        assert_eq!(set.by_key("d").unwrap().name, "denial");
        assert_eq!(set.by_key("m").unwrap().name, "demand");
        assert!(set.by_key("x").is_none());
        assert!(set.labels.iter().all(|l| !l.description.is_empty() && !l.example.is_empty()));
    }

    #[test]
    fn bad_label_files_are_refused_with_a_reason() {
        assert!(matches!(LabelSet::parse("{"), Err(LabelError::NotValid(_))));
        assert_eq!(LabelSet::parse(r#"{"labels":[]}"#), Err(LabelError::NoLabels));
        let dup = r##"{"labels":[{"name":"a","key":"1","color":"#000","description":""},
                                  {"name":"a","key":"2","color":"#000","description":""}]}"##;
        assert_eq!(LabelSet::parse(dup), Err(LabelError::Twice("a".into())));
        let reserved = r##"{"labels":[{"name":"a","key":"j","color":"#000","description":""}]}"##;
        assert_eq!(LabelSet::parse(reserved), Err(LabelError::KeyNotFree { label: "a".into(), key: "j".into() }));
        let html = r##"{"labels":[{"name":"<b>","key":"1","color":"#000","description":""}]}"##;
        assert_eq!(LabelSet::parse(html), Err(LabelError::BadName("<b>".into())));
        let colour = r##"{"labels":[{"name":"a","key":"1","color":"red; x: y","description":""}]}"##;
        assert!(matches!(LabelSet::parse(colour), Err(LabelError::BadColour { .. })));
    }

    /// A set of `n` labels with single-character keys none of the key table takes.
    fn many(n: usize) -> LabelSet {
        let free: Vec<char> = ('\u{100}'..).filter(|c| c.is_alphabetic()).take(n).collect();
        LabelSet {
            labels: (0..n)
                .map(|i| LabelDef {
                    name: format!("l{i}"),
                    key: free[i].to_string(),
                    alt_key: None,
                    color: "#123456".into(),
                    description: String::new(),
                    example: String::new(),
                })
                .collect(),
            guidelines: String::new(),
        }
    }

    #[test]
    fn a_set_holds_at_most_as_many_labels_as_a_mask_has_bits() {
        assert_eq!(many(MAX_LABELS).check(), Ok(()));
        assert_eq!(many(MAX_LABELS + 1).check(), Err(LabelError::TooMany(MAX_LABELS + 1)));
        let set = many(MAX_LABELS);
        let m = set.mask(&["l63".into(), "l0".into()]).unwrap();
        assert!(m.has(0) && m.has(63) && !m.has(1) && !m.has(64));
        assert_eq!(set.mask(&[]), Some(LabelMask(0)));
        assert_eq!(set.mask(&["gone".into()]), None, "a label outside the set has no bit");
    }
}
