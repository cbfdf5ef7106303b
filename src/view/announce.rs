//! What a screen reader hears after an action: the words for the session's events (the
//! domain reports what happened; wording is the screen's business).

use annotator_core::annotations::Annotation;
use annotator_core::session::{Event, ExportRoute, MergeReport, Moved};

fn sentence(index: usize, ann: &Annotation) -> String {
    if ann.none {
        return format!("Sentence {}: none of the labels", index + 1);
    }
    format!("Sentence {}: {}", index + 1, super::words::annotation(ann, false))
}

/// The live region's text for an event; `None` leaves it as it was.
pub fn words(event: &Event) -> Option<String> {
    Some(match event {
        Event::Quiet => return None,
        Event::Focused { index, of } => format!("Sentence {} of {of}", index + 1),
        Event::Opened { title, sentences } => format!("{title}: {sentences} sentences"),
        Event::Edited { index, ann, then, .. } => match then {
            Some((to, of)) => format!("{}. Sentence {} of {of}", sentence(*index, ann), to + 1),
            None => sentence(*index, ann),
        },
        Event::Undone { index, ann } => format!("Undone: {}", sentence(*index, ann)),
        Event::Redone { index, ann } => format!("Redone: {}", sentence(*index, ann)),
        Event::NothingToUndo => "Nothing to undo".into(),
        Event::NothingToRedo => "Nothing to redo".into(),
        Event::AllDecided => "Every sentence is decided".into(),
        Event::NoSuggestion => "No suggestion on this sentence".into(),
        Event::LabelsChanged { count } => format!("Label set saved: {count} labels"),
        Event::NoSuchSentence { asked, of } => format!("There is no sentence {asked}: this document has {of}"),
        Event::NoneLeft { what: "note" } => "No other sentence has a note".into(),
        Event::NoneLeft { .. } => "No other sentence is marked unsure".into(),
        Event::MarkedDone { title, done: true } => format!("{title} marked done: every sentence decided"),
        Event::MarkedDone { title, done: false } => format!("{title} no longer marked done"),
        Event::Removed { title, .. } => format!("Removed {title}"),
        Event::Restored { title } => format!("Restored {title}"),
        Event::Review { on: true } => "Review mode: the label keys set gold; n goes to the next disagreement".into(),
        Event::Review { on: false } => "Review mode left".into(),
        Event::GoldSet { index, ann, then } => {
            let gold = format!("Gold of sentence {}: {}", index + 1, super::words::annotation(ann, false));
            match then {
                Some((to, of)) => format!("{gold}. Next disagreement: sentence {} of {of}", to + 1),
                None => gold,
            }
        }
        Event::AllResolved => "Every disagreement has a gold label".into(),
        Event::LayerRemoved { name } => format!("{name}'s annotations removed"),
        Event::LayerRestored { name } => format!("{name}'s annotations restored"),
        Event::Split { index, of } => {
            format!("Sentence {} split in two: sentences {} and {} of {of}", index + 1, index + 1, index + 2)
        }
        Event::Joined { index, .. } => format!("Sentences {} and {} joined", index + 1, index + 2),
        Event::BoundariesAdopted { name, of, .. } => format!("{name}'s sentence boundaries adopted: {of} sentences"),
        Event::CannotJoin { last: true } => "The last sentence: there is no next one to join".into(),
        Event::CannotJoin { last: false } => "The next sentence is in another paragraph: not joined".into(),
        Event::BoundsRestored { of, undo: true, .. } => format!("Boundary edit undone: {of} sentences"),
        Event::BoundsRestored { of, undo: false, .. } => format!("Boundary edit redone: {of} sentences"),
    })
}

/// A join that dropped labels (one label per sentence), in words, for a visible message.
pub fn dropped(index: usize, dropped: &[String]) -> Option<String> {
    (!dropped.is_empty()).then(|| {
        let names = dropped.iter().map(|l| format!("“{l}”")).collect::<Vec<_>>().join(", ");
        format!(
            "Sentences {} and {} joined; one label per sentence, so the second part's {names} was dropped (Ctrl+Z brings it back).",
            index + 1,
            index + 2
        )
    })
}

/// Where auto-advance went from a document's last sentence, in one short line: the article's
/// place in the list (`doc`: its number from 1, of how many) and the sentence's (`at`: from
/// 0, of how many). The title is the article's head, shown above; it is not repeated here.
pub fn moved(m: &Moved, doc: (usize, usize), at: Option<(usize, usize)>) -> String {
    let sentence = at.map(|(i, of)| format!("sentence {} of {of}", i + 1)).unwrap_or_default();
    match m {
        Moved::Undecided { title: Some(_) } => format!("Next article ({} of {}), {sentence}.", doc.0, doc.1),
        Moved::Undecided { title: None } => format!("Back up to {sentence}: undecided, in this article."),
        Moved::AllDecided => "Every sentence of the corpus is decided.".into(),
    }
}

/// The message after merging an export from `source`, and whether it needs attention.
pub fn merge_report(source: &str, r: &MergeReport) -> (bool, String) {
    let mut text = format!(
        "{source}: {} document(s) added, {} annotation(s) merged, {} unchanged",
        r.added, r.updated, r.unchanged
    );
    if r.conflicts > 0 {
        text.push_str(&format!(", {} conflict(s) to resolve (see the list)", r.conflicts));
    }
    if !r.unmatched.is_empty() {
        let list: Vec<String> = r.unmatched.iter().take(5).map(|(d, t)| format!("{d}: “{t}”")).collect();
        text.push_str(&format!(
            ", {} annotation(s) not applied because their sentence is not in our version of the document ({})",
            r.unmatched.len(),
            list.join("; ")
        ));
    }
    (r.conflicts > 0, text + ".")
}

/// The message after importing an export from `source` (one's own work, a colleague's
/// layer, or refused), and whether it needs attention.
pub fn export_route(source: &str, route: &ExportRoute) -> (bool, String) {
    match route {
        ExportRoute::Own { report, took_name } => {
            let (attention, text) = merge_report(source, report);
            match took_name {
                Some(n) => (attention, format!("{text} The annotator name is now “{n}”, the export's.")),
                None => (attention, text),
            }
        }
        ExportRoute::Layer { name, report, added_docs } => {
            let verb = if report.replaced { "replaced" } else { "added" };
            let mut text = format!(
                "{source}: {name}'s annotations {verb} as a separate layer ({} decision(s) in {} document(s)); yours are unchanged",
                report.decisions, report.documents
            );
            if *added_docs > 0 {
                text.push_str(&format!(", {added_docs} document(s) we did not have added"));
            }
            if report.unmatched > 0 {
                text.push_str(&format!(
                    ", {} decision(s) not placed because their sentence is not in our version of the document",
                    report.unmatched
                ));
            }
            (report.unmatched > 0, text + ".")
        }
        // The dialog asks; the message says why nothing happened yet.
        ExportRoute::Asked { name } => (
            false,
            match name {
                Some(n) => format!("{source}: {n}'s export. Whose work is it? Answer in the dialog."),
                None => format!("{source}: an export without an annotator name. Whose work is it? Answer in the dialog."),
            },
        ),
        ExportRoute::NotImported { .. } => (false, format!("{source}: not imported.")),
        ExportRoute::OtherLabels { name, theirs } => (
            true,
            format!(
                "{source}: not added: {name}'s export uses labels this page does not have ({}); load the same label set to compare.",
                theirs.join(", ")
            ),
        ),
    }
}
