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
    /// Show suggestions (docs/ARCHITECTURE.md, Suggestions); off for studies of automation bias.
    #[serde(default = "yes")]
    pub suggestions: bool,
    /// What `n` goes to.
    #[serde(default)]
    pub order: Order,
    /// The team database's URL as typed (docs/FORMAT.md §4, Team sync; relative: against the
    /// page), "" when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sync_url: String,
    /// The team sync was on: a reload resumes it (the browser still has the session cookie).
    #[serde(default, skip_serializing_if = "crate::serde_util::is_false")]
    pub sync_on: bool,
}

/// What `n` goes to: the next undecided sentence in reading order, or the one the model is
/// least sure of, across documents (`select[data-setting="order"]`, docs/FORMAT.md §4,
/// Suggestions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    #[default]
    Document,
    Uncertain,
}

impl Order {
    /// The value in the page's select (and in storage).
    pub fn name(self) -> &'static str {
        match self {
            Order::Document => "document",
            Order::Uncertain => "uncertain",
        }
    }

    pub fn from_name(name: &str) -> Option<Order> {
        [Order::Document, Order::Uncertain].into_iter().find(|o| o.name() == name)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            auto_advance: true,
            multi_label: false,
            labelled_only: false,
            suggestions: true,
            order: Order::Document,
            sync_url: String::new(),
            sync_on: false,
        }
    }
}
