//! The team side of a session: which export is the person's own and which is a colleague's
//! (a read-only layer), removing a layer (undoable), and the agreement figures over every
//! annotator present. The rules are docs/FORMAT.md's "Annotators": an export by the same
//! annotator, or without a name, merges into one's own work; so does any export into a page
//! with no name and no decisions yet (a person moving to a new browser), which takes its name;
//! any other annotator's export becomes their layer, and never changes one's own labels.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::{Event, MergeReport, Session};
use crate::core::agreement::{self, Category, Measure, Report, Table};
use crate::core::annotations::DocAnnotations;
use crate::core::document::Document;
use crate::core::layers::{Layer, LayerReport, Layers};

/// Other annotators' layers and the last one removed (for its undo).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Team {
    pub(super) layers: Layers,
    removed: Option<(String, Rc<Layer>)>,
}

/// Where an imported export went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportRoute {
    /// Merged into the person's own work; `took_name` when the page took the export's name.
    Own { report: MergeReport, took_name: Option<String> },
    /// Another annotator's: their layer (`added_docs`: documents we did not have, added).
    Layer { name: String, report: LayerReport, added_docs: usize },
    /// Another annotator's export with labels this page does not have: not added.
    OtherLabels { name: String, theirs: Vec<String> },
}

/// The agreement over every annotator present, for a document or the whole corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct AgreementView {
    /// The categories: the labels, then "none".
    pub categories: Vec<String>,
    pub table: Table,
    /// Every figure; `None` when several labels per sentence are allowed (then only the
    /// per-label figures are defined).
    pub report: Option<Report>,
    /// Alpha per label: each rating is 1 when it carries that label, else 0.
    pub per_label: Vec<(String, Measure)>,
}

/// The column name of the person's own work when they gave no name.
pub const YOU: &str = "you";

impl Session {
    pub fn layers(&self) -> &Layers {
        &self.team.layers
    }

    /// The name of the person's own column in agreement figures.
    pub fn own_name(&self) -> &str {
        let own = self.annotator.trim();
        if own.is_empty() {
            YOU
        } else {
            own
        }
    }

    fn has_decisions(&self) -> bool {
        self.docs().iter().any(|d| self.decided_count(d) > 0)
    }

    /// Imports a restored export by `annotator` (with its label names and documents marked
    /// done) as one's own work or as a colleague's layer; see the module's rules.
    pub fn import_export(
        &mut self,
        incoming: Vec<(Document, DocAnnotations)>,
        annotator: Option<&str>,
        labels: &[String],
        done: &[String],
        now_ms: u64,
    ) -> ExportRoute {
        let theirs = annotator.map(str::trim).filter(|n| !n.is_empty());
        let own = self.annotator.trim().to_owned();
        let took_name = match theirs {
            None => None,
            Some(n) if n == own => None,
            Some(n) if own.is_empty() && !self.has_decisions() => Some(n.to_owned()),
            Some(n) => return self.import_layer(n, incoming, labels, done),
        };
        if let Some(n) = &took_name {
            self.annotator = n.clone();
        }
        let report = self.apply_merge(incoming, done, now_ms);
        ExportRoute::Own { report, took_name }
    }

    /// After one's own export was restored or merged: its label set (keys, colours,
    /// guidelines) becomes the page's when it differs; a colleague's export never changes it.
    pub fn adopt_export_labels(&mut self, route: &ExportRoute, set: Option<crate::core::labels::LabelSet>) -> Event {
        match (route, set) {
            (ExportRoute::Own { .. }, Some(set)) => self.set_labels(set).unwrap_or(Event::Quiet),
            _ => Event::Quiet,
        }
    }

    fn import_layer(
        &mut self,
        name: &str,
        incoming: Vec<(Document, DocAnnotations)>,
        labels: &[String],
        done: &[String],
    ) -> ExportRoute {
        let ours = self.labels.names();
        let foreign: Vec<String> = labels.iter().filter(|l| !ours.contains(l)).cloned().collect();
        if !foreign.is_empty() {
            return ExportRoute::OtherLabels { name: name.to_owned(), theirs: foreign };
        }
        let new_docs: Vec<Document> =
            incoming.iter().filter(|(d, _)| self.doc_index(&d.id).is_none()).map(|(d, _)| d.clone()).collect();
        let added_docs = self.add_documents(new_docs, true).len();
        let done: BTreeSet<String> = done.iter().cloned().collect();
        let report = self.team.layers.put(name, self.corpus.docs(), &incoming, &done);
        ExportRoute::Layer { name: name.to_owned(), report, added_docs }
    }

    /// Removes a colleague's layer; `undo_remove_layer` puts it back.
    pub fn remove_layer(&mut self, name: &str) -> Event {
        match self.team.layers.remove(name) {
            Some(layer) => {
                self.team.removed = Some((name.to_owned(), layer));
                Event::LayerRemoved { name: name.to_owned() }
            }
            None => Event::Quiet,
        }
    }

    pub fn undo_remove_layer(&mut self) -> Event {
        match self.team.removed.take() {
            Some((name, layer)) => {
                self.team.layers.restore(&name, layer);
                Event::LayerRestored { name }
            }
            None => Event::Quiet,
        }
    }

    /// Every annotator's decision on sentence `index` of `doc`: (name, labels; empty for
    /// "none"), own work first, then the layers by name. Annotators who did not decide it
    /// are left out.
    pub fn decisions_on(&self, doc: &str, index: usize) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        if self.is_decided(doc, index) {
            out.push((self.own_name().to_owned(), self.work.anns.labels_of(doc, index).to_vec()));
        }
        for (name, layer) in self.team.layers.iter() {
            if let Some(labels) = layer.get(doc).and_then(|d| d.decision(index)) {
                out.push((name.to_owned(), labels.to_vec()));
            }
        }
        out
    }

    /// The agreement table over every annotator present (own work and layers), for one
    /// document or (`None`) the whole corpus. Items are our sentences; a rating is the first
    /// label's index, or "none" (after the labels).
    pub fn agreement(&self, doc: Option<&str>) -> AgreementView {
        let names = self.labels.names();
        let none = names.len() as Category;
        let mut categories = names.clone();
        categories.push("none".to_owned());
        let mut annotators = vec![self.own_name().to_owned()];
        annotators.extend(self.team.layers.names().filter(|n| *n != self.own_name()).map(str::to_owned));
        let layers: Vec<&Rc<Layer>> = annotators[1..].iter().filter_map(|n| self.team.layers.get(n)).collect();
        let docs = self.docs().iter().filter(|d| doc.is_none_or(|id| d.id == id));
        // The label sets of each cell, for the per-label figures (several labels allowed).
        let mut cells: Vec<Vec<Option<Vec<String>>>> = Vec::new();
        for d in docs {
            for i in 0..d.sentences.len() {
                let mut row = Vec::with_capacity(annotators.len());
                row.push(self.is_decided(&d.id, i).then(|| self.work.anns.labels_of(&d.id, i).to_vec()));
                for layer in &layers {
                    row.push(layer.get(&d.id).and_then(|x| x.decision(i)).map(<[String]>::to_vec));
                }
                cells.push(row);
            }
        }
        let category = |labels: &Vec<String>| match labels.first() {
            Some(l) => names.iter().position(|n| n == l).map_or(none, |p| p as Category),
            None => none,
        };
        let rows = cells.iter().map(|r| r.iter().map(|c| c.as_ref().map(category)).collect()).collect();
        let table = Table { annotators: annotators.clone(), categories: categories.len(), rows };
        let per_label = names
            .iter()
            .map(|l| {
                let rows = cells
                    .iter()
                    .map(|r| r.iter().map(|c| c.as_ref().map(|ls| Category::from(ls.contains(l)))).collect())
                    .collect();
                let binary = Table { annotators: annotators.clone(), categories: 2, rows };
                (l.clone(), agreement::krippendorff_alpha(&binary))
            })
            .collect();
        let report = (!self.settings.multi_label).then(|| agreement::report(&table));
        AgreementView { categories, table, report, per_label }
    }
}
