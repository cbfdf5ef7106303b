//! Whose work is an imported export? (docs/FORMAT.md §7, "Whose work is it?") The same file
//! means different things to different people: to someone moving to a new browser it is their
//! own work, to a curator starting a review it is a colleague's. Guessing wrong silently
//! turned a curator into the annotator whose export they opened, and merged nameless exports
//! into someone's own labels; so the page asks where it cannot know, and decides only where
//! the answer is certain:
//! - an export by the page's own annotator merges into its own work;
//! - exports of several annotators in one drop (one pick, drop or paste) become their
//!   layers: nobody moves to a new browser as three people;
//! - another annotator's export into a page with decisions of its own becomes their layer;
//! - one other annotator's export into a page without decisions, and every export without a
//!   name (older files), waits for the person's answer (`Answer`): their own work (the page
//!   takes the export's name, if it has one), a layer, or not imported at all.
//!
//! Questions wait in order; an answer settles the first, and the others are looked at again
//! (once the page has decisions, a named colleague's export needs no question).

use std::collections::BTreeSet;
use std::rc::Rc;

use super::{Event, ExportRoute, Session};
use crate::annotations::DocAnnotations;
use crate::document::Document;
use crate::labels::LabelSet;

/// An export as it arrives, restored to documents and annotations.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrival {
    /// The file it came from (the paste box's name for pasted text).
    pub source: String,
    pub incoming: Vec<(Document, DocAnnotations)>,
    /// Whose it says it is (`None`: an older export without a name).
    pub annotator: Option<String>,
    pub labels: Vec<String>,
    /// Its label set in full, adopted when it is the person's own.
    pub label_set: Option<LabelSet>,
    /// Its documents marked done.
    pub done: Vec<String>,
}

impl Arrival {
    fn name(&self) -> Option<&str> {
        self.annotator.as_deref().map(str::trim).filter(|n| !n.is_empty())
    }
}

/// What became of an export: where it went, and the label set adopted with one's own.
#[derive(Clone, Debug, PartialEq)]
pub struct Routed {
    pub source: String,
    pub route: ExportRoute,
    /// `Event::LabelsChanged` when one's own export brought its label set, else quiet.
    pub labels: Event,
}

/// The person's answer to "whose work is it?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// `restore-as-mine`: the person's own work; the page takes the export's name.
    Mine,
    /// `add-as-layer`: the annotator's read-only layer.
    Layer,
    /// Escape: not imported.
    Cancel,
}

/// The question the page is asking, for the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub source: String,
    /// The export's annotator (`None`: it has no name).
    pub name: Option<String>,
    /// The layer it would become (its annotator, or for a nameless one its file's name).
    pub layer: String,
    pub documents: usize,
    pub decisions: usize,
    /// Questions waiting after this one.
    pub more: usize,
}

/// Exports waiting for an answer, and the drop now arriving.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Intake {
    pending: Vec<(u64, Rc<Arrival>)>,
    drop: u64,
    /// The other annotators' names among this drop's exports.
    names: BTreeSet<String>,
}

/// A nameless export's layer name: its file's name without the extension.
fn layer_of_file(source: &str) -> String {
    let stem = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let stem = stem.strip_suffix(".json").or_else(|| stem.strip_suffix(".jsonl")).unwrap_or(stem);
    let stem = stem.strip_suffix(".csv").unwrap_or(stem).trim();
    if stem.is_empty() {
        "unnamed".to_owned()
    } else {
        stem.to_owned()
    }
}

impl Session {
    /// A new drop of files begins (or a paste): exports arriving until the next one belong
    /// together.
    pub fn begin_drop(&mut self) {
        self.team.intake.drop += 1;
        self.team.intake.names.clear();
    }

    /// The question waiting for the person, if any (the first of them).
    pub fn import_question(&self) -> Option<Question> {
        let intake = &self.team.intake;
        let (_, a) = intake.pending.first()?;
        let name = a.name().map(str::to_owned);
        let decisions = a.incoming.iter().map(|(_, anns)| anns.values().filter(|x| x.decided()).count()).sum();
        Some(Question {
            source: a.source.clone(),
            layer: name.clone().unwrap_or_else(|| layer_of_file(&a.source)),
            name,
            documents: a.incoming.len(),
            decisions,
            more: intake.pending.len() - 1,
        })
    }

    /// Receives an export: imported where the rules of the module's header decide, else kept
    /// for the person's answer (`ExportRoute::Asked`). Returns what became of it, and of
    /// earlier questions of the same drop that this one settled (they become layers too).
    pub fn receive_export(&mut self, arrival: Arrival, now_ms: u64) -> Vec<Routed> {
        let own = self.annotator.trim().to_owned();
        let mut out = Vec::new();
        match arrival.name().map(str::to_owned) {
            Some(n) if n == own => out.push(self.take(arrival, Answer::Mine, now_ms)),
            None => out.push(self.ask(arrival)),
            Some(n) => {
                let drop = self.team.intake.drop;
                let several = self.team.intake.names.iter().any(|m| *m != n);
                self.team.intake.names.insert(n);
                if several {
                    // Earlier questions of this drop about a named colleague: layers as well.
                    let (same, other): (Vec<_>, Vec<_>) = std::mem::take(&mut self.team.intake.pending)
                        .into_iter()
                        .partition(|(d, a)| *d == drop && a.name().is_some());
                    self.team.intake.pending = other;
                    for (_, a) in same {
                        out.push(self.take(Rc::unwrap_or_clone(a), Answer::Layer, now_ms));
                    }
                    out.push(self.take(arrival, Answer::Layer, now_ms));
                } else if self.has_decisions() {
                    out.push(self.take(arrival, Answer::Layer, now_ms));
                } else {
                    out.push(self.ask(arrival));
                }
            }
        }
        out
    }

    /// The person's answer to the first question; the other questions are looked at again.
    pub fn answer_import(&mut self, answer: Answer, now_ms: u64) -> Vec<Routed> {
        if self.team.intake.pending.is_empty() {
            return Vec::new();
        }
        let (_, first) = self.team.intake.pending.remove(0);
        let mut out = vec![self.take(Rc::unwrap_or_clone(first), answer, now_ms)];
        if self.has_decisions() {
            let (named, nameless): (Vec<_>, Vec<_>) =
                std::mem::take(&mut self.team.intake.pending).into_iter().partition(|(_, a)| a.name().is_some());
            self.team.intake.pending = nameless;
            for (_, a) in named {
                out.push(self.take(Rc::unwrap_or_clone(a), Answer::Layer, now_ms));
            }
        }
        out
    }

    fn ask(&mut self, arrival: Arrival) -> Routed {
        let routed = Routed {
            source: arrival.source.clone(),
            route: ExportRoute::Asked { name: arrival.name().map(str::to_owned) },
            labels: Event::Quiet,
        };
        let drop = self.team.intake.drop;
        self.team.intake.pending.push((drop, Rc::new(arrival)));
        routed
    }

    /// Imports an export as `answer` says.
    fn take(&mut self, a: Arrival, answer: Answer, now_ms: u64) -> Routed {
        let source = a.source.clone();
        let name = a.name().map(str::to_owned);
        let route = match answer {
            Answer::Cancel => ExportRoute::NotImported { name },
            Answer::Layer => {
                let layer = name.unwrap_or_else(|| layer_of_file(&a.source));
                self.import_layer(&layer, a.incoming, &a.labels, &a.done)
            }
            Answer::Mine => {
                let took_name = name.filter(|n| *n != self.annotator.trim());
                if let Some(n) = &took_name {
                    self.annotator = n.clone();
                }
                let report = self.apply_merge(a.incoming, &a.done, now_ms);
                ExportRoute::Own { report, took_name }
            }
        };
        let labels = self.adopt_export_labels(&route, a.label_set);
        Routed { source, route, labels }
    }
}

#[cfg(test)]
mod tests {
    use super::layer_of_file;

    #[test]
    fn a_nameless_export_is_named_by_its_file() {
        assert_eq!(layer_of_file("annotations-20261121-100000.json"), "annotations-20261121-100000");
        assert_eq!(layer_of_file("dir/old.jsonl"), "old");
        assert_eq!(layer_of_file(".json"), "unnamed");
    }
}
