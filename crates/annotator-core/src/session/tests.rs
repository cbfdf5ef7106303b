//! The session's unit tests: every command and event through `Session::command` and the
//! domain methods, natively, as the reducer would call them.

use super::review::Status;
use super::*;
use crate::document::ArticleInput;
use crate::layers::LayerReport;
use crate::text;
use serde_json::json;

mod team;

fn doc(id: &str, text: &str) -> Document {
    Document::from_input(ArticleInput { id: Some(id.into()), text: text.into(), ..Default::default() })
}

fn session() -> Session {
    let mut s = Session::new(LabelSet::default_set(), 0);
    s.add_documents(vec![doc("d0", "One.\nTwo.\nThree."), doc("d1", "Four.\nFive.")], false);
    s
}

fn no_advance(s: &mut Session) {
    let mut settings = s.settings().clone();
    settings.auto_advance = false;
    s.set_settings(settings);
}

#[test]
fn tag_advances_and_toggle_removes() {
    let mut s = session();
    let ev = s.command(&Command::Label(0), 1);
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
    assert_eq!(s.focus(), 1);
    let Event::Edited { index: 0, ann, then: Some((1, 3)), moved: None } = ev else { panic!("{ev:?}") };
    assert_eq!(ann.labels, ["claim"]);
    s.command(&Command::Prev, 2);
    s.command(&Command::Label(0), 3);
    assert!(s.anns().labels_of("d0", 0).is_empty());
    assert_eq!(s.focus(), 0, "removing a label does not advance");
    no_advance(&mut s);
    s.command(&Command::Label(1), 4);
    assert_eq!(s.focus(), 0);
    assert_eq!(s.anns().get("d0", 0).unwrap().updated, 4);
}

#[test]
fn an_empty_session_opens_the_first_document_added() {
    let mut s = Session::new(LabelSet::default_set(), 0);
    s.add_documents(vec![doc("x", "One."), doc("y", "One.")], true);
    assert_eq!((s.open_index(), s.focus()), (0, 0));
    s.command(&Command::NextDoc, 1);
    assert_eq!(s.open_index(), 1);
    s.add_documents(vec![doc("z", "One.")], true);
    assert_eq!(s.open_index(), 1, "a used session stays where it is");
}

#[test]
fn multi_label_keeps_the_focus_for_a_second_label() {
    let mut s = session();
    let mut settings = s.settings().clone();
    settings.multi_label = true;
    s.set_settings(settings);
    s.command(&Command::Label(0), 1);
    s.command(&Command::Label(2), 2);
    assert_eq!(s.focus(), 0);
    assert_eq!(s.anns().labels_of("d0", 0), ["claim", "demand"]);
}

#[test]
fn undo_redo_restore_and_navigate() {
    let mut s = session();
    s.command(&Command::Label(2), 1);
    s.command(&Command::NextDoc, 2);
    assert_eq!(s.open_index(), 1);
    assert!(matches!(s.command(&Command::Undo, 3), Event::Undone { index: 0, .. }));
    assert_eq!((s.open_index(), s.focus()), (0, 0));
    assert!(s.anns().labels_of("d0", 0).is_empty());
    s.command(&Command::Redo, 4);
    assert_eq!(s.anns().labels_of("d0", 0), ["demand"]);
    assert_eq!(s.command(&Command::Redo, 4), Event::NothingToRedo);
    s.command(&Command::Clear, 5);
    assert!(s.anns().labels_of("d0", 0).is_empty());
    s.command(&Command::Undo, 6);
    assert_eq!(s.anns().labels_of("d0", 0), ["demand"]);
}

#[test]
fn screen_commands_do_nothing_here() {
    let mut s = session();
    let before = s.clone();
    for c in [Command::Help, Command::Escape, Command::EditNote, Command::Search] {
        assert_eq!(s.command(&c, 1), Event::Quiet);
    }
    assert_eq!(s, before);
}

/// The filter bar's counts by the plain definition: per filter, the sentences of the open
/// document it fits (the screen counts in one pass, `view::tally::filter_counts`).
fn filter_counts(s: &Session) -> Vec<(Filter, usize)> {
    let doc = s.open_doc().unwrap();
    let done = s.is_done(&doc.id);
    let fits = |f: &Filter| (0..doc.sentences.len()).filter(|&i| f.fits(s.anns().get(&doc.id, i), done)).count();
    Filter::every(s.labels()).into_iter().map(|f| (f.clone(), fits(&f))).collect()
}

#[test]
fn filters_and_next_undecided() {
    let mut s = session();
    no_advance(&mut s);
    s.command(&Command::Label(0), 1);
    s.set_filter(Filter::Undecided);
    assert_eq!(s.focus(), 1, "focus leaves a hidden sentence");
    s.command(&Command::Prev, 2);
    assert_eq!(s.focus(), 1, "hidden sentences are skipped");
    let counts = filter_counts(&s);
    assert_eq!(counts[0], (Filter::All, 3));
    assert_eq!(counts[1], (Filter::Undecided, 2));
    assert_eq!(counts[2], (Filter::NoLabel, 0));
    assert_eq!(counts[3], (Filter::Label("claim".into()), 1));
    assert!(s.clear_view());
    assert!(!s.clear_view(), "nothing left to clear");
    s.focus_sentence(2);
    s.command(&Command::NextUndecided, 3);
    assert_eq!((s.open_index(), s.focus()), (1, 0));
    s.set_search("fIVe".into());
    assert_eq!(s.focus(), 1);
    assert!(!s.visible(0));
}

#[test]
fn next_undecided_says_when_everything_is_decided() {
    let mut s = Session::new(LabelSet::default_set(), 0);
    s.add_documents(vec![doc("a", "One. Two.")], false);
    s.command(&Command::Label(0), 1);
    s.command(&Command::DecideNone, 2);
    assert_eq!(s.command(&Command::NextUndecided, 3), Event::AllDecided);
}

#[test]
fn none_is_a_decision_that_advances_and_counts() {
    let mut s = session();
    let ev = s.command(&Command::DecideNone, 1);
    assert!(matches!(ev, Event::Edited { index: 0, then: Some((1, 3)), .. }), "{ev:?}");
    assert!(s.is_decided("d0", 0) && !s.is_decided("d0", 1));
    assert_eq!(s.corpus_progress(), (1, 5));
    assert_eq!(s.stats().decisions, 1);
    s.set_filter(Filter::NoLabel);
    assert_eq!(filter_counts(&s)[2], (Filter::NoLabel, 1));
    assert_eq!(s.focus(), 0, "the focus goes to the only sentence shown");
    s.set_filter(Filter::All);
    // Backspace/Delete remove the decision too; undo brings it back.
    s.focus_sentence(0);
    s.command(&Command::Clear, 2);
    assert!(!s.is_decided("d0", 0));
    s.command(&Command::Undo, 3);
    assert!(s.annotation(0).unwrap().none);
}

#[test]
fn a_document_marked_done_is_decided_throughout_and_unmarking_undoes_it() {
    let mut s = session();
    s.command(&Command::Label(1), 1); // d0:0 denial
    assert_eq!(s.toggle_done(), Event::MarkedDone { title: s.docs()[0].title.clone(), done: true });
    assert!((0..3).all(|i| s.is_decided("d0", i)));
    assert_eq!(s.decided_count(&s.docs()[0].clone()), 3);
    let counts = filter_counts(&s);
    assert_eq!((counts[1].1, counts[2].1), (0, 2), "undecided 0, none 2");
    assert_eq!(s.command(&Command::NextUndecided, 2), Event::Focused { index: 0, of: 2 });
    assert_eq!(s.open_index(), 1, "n skips the done document");
    s.select_doc(0);
    assert!(matches!(s.toggle_done(), Event::MarkedDone { done: false, .. }));
    assert!(!s.is_decided("d0", 1));
    assert_eq!(s.anns().labels_of("d0", 0), ["denial"], "labels stay");
}

#[test]
fn remove_and_restore_a_document() {
    let mut s = session();
    s.command(&Command::Label(0), 1);
    assert!(matches!(s.remove_open_doc(), Some(Event::Removed { .. })));
    assert_eq!(s.docs().len(), 1);
    assert!(s.corpus().removed().contains("d0"));
    assert!(s.history().last_applied().is_some_and(|c| c.removal.is_some()), "the removal is the last change");
    s.undo_remove();
    assert_eq!(s.docs()[0].id, "d0");
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
    assert!(s.corpus().removed().is_empty());
    // Adding a present document again does not duplicate it or touch its labels.
    assert!(s.add_documents(vec![doc("d0", "Other.")], true).is_empty());
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
}

#[test]
fn ctrl_z_undoes_a_removal_redo_removes_again_and_the_history_keeps_it_across_a_reload() {
    let mut s = session();
    s.command(&Command::Label(0), 1);
    s.command(&Command::NextDoc, 2);
    s.command(&Command::Label(2), 3);
    s.command(&Command::PrevDoc, 4);
    s.remove_open_doc();
    assert_eq!(s.docs().len(), 1);
    // The history as storage keeps it (JSON), read back as after a reload.
    let h = s.history();
    let stored: Vec<String> =
        (h.base()..h.end()).map(|q| serde_json::to_string(&**h.entry(q).unwrap()).unwrap()).collect();
    let back: Vec<Change> = stored.iter().map(|j| serde_json::from_str(j).unwrap()).collect();
    let mut r = Session::new(LabelSet::default_set(), 0);
    r.add_documents(vec![doc("d1", "Four.\nFive.")], false);
    r.work.anns.replace_doc("d1", (**s.anns().doc("d1").unwrap()).clone());
    r.work.history = Rc::new(History::from_parts(0, back, stored.len()));
    for s in [&mut s, &mut r] {
        assert_eq!(s.command(&Command::Undo, 10), Event::Restored { title: "One.".into() });
        assert_eq!(s.docs().iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["d0", "d1"], "back at its place");
        assert_eq!(s.open_doc().unwrap().id, "d0", "and open");
        assert_eq!(s.anns().labels_of("d0", 0), ["claim"], "with its labels");
        assert_eq!(s.open_doc().unwrap().sentences.len(), 3);
        // the next undo takes back the label change before the removal, in the document
        s.command(&Command::Undo, 11);
        assert_eq!(s.anns().labels_of("d1", 0), Vec::<String>::new());
        s.command(&Command::Redo, 12);
        assert_eq!(s.command(&Command::Redo, 13), Event::Removed { id: "d0".into(), title: "One.".into() });
        assert_eq!(s.docs().len(), 1);
        assert!(s.corpus().removed().contains("d0"));
    }
}

#[test]
fn pace_and_progress() {
    let mut s = session();
    s.command(&Command::Label(0), 1);
    s.command(&Command::Label(1), 2);
    assert_eq!(s.corpus_progress(), (2, 5), "two decisions of five sentences");
    assert_eq!(s.label_counts("d0"), [1, 1, 0]);
    assert_eq!(s.label_counts("d1"), [0, 0, 0]);
    assert_eq!(s.stats().per_hour(30_000), None);
    assert_eq!(s.stats().per_hour(3_600_000), Some(2));
}

#[test]
fn a_note_is_an_undoable_edit_and_the_same_note_is_nothing() {
    let mut s = session();
    assert!(matches!(s.set_note("check".into(), 1), Event::Edited { .. }));
    assert_eq!(s.set_note("check".into(), 2), Event::Quiet);
    s.command(&Command::Undo, 3);
    assert!(s.annotation(0).is_none_or(|a| a.note.is_empty()));
}

fn stamped(d: &Document, i: usize, label: &str, t: u64) -> Annotation {
    let sp = d.sentences[i];
    Annotation {
        labels: vec![label.into()],
        updated: t,
        fingerprint: text::fingerprint(d.sentence_text(i)),
        span: Some((sp.start, sp.end)),
        ..Default::default()
    }
}

#[test]
fn merging_an_export_adds_merges_and_keeps_conflicts() {
    let mut s = session();
    s.command(&Command::Label(0), 1); // d0:0 claim
    let d0 = doc("d0", "One.\nTwo.\nThree.");
    let mut theirs = DocAnnotations::new();
    theirs.insert(0, stamped(&d0, 0, "denial", 5)); // conflict
    theirs.insert(2, stamped(&d0, 2, "demand", 0)); // only theirs: taken, stamped now
    let new = doc("n", "New one.");
    let mut new_anns = DocAnnotations::new();
    new_anns.insert(0, stamped(&new, 0, "claim", 7));
    let report = s.apply_merge(vec![(d0, theirs), (new, new_anns)], &["n".to_owned(), "nowhere".to_owned()], 99);
    assert_eq!((report.added, report.updated, report.conflicts), (1, 1, 1));
    assert_eq!(s.anns().labels_of("d0", 2), ["demand"]);
    assert_eq!(s.anns().get("d0", 2).unwrap().updated, 99);
    assert_eq!(s.anns().labels_of("n", 0), ["claim"]);
    assert!(s.is_done("n") && !s.is_done("nowhere"), "done marks come with their documents");
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"], "a conflict changes nothing by itself");
    assert_eq!(s.conflicts().len(), 1);
    // Taking theirs is a change like a key press: it can be undone.
    assert!(matches!(s.resolve_conflict(0, true, 100), Event::Edited { index: 0, .. }));
    assert_eq!(s.anns().labels_of("d0", 0), ["denial"]);
    assert!(s.conflicts().is_empty());
    s.command(&Command::Undo, 101);
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
    assert_eq!(s.resolve_conflict(5, true, 102), Event::Quiet);
}

#[test]
fn keeping_mine_drops_the_conflict_only() {
    let mut s = session();
    s.command(&Command::Label(0), 1);
    let d0 = doc("d0", "One.\nTwo.\nThree.");
    let mut theirs = DocAnnotations::new();
    theirs.insert(0, stamped(&d0, 0, "denial", 5));
    s.apply_merge(vec![(d0, theirs)], &[], 9);
    assert_eq!(s.resolve_conflict(0, false, 10), Event::Quiet);
    assert!(s.conflicts().is_empty());
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
}

#[test]
fn another_tabs_write_merges_per_sentence_latest_wins() {
    let mut s = session();
    s.command(&Command::Label(0), 10); // d0:0 claim at 10
    let d0 = s.docs()[0].clone();
    let mut theirs = DocAnnotations::new();
    theirs.insert(0, stamped(&d0, 0, "denial", 5)); // older: ours stays
    theirs.insert(1, stamped(&d0, 1, "demand", 20)); // new: taken
    assert!(s.merge_external("d0", crate::segment::SEGMENTER, theirs.clone()));
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
    assert_eq!(s.anns().labels_of("d0", 1), ["demand"]);
    assert!(!s.merge_external("d0", crate::segment::SEGMENTER, theirs), "the same write again changes nothing");
    assert!(!s.merge_external("missing", crate::segment::SEGMENTER, DocAnnotations::new()));
}

#[test]
fn a_session_from_stored_parts_is_where_the_person_left_it() {
    let d0 = doc("d0", "One.\nTwo.\nThree.");
    let mut anns = DocAnnotations::new();
    anns.insert(1, stamped(&d0, 1, "claim", 3));
    let parts = Parts {
        annotator: "maria".into(),
        bundled: vec![d0],
        imported: vec![doc("i", "Imported one. Two.")],
        removed: ["gone".to_owned()].into(),
        anns: vec![("d0".into(), anns), ("unknown".into(), DocAnnotations::new())],
        open_doc: Some("i".into()),
        focus: 1,
        ..Default::default()
    };
    let s = Session::from_parts(LabelSet::default_set(), 0, parts);
    assert_eq!(s.annotator(), "maria");
    assert_eq!(s.docs().len(), 2);
    assert!(s.corpus().imported().contains("i"));
    assert!(s.corpus().removed().contains("gone"));
    assert_eq!((s.open_index(), s.focus()), (1, 1));
    assert_eq!(s.anns().labels_of("d0", 1), ["claim"]);
    assert!(s.anns().doc("unknown").is_none());
}

/// An export of `labels` per sentence of the two test documents, by another annotator.
fn their_export(s: &Session, labels: &[(&str, usize, &[&str])]) -> Vec<(Document, DocAnnotations)> {
    s.docs()
        .iter()
        .map(|d| {
            let mut anns = DocAnnotations::new();
            for (doc, i, ls) in labels.iter().filter(|(doc, _, _)| *doc == d.id) {
                let _ = doc;
                let mut a = stamped(d, *i, "claim", 1);
                a.labels = ls.iter().map(|l| (*l).to_owned()).collect();
                a.none = ls.is_empty();
                anns.insert(*i, a);
            }
            ((**d).clone(), anns)
        })
        .collect()
}

#[test]
fn exports_route_to_ones_own_work_or_to_a_colleagues_layer() {
    let names = LabelSet::default_set().names();
    // A page without decisions asks whose work one other annotator's export is; "mine" (a
    // person moving to a new browser) takes the export's name (more in tests/team.rs).
    let mut s = session();
    let mine = their_export(&s, &[("d0", 0, &["claim"])]);
    let arrival = Arrival {
        source: "a.json".into(),
        incoming: mine,
        annotator: Some("ana".into()),
        labels: names.clone(),
        label_set: None,
        done: Vec::new(),
    };
    assert!(matches!(s.receive_export(arrival, 5)[0].route, ExportRoute::Asked { .. }));
    let route = s.answer_import(Answer::Mine, 5).remove(0).route;
    assert!(matches!(route, ExportRoute::Own { took_name: Some(ref n), .. } if n == "ana"), "{route:?}");
    assert_eq!(s.annotator(), "ana");
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
    // Another annotator: a layer; our labels never change.
    let theirs = their_export(&s, &[("d0", 0, &["denial"]), ("d0", 1, &[])]);
    let route = s.import_export(theirs.clone(), Some("ben"), &names, &["d1".into()], 6);
    let ExportRoute::Layer { name, report, added_docs } = route else { panic!() };
    assert_eq!((name.as_str(), report.decisions, added_docs), ("ben", 2, 0));
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
    assert_eq!(
        s.decisions_on("d0", 0),
        [("ana".to_owned(), vec!["claim".to_owned()]), ("ben".into(), vec!["denial".into()])]
    );
    assert_eq!(s.decisions_on("d0", 1), [("ben".to_owned(), Vec::<String>::new())]);
    assert_eq!(s.decisions_on("d1", 1), [("ben".to_owned(), Vec::<String>::new())], "their done mark decides");
    // The same annotator again replaces the layer; our own export or a nameless one merges.
    assert!(matches!(
        s.import_export(theirs, Some("ben"), &names, &[], 7),
        ExportRoute::Layer { report: LayerReport { replaced: true, .. }, .. }
    ));
    assert_eq!(s.layers().len(), 1);
    assert!(matches!(
        s.import_export(Vec::new(), Some(" ana "), &names, &[], 8),
        ExportRoute::Own { took_name: None, .. }
    ));
    assert!(matches!(s.import_export(Vec::new(), None, &names, &[], 9), ExportRoute::Own { .. }));
    // Another label set: refused, in words by the UI.
    let other = vec!["claim".to_owned(), "praise".to_owned()];
    assert_eq!(
        s.import_export(Vec::new(), Some("cy"), &other, &[], 10),
        ExportRoute::OtherLabels { name: "cy".into(), theirs: vec!["praise".into()] }
    );
    // A layer can be removed and the removal undone.
    assert_eq!(s.remove_layer("ben"), Event::LayerRemoved { name: "ben".into() });
    assert!(s.layers().is_empty());
    assert_eq!(s.undo_remove_layer(), Event::LayerRestored { name: "ben".into() });
    assert_eq!(s.layers().len(), 1);
}

#[test]
fn a_page_with_decisions_and_no_name_keeps_them_apart_from_a_named_export() {
    let mut s = session();
    s.command(&Command::Label(0), 1);
    let theirs = their_export(&s, &[("d0", 0, &["demand"])]);
    let route = s.import_export(theirs, Some("ben"), &LabelSet::default_set().names(), &[], 2);
    assert!(matches!(route, ExportRoute::Layer { .. }));
    assert_eq!(s.own_name(), "you");
}

#[test]
fn agreement_over_own_work_and_layers() {
    let names = LabelSet::default_set().names();
    let mut s = session();
    s.set_annotator("ana".into());
    // ana: claim, denial, none on d0.
    s.command(&Command::Label(0), 1);
    s.command(&Command::Label(1), 2);
    s.command(&Command::DecideNone, 3);
    let ben = their_export(&s, &[("d0", 0, &["claim"]), ("d0", 1, &["claim"]), ("d0", 2, &[])]);
    s.import_export(ben, Some("ben"), &names, &[], 4);
    let cy = their_export(&s, &[("d0", 0, &["claim"]), ("d0", 1, &["denial"])]);
    s.import_export(cy, Some("cy"), &names, &[], 5);
    let v = s.agreement(None);
    assert_eq!(v.categories, ["claim", "denial", "demand", "none"]);
    assert_eq!(v.table.annotators, ["ana", "ben", "cy"]);
    assert_eq!(v.table.rows.len(), 5);
    assert_eq!(v.table.rows[0], [Some(0), Some(0), Some(0)]);
    assert_eq!(v.table.rows[2], [Some(3), Some(3), None]);
    assert_eq!(v.table.rows[3], [None, None, None]);
    let r = v.report.as_ref().unwrap();
    assert_eq!(r.alpha, crate::agreement::krippendorff_alpha(&v.table));
    assert_eq!(r.alpha.n, 3);
    assert_eq!(r.fleiss_kappa.n, 2, "items every annotator rated");
    assert_eq!(r.pairs.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(), ["ana|ben", "ana|cy", "ben|cy"]);
    // Per label on one document; with several labels allowed only per-label figures.
    let one = s.agreement(Some("d0"));
    assert_eq!(one.per_label.len(), 3);
    assert_eq!(one.per_label[0].1, r.alpha_per_category[0]);
    let mut settings = s.settings().clone();
    settings.multi_label = true;
    s.set_settings(settings);
    assert!(s.agreement(None).report.is_none());
}

/// ana (own) and two colleagues on d0: sentence 0 all claim, 1 claim/denial/claim,
/// 2 only ben (none), 3 ana demand vs cy none, 4 nobody... (d0 has 3 sentences, d1 2).
fn team_session() -> Session {
    let names = LabelSet::default_set().names();
    let mut s = session();
    s.set_annotator("ana".into());
    s.command(&Command::Label(0), 1); // d0:0 claim
    s.command(&Command::Label(0), 2); // d0:1 claim
    s.select_doc(1);
    s.command(&Command::Label(2), 3); // d1:0 demand
    let ben = their_export(&s, &[("d0", 0, &["claim"]), ("d0", 1, &["denial"]), ("d0", 2, &[])]);
    s.import_export(ben, Some("ben"), &names, &[], 4);
    let cy = their_export(&s, &[("d0", 0, &["claim"]), ("d0", 1, &["claim"]), ("d1", 0, &[])]);
    s.import_export(cy, Some("cy"), &names, &[], 5);
    s.select_doc(0);
    s
}

#[test]
fn verdicts_say_who_said_what_and_how_gold_came_to_be() {
    let s = team_session();
    let v = s.verdict("d0", 0);
    assert_eq!((v.status, v.gold.clone()), (Status::Unanimous, Some(vec!["claim".to_owned()])));
    assert_eq!(v.ratings.len(), 3);
    assert_eq!(s.verdict("d0", 1).status, Status::Unresolved);
    let single = s.verdict("d0", 2);
    assert_eq!((single.status, single.gold), (Status::Single, Some(Vec::new())));
    assert_eq!(s.verdict("d1", 0).status, Status::Unresolved);
    assert_eq!(s.verdict("d1", 1).status, Status::Unresolved, "nobody rated it");
    assert_eq!(s.review_progress(), (0, 2));
}

#[test]
fn review_mode_sets_gold_with_the_label_keys_and_n_goes_to_disagreements() {
    let mut s = team_session();
    assert_eq!(s.toggle_review(), Event::Review { on: true });
    s.focus_sentence(0);
    assert_eq!(s.command(&Command::NextUndecided, 10), Event::Focused { index: 1, of: 3 });
    let ev = s.command(&Command::Label(1), 11); // gold denial on d0:1
    assert!(matches!(ev, Event::GoldSet { index: 1, then: Some((0, 2)), .. }), "{ev:?}");
    assert_eq!((s.open_index(), s.focus()), (1, 0), "on to the next disagreement, in the next document");
    assert_eq!(s.anns().labels_of("d0", 1), ["claim"], "one's own labels stay");
    assert_eq!(s.verdict("d0", 1).status, Status::Adjudicated);
    assert_eq!(s.verdict("d0", 1).gold, Some(vec!["denial".to_owned()]));
    s.command(&Command::DecideNone, 12); // d1:0 gold none
    assert_eq!(s.review_progress(), (2, 2));
    assert_eq!(s.command(&Command::NextUndecided, 13), Event::AllResolved);
    // Undo takes the gold back, not one's own labels.
    s.command(&Command::Undo, 14);
    assert_eq!(s.verdict("d1", 0).status, Status::Unresolved);
    assert_eq!(s.anns().labels_of("d1", 0), ["demand"]);
    s.command(&Command::Redo, 15);
    assert_eq!(s.verdict("d1", 0).gold, Some(Vec::new()));
    // The agreed label toggled off leaves no gold record: still unanimous; another label overrules.
    s.select_doc(0);
    s.focus_sentence(0);
    assert_eq!(s.command(&Command::Label(0), 16), Event::Quiet);
    assert_eq!(s.verdict("d0", 0).status, Status::Unanimous);
    s.command(&Command::Label(1), 16);
    assert_eq!(s.verdict("d0", 0).status, Status::Adjudicated, "the curator overruled the annotators");
    s.command(&Command::Undo, 17);
    assert_eq!(s.verdict("d0", 0).status, Status::Unanimous);
    // Out of review mode the keys label one's own work again.
    s.toggle_review();
    s.focus_sentence(2);
    s.command(&Command::Label(2), 18);
    assert_eq!(s.anns().labels_of("d0", 2), ["demand"]);
}

#[test]
fn the_gold_export_carries_gold_labels_ratings_and_status() {
    let mut s = team_session();
    s.toggle_review();
    s.focus_sentence(1);
    s.command(&Command::Label(1), 10);
    let e = s.gold_export(&crate::export::ExportOptions {
        exported_at: "t".into(),
        annotator: Some("cur".into()),
        ..Default::default()
    });
    assert_eq!(e.curator.as_deref(), Some("cur"));
    crate::export::check(&e).unwrap();
    let d0 = &e.documents[0].sentences;
    assert_eq!(d0[0].labels, ["claim"]);
    assert_eq!(d0[0].status.as_deref(), Some("unanimous"));
    assert_eq!(d0[1].labels, ["denial"]);
    assert_eq!(d0[1].status.as_deref(), Some("adjudicated"));
    let who = d0[1].annotations.as_ref().unwrap();
    assert_eq!(who["ana"], ["claim"]);
    assert_eq!(who["ben"], ["denial"]);
    assert_eq!(d0[2].status.as_deref(), Some("single"));
    assert_eq!(d0[2].annotations.as_ref().unwrap()["ben"], Vec::<String>::new());
    let d1 = &e.documents[1].sentences;
    assert_eq!((d1[0].status.as_deref(), d1[0].decided), (Some("unresolved"), Some(false)));
    let jsonl = crate::export::to_jsonl(&e);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["status"], "unanimous");
    assert_eq!(
        (&first["curator"], &first["annotator"], &first["gold"]),
        (&json!("cur"), &json!("cur"), &json!("labelled"))
    );
    let ratings = first["annotations"].as_array().unwrap();
    assert!(ratings.contains(&json!({"annotator": "cy", "label": ["claim"]})), "{ratings:?}");
    // "gold none" and "no gold yet" both have `label: []`; `gold` tells them apart.
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let unset = lines.iter().find(|l| l["status"] == "unresolved").unwrap();
    assert_eq!((&unset["label"], &unset["gold"], &unset["decided"]), (&json!([]), &json!("unset"), &json!(false)));
    assert_eq!(
        (&lines[2]["label"], &lines[2]["gold"], &lines[2]["decided"]),
        (&json!([]), &json!("none"), &json!(true))
    );
}

#[test]
fn a_decision_on_the_last_sentence_goes_on_to_the_next_undecided_one() {
    let mut s = session();
    s.focus_sentence(2);
    let ev = s.command(&Command::Label(0), 1);
    let Event::Edited { then: Some((0, 2)), moved: Some(Moved::Undecided { title: Some(t) }), .. } = ev else {
        panic!("{ev:?}")
    };
    assert_eq!(t, s.docs()[1].title);
    assert_eq!((s.open_index(), s.focus()), (1, 0));
    assert_eq!(s.anns().labels_of("d0", 2), ["claim"], "the label stays: the next key is for the next sentence");
    // From d1's last sentence the search wraps round to d0's first undecided one.
    s.focus_sentence(1);
    let ev = s.command(&Command::DecideNone, 2);
    let Event::Edited { then: Some((0, 3)), moved: Some(Moved::Undecided { title: Some(t) }), .. } = ev else {
        panic!("{ev:?}")
    };
    assert_eq!(t, s.docs()[0].title);
    // An earlier undecided sentence of the same document (d1 all decided): no title to say.
    s.select_doc(1);
    s.focus_sentence(0);
    s.command(&Command::DecideNone, 3);
    s.select_doc(0);
    s.focus_sentence(2);
    s.command(&Command::Clear, 3);
    s.focus_sentence(2);
    let ev = s.command(&Command::Label(0), 3);
    assert!(
        matches!(ev, Event::Edited { then: Some((0, 3)), moved: Some(Moved::Undecided { title: None }), .. }),
        "{ev:?}"
    );
    // When everything is decided the focus stays and the page says so.
    s.focus_sentence(0);
    s.command(&Command::DecideNone, 4);
    s.command(&Command::Label(1), 4);
    assert_eq!(s.focus(), 2);
    let ev = s.command(&Command::Label(1), 4);
    assert!(matches!(ev, Event::Edited { moved: Some(Moved::AllDecided), .. }), "{ev:?}");
}

#[test]
fn home_end_and_pages_move_the_focus() {
    let mut s = Session::new(LabelSet::default_set(), 0);
    let text: String = (0..30).map(|i| format!("Sentence number {i} here. ")).collect();
    s.add_documents(vec![doc("long", &text)], false);
    let n = s.docs()[0].sentences.len();
    assert!(n >= 25, "{n}");
    s.command(&Command::Last, 1);
    assert_eq!(s.focus(), n - 1);
    s.command(&Command::PageUp, 2);
    assert_eq!(s.focus(), n - 11);
    s.command(&Command::First, 3);
    assert_eq!(s.focus(), 0);
    s.command(&Command::PageDown, 4);
    assert_eq!(s.focus(), 10);
    s.command(&Command::PageUp, 5);
    s.command(&Command::PageUp, 6);
    assert_eq!(s.focus(), 0, "as far as there are");
}

#[test]
fn each_document_keeps_its_place() {
    let mut s = session();
    s.focus_sentence(2);
    s.command(&Command::NextDoc, 1);
    assert_eq!((s.open_index(), s.focus()), (1, 0));
    s.focus_sentence(1);
    s.command(&Command::PrevDoc, 2);
    assert_eq!((s.open_index(), s.focus()), (0, 2), "back where it was left");
    s.command(&Command::NextDoc, 3);
    assert_eq!(s.focus(), 1);
    assert_eq!(s.places().get("d0"), Some(&2));
    // A remembered sentence hidden by the filter gives way to the first shown one.
    s.command(&Command::Label(0), 4); // d1:1 claim
    s.set_filter(Filter::Label("claim".into()));
    s.select_doc(0);
    assert_eq!(s.focus(), 0, "d0 has no claim: the first sentence");
}

#[test]
fn the_label_set_is_edited_checked_stored_exported_and_restored() {
    let mut s = session();
    s.command(&Command::Label(0), 1); // claim on d0:0
    let mut set = (**s.labels()).clone();
    set.labels.retain(|l| l.name != "claim");
    set.labels[0].key = "7".into();
    set.guidelines = "First paragraph.\n\nSecond, with an example: \"We deny it.\"".into();
    // a reserved key is refused with a reason, nothing changes
    let mut bad = set.clone();
    bad.labels[0].key = "j".into();
    assert_eq!(
        s.set_labels(bad),
        Err(crate::labels::LabelError::KeyNotFree { label: "denial".into(), key: "j".into() })
    );
    assert_eq!(s.labels().names(), ["claim", "denial", "demand"]);
    assert_eq!(s.set_labels(set.clone()), Ok(Event::LabelsChanged { count: 2 }));
    assert!(s.custom_labels());
    // the keys follow the set
    assert_eq!(
        keys::resolve(s.keymap(), &keys::KeyPress { key: "7".into(), ctrl: false, shift: false, alt: false }),
        Some(Command::Label(0))
    );
    // a label no longer in the set stays on its sentence
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
    // stored with the meta record, preferred to labels.json at the next load
    let meta = crate::storage::plan::meta_of(&s);
    assert_eq!(meta.labels.as_ref(), Some(&set));
    let parts = Parts { labels: meta.labels.clone(), ..Default::default() };
    let back = Session::from_parts(LabelSet::default_set(), 0, parts);
    assert_eq!(**back.labels(), set);
    assert!(back.custom_labels());
    // exported in full, and one's own export restores it into a fresh page
    let e = crate::export::build(&[&s.docs()[0]], s.anns(), s.labels(), &Default::default());
    assert_eq!(e.label_set.as_ref(), Some(&set));
    let mut fresh = session();
    let route = fresh.import_export(Vec::new(), None, &e.labels, &[], 3);
    assert_eq!(fresh.adopt_export_labels(&route, e.label_set.clone()), Event::LabelsChanged { count: 2 });
    assert_eq!(fresh.labels().guidelines, set.guidelines);
    // a colleague's export never changes it
    fresh.set_annotator("ana".into());
    let route = fresh.import_export(Vec::new(), Some("ben"), &e.labels, &[], 4);
    let mut other = set.clone();
    other.labels[0].color = "#123456".into();
    assert_eq!(fresh.adopt_export_labels(&route, Some(other)), Event::Quiet);
}
