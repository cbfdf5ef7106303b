//! The label set, defined once in a data file (`static/labels.json`) so a team can adopt
//! another set without touching code. The file is compiled in as the default.

use serde::{Deserialize, Serialize};

pub const DEFAULT_LABELS_JSON: &str = include_str!("../../static/labels.json");

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSet {
    pub labels: Vec<LabelDef>,
}

/// Keys the label set may not take: they belong to navigation and editing (the table in `keys.rs`).
/// Keys the key table (`keys.rs`) uses for other commands; a test there keeps this list whole.
pub const RESERVED_KEYS: &[&str] =
    &["0", "j", "k", "u", "?", "[", "]", "n", "x", "e", "/", " ", "g", "G", "s", "J", "U", "N", "#", "f"];

impl LabelSet {
    pub fn default_set() -> LabelSet {
        // The default file is part of the build and covered by a test: it always parses.
        LabelSet::parse(DEFAULT_LABELS_JSON).unwrap_or(LabelSet { labels: Vec::new() })
    }

    /// Parses and checks a label file: names unique and plain, keys single and unreserved.
    pub fn parse(json: &str) -> Result<LabelSet, String> {
        let set: LabelSet = serde_json::from_str(json).map_err(|e| format!("label file is not valid: {e}"))?;
        if set.labels.is_empty() {
            return Err("label file defines no labels".into());
        }
        let mut seen_names = Vec::new();
        let mut seen_keys = Vec::new();
        for l in &set.labels {
            let ok_name = !l.name.is_empty()
                && l.name.len() <= 40
                && l.name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if !ok_name {
                return Err(format!("label name {:?} must be 1-40 letters, digits, '-' or '_'", l.name));
            }
            if seen_names.contains(&l.name) {
                return Err(format!("label {:?} is defined twice", l.name));
            }
            seen_names.push(l.name.clone());
            for k in std::iter::once(&l.key).chain(l.alt_key.iter()) {
                if k.chars().count() != 1 || RESERVED_KEYS.contains(&k.as_str()) {
                    return Err(format!("label {:?}: key {:?} is not a free single key", l.name, k));
                }
                if seen_keys.contains(k) {
                    return Err(format!("key {k:?} is used by two labels"));
                }
                seen_keys.push(k.clone());
            }
        }
        Ok(set)
    }

    pub fn names(&self) -> Vec<String> {
        self.labels.iter().map(|l| l.name.clone()).collect()
    }

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
    pub fn count(&self, anns: &crate::core::annotations::DocAnnotations) -> Vec<usize> {
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
        assert!(LabelSet::parse("{").unwrap_err().contains("not valid"));
        assert!(LabelSet::parse(r#"{"labels":[]}"#).is_err());
        let dup = r##"{"labels":[{"name":"a","key":"1","color":"#000","description":""},
                                  {"name":"a","key":"2","color":"#000","description":""}]}"##;
        assert!(LabelSet::parse(dup).unwrap_err().contains("twice"));
        let reserved = r##"{"labels":[{"name":"a","key":"j","color":"#000","description":""}]}"##;
        assert!(LabelSet::parse(reserved).is_err());
        let html = r##"{"labels":[{"name":"<b>","key":"1","color":"#000","description":""}]}"##;
        assert!(LabelSet::parse(html).is_err());
    }
}
