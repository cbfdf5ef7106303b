//! The team side of a session: importing an export as the person's own work or as a
//! colleague's read-only layer (which one is decided, or asked, in `intake.rs`), removing a
//! layer (undoable), the page's name (never empty: a generated one until the person types
//! theirs), and the agreement figures over every annotator who rated something in scope,
//! with the documents they agree on least and the sentences whose boundaries they do not
//! share. A colleague's export never changes one's own labels.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::{Event, MergeReport, Session};
use crate::agreement::documents::{worst_first, DocAgreement};
use crate::agreement::{self, Category, Measure, Report, Table};
use crate::annotations::DocAnnotations;
use crate::document::Document;
use crate::layers::{Layer, LayerReport, Layers};

/// Other annotators' layers and the last one removed (for its undo).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Team {
    pub(super) layers: Layers,
    removed: Option<(String, Rc<Layer>)>,
    /// Exports waiting for the person's answer (`intake.rs`).
    pub(super) intake: super::intake::Intake,
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
    /// Whose work it is was not certain: waiting for the person's answer
    /// (`Session::import_question`); `name` the export's annotator, if it has one.
    Asked { name: Option<String> },
    /// The person chose not to import it.
    NotImported { name: Option<String> },
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
    /// The sentence of each row of `table`: (document id, index).
    pub items: Vec<(String, usize)>,
    /// The 95 % bootstrap interval of alpha (with `report`; `None` where alpha is undefined).
    pub alpha_interval: Option<agreement::bootstrap::Interval>,
    /// Each document in scope with a sentence rated at least twice, worst-agreeing first
    /// (with `report`: one category per sentence).
    pub by_doc: Vec<DocAgreement>,
    /// The sentences whose boundaries the raters do not share.
    pub boundaries: BoundaryDisagreements,
}

/// Sentences whose spans differ between annotators (docs/FORMAT.md §7): a rater whose
/// sentence boundaries on a document's text are not the page's (their export's, or their
/// synced sheet's) has decisions only on the sentences both share; the rest is counted here
/// rather than silently left out of the figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoundaryDisagreements {
    /// The page's sentences (document id, index), in the corpus's order, that are not a
    /// sentence of some colleague's boundaries (one who decided something in that document).
    pub sentences: Vec<(String, usize)>,
    /// The colleagues whose boundaries differ somewhere in scope, by name.
    pub annotators: Vec<String>,
    /// Their decisions on sentences of their own that are not the page's: in no figure.
    pub left_out: usize,
}

impl AgreementView {
    /// The sentences behind one cell of a confusion matrix: those annotator `a` (a column of
    /// `table`) rated `x` and annotator `b` rated `y`, in the corpus's order.
    pub fn cell_items(&self, a: usize, b: usize, x: Category, y: Category) -> Vec<(String, usize)> {
        (0..self.table.rows.len())
            .filter(|&i| self.table.rating(i, a) == Some(x) && self.table.rating(i, b) == Some(y))
            .filter_map(|i| self.items.get(i).cloned())
            .collect()
    }
}

/// The column name of the person's own work when they gave no name.
pub const YOU: &str = "you";

/// The name a page without one takes on its first start: `annotator-` and four hex digits of
/// a random number (`annotator-7f3a`). Whose work a label is must never be in doubt, so a page
/// never works nameless (docs/FORMAT.md §7); the person renames it where it shows.
pub fn generated_name(random: u16) -> String {
    format!("annotator-{random:04x}")
}

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

    /// Gives a page without a name a generated one (`generated_name(random)`); returns it.
    pub fn ensure_name(&mut self, random: u16) -> Option<String> {
        if !self.annotator.trim().is_empty() {
            return None;
        }
        self.annotator = generated_name(random);
        Some(self.annotator.clone())
    }

    pub(super) fn has_decisions(&self) -> bool {
        self.docs().iter().any(|d| self.decided_count(d) > 0)
    }

    /// Imports a restored export by `annotator` (with its label names and documents marked
    /// done) without asking: the page's own name or none merges into one's own work, another
    /// annotator's becomes their layer. The page itself asks where that is not certain
    /// (`receive_export`).
    pub fn import_export(
        &mut self,
        incoming: Vec<(Document, DocAnnotations)>,
        annotator: Option<&str>,
        labels: &[String],
        done: &[String],
        now_ms: u64,
    ) -> ExportRoute {
        match annotator.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) if n != self.annotator.trim() => self.import_layer(n, incoming, labels, done),
            _ => ExportRoute::Own { report: self.apply_merge(incoming, done, now_ms), took_name: None },
        }
    }

    /// The export a JSONL or CSV view stands for, on the page's own documents (the view
    /// carries no article text): refused, in words, when it names a document the page lacks.
    pub fn view_export(
        &self,
        view: &crate::export::Table,
    ) -> Result<crate::export::ExportV1, crate::export::TableError> {
        view.to_export(|id| self.doc_index(id).map(|i| self.docs()[i].as_ref()), self.labels.names())
    }

    /// After one's own export was restored or merged: its label set (keys, colours,
    /// guidelines) becomes the page's when it differs; a colleague's export never changes it.
    pub fn adopt_export_labels(&mut self, route: &ExportRoute, set: Option<crate::labels::LabelSet>) -> Event {
        match (route, set) {
            (ExportRoute::Own { .. }, Some(set)) => self.set_labels(set).unwrap_or(Event::Quiet),
            _ => Event::Quiet,
        }
    }

    pub(super) fn import_layer(
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

    /// The agreement table over every annotator present (own work and layers) who decided
    /// something in the scope, for one document or (`None`) the whole corpus. Items are our
    /// sentences; a rating is the first label's index, or "none" (after the labels).
    pub fn agreement(&self, doc: Option<&str>) -> AgreementView {
        let names = self.labels.names();
        let none = names.len() as Category;
        let mut categories = names.clone();
        categories.push("none".to_owned());
        let mut annotators = vec![self.own_name().to_owned()];
        annotators.extend(self.team.layers.names().filter(|n| *n != self.own_name()).map(str::to_owned));
        let layers: Vec<&Rc<Layer>> = annotators[1..].iter().filter_map(|n| self.team.layers.get(n)).collect();
        let docs: Vec<&Rc<Document>> = self.docs().iter().filter(|d| doc.is_none_or(|id| d.id == id)).collect();
        // The label sets of each cell, for the per-label figures (several labels allowed).
        let mut cells: Vec<Vec<Option<Vec<String>>>> = Vec::new();
        let mut items = Vec::new();
        let mut doc_rows = Vec::with_capacity(docs.len());
        for d in &docs {
            doc_rows.push((d.id.clone(), items.len()..items.len() + d.sentences.len()));
            for i in 0..d.sentences.len() {
                items.push((d.id.clone(), i));
                let mut row = Vec::with_capacity(annotators.len());
                row.push(self.is_decided(&d.id, i).then(|| self.work.anns.labels_of(&d.id, i).to_vec()));
                for layer in &layers {
                    row.push(layer.get(&d.id).and_then(|x| x.decision(i)).map(<[String]>::to_vec));
                }
                cells.push(row);
            }
        }
        // Only raters: an annotator with no decision in the scope (a curator who reviews)
        // takes part in no figure (docs/FORMAT.md §7).
        let rated: Vec<bool> = (0..annotators.len()).map(|j| cells.iter().any(|r| r[j].is_some())).collect();
        let named: Vec<(&str, &Rc<Layer>)> = annotators[1..].iter().map(String::as_str).zip(layers).collect();
        let boundaries = boundary_disagreements(&docs, &named);
        if rated.contains(&false) {
            annotators = raters_of(annotators, &rated);
            cells = cells.into_iter().map(|row| raters_of(row, &rated)).collect();
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
        let alpha_interval =
            report.as_ref().and_then(|_| agreement::bootstrap::alpha_interval(&table, agreement::bootstrap::DRAWS));
        let by_doc = if report.is_some() { worst_first(&table, &doc_rows) } else { Vec::new() };
        AgreementView { categories, table, report, per_label, items, alpha_interval, by_doc, boundaries }
    }
}

/// The sentences of `docs` that some colleague of `layers` who decided something there (on
/// the page's sentences or on their own) does not have as a sentence, and those colleagues'
/// decisions on sentences the page does not have. One whose every decision is on sentences
/// of their own is no rater of the figures, and counted here all the same.
fn boundary_disagreements(docs: &[&Rc<Document>], layers: &[(&str, &Rc<Layer>)]) -> BoundaryDisagreements {
    let mut out = BoundaryDisagreements::default();
    let mut who = BTreeSet::new();
    for d in docs {
        let ours: BTreeSet<(usize, usize)> = d.sentences.iter().map(|s| (s.start, s.end)).collect();
        let mut differ = vec![false; d.sentences.len()];
        for (name, layer) in layers {
            let Some(ld) = layer.get(&d.id) else { continue };
            let Some(theirs) = ld.theirs.as_ref() else { continue };
            if !ld.done && !theirs.anns.values().any(|a| a.decided()) {
                continue;
            }
            let spans: BTreeSet<(usize, usize)> = theirs.spans.iter().copied().collect();
            let mut any = false;
            for (i, s) in d.sentences.iter().enumerate() {
                if !spans.contains(&(s.start, s.end)) {
                    differ[i] = true;
                    any = true;
                }
            }
            out.left_out += theirs
                .anns
                .iter()
                .filter(|(i, a)| a.decided() && theirs.spans.get(**i).is_none_or(|sp| !ours.contains(sp)))
                .count();
            if any {
                who.insert((*name).to_owned());
            }
        }
        out.sentences.extend(differ.iter().enumerate().filter(|(_, x)| **x).map(|(i, _)| (d.id.clone(), i)));
    }
    out.annotators = who.into_iter().collect();
    out
}

/// The columns of `row` whose annotator `rated` something, in their order.
fn raters_of<T>(row: Vec<T>, rated: &[bool]) -> Vec<T> {
    row.into_iter().zip(rated).filter(|(_, r)| **r).map(|(c, _)| c).collect()
}
