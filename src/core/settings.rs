//! The person's settings: part of the domain (they change what a key does), stored by the
//! storage layout in its meta record.

use serde::{Deserialize, Serialize};

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Move to the next sentence after tagging.
    #[serde(default = "yes")]
    pub auto_advance: bool,
    /// Allow several labels per sentence.
    #[serde(default)]
    pub multi_label: bool,
    /// Export only sentences with labels, a note or the unsure flag.
    #[serde(default)]
    pub labelled_only: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { auto_advance: true, multi_label: false, labelled_only: false }
    }
}
