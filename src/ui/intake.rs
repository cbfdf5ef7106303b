//! The screen's side of "whose work is it?" (docs/FORMAT.md §7): an imported export goes to
//! the core (`Session::receive_export`, which decides or asks), each outcome becomes a
//! message, and the import-intent dialog is open exactly while the core has a question. The
//! person's answer (`restore-as-mine`, `add-as-layer`, Escape) goes back the same way.

use annotator_core::session::{Answer, Arrival, Event, ExportRoute, Routed};

use super::state::{Dialog, Level, State};
use crate::view::announce;
use crate::view::words::{self, Note};

impl State {
    /// An export (or a view of one) arrived: imported, or asked about.
    pub(super) fn receive(&mut self, arrival: Arrival, now: u64) {
        // An export outside a drop of files (a paste) is a drop of its own.
        if self.progress.is_none() {
            self.session.begin_drop();
        }
        let out = self.session.receive_export(arrival, now);
        self.routed(out);
    }

    /// The person answered the dialog (or pressed Escape: `Answer::Cancel`).
    pub(super) fn answer(&mut self, answer: Answer, now: u64) {
        let out = self.session.answer_import(answer, now);
        self.routed(out);
    }

    fn routed(&mut self, out: Vec<Routed>) {
        for r in out {
            // A question is the dialog's; its message would only repeat it.
            if !matches!(r.route, ExportRoute::Asked { .. }) {
                let (attention, text) = announce::export_route(&r.source, &r.route);
                self.notify(if attention { Level::Error } else { Level::Info }, text, None);
            }
            if let Event::LabelsChanged { count } = r.labels {
                let source = r.source.as_str();
                self.notify(Level::Info, words::note(&Note::LabelsRestored { source, count }), None);
            }
        }
        let asking = self.session.import_question().is_some();
        if asking {
            self.dialog = Some(Dialog::ImportIntent);
        } else if self.dialog == Some(Dialog::ImportIntent) {
            self.dialog = None;
        }
    }
}
