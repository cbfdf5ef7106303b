//! The team side of a session against the rules of docs/FORMAT.md §7: who is a rater, when a
//! sentence is unanimous, what review mode proposes, and whose work an import becomes. The
//! agreement figures are checked against the reference values of
//! tests/data/agreement_fixtures.json (scikit-learn, statsmodels, krippendorff).

use super::*;

const FIXTURES: &str = include_str!("../../../../../tests/data/agreement_fixtures.json");

/// One document of `n` sentences, one a line.
fn numbered(n: usize) -> Session {
    let text: Vec<String> = (0..n).map(|i| format!("Sentence number {i} here.")).collect();
    let mut s = Session::new(LabelSet::default_set(), 0);
    s.add_documents(vec![doc("d0", &text.join("\n"))], false);
    assert_eq!(s.docs()[0].sentences.len(), n);
    s
}

/// The fixture `name`: (annotators, rows, expected figures).
fn fixture(name: &str) -> (Vec<String>, Vec<Vec<Option<u16>>>, serde_json::Value) {
    let file: serde_json::Value = serde_json::from_str(FIXTURES).unwrap();
    let f = file["fixtures"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap().clone();
    let names = serde_json::from_value(f["annotators"].clone()).unwrap();
    let rows = serde_json::from_value(f["rows"].clone()).unwrap();
    (names, rows, f["expected"].clone())
}

fn close(got: Option<f64>, want: &serde_json::Value, what: &str) {
    match (got, want.as_f64()) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{what}: {g} != {w}"),
        (None, None) => {}
        _ => panic!("{what}: {got:?} != {want}"),
    }
}

#[test]
fn a_curator_with_no_decision_is_no_rater_and_the_figures_are_the_references() {
    let (names, rows, want) = fixture("curator_not_rater");
    let categories = LabelSet::default_set().names();
    let mut s = numbered(rows.len());
    s.set_annotator("curator".into());
    // Each colleague's column of the fixture becomes their export (3 = none applies).
    for (j, name) in names.iter().enumerate().filter(|(_, n)| *n != "curator") {
        let picks: Vec<(usize, Vec<&str>)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                r[j].map(|c| (i, categories.get(usize::from(c)).map(String::as_str).into_iter().collect()))
            })
            .collect();
        let wanted: Vec<(&str, usize, &[&str])> = picks.iter().map(|(i, l)| ("d0", *i, l.as_slice())).collect();
        let export = their_export(&s, &wanted);
        s.import_export(export, Some(name), &categories, &[], 1);
    }
    let v = s.agreement(None);
    assert_eq!(v.table.annotators, ["ana", "ben", "cy"], "the curator takes part in no figure");
    let r = v.report.unwrap();
    close(r.alpha.value, &want["krippendorff_alpha"]["value"], "alpha");
    close(r.fleiss_kappa.value, &want["fleiss_kappa"]["value"], "fleiss");
    assert_eq!(r.fleiss_kappa.n as u64, want["fleiss_kappa"]["n"].as_u64().unwrap());
    close(r.percent_agreement.value, &want["percent_agreement"]["value"], "percent");
    assert_eq!(r.pairs.len(), 3);
    for p in &r.pairs {
        close(p.kappa.value, &want["cohen_kappa"][&p.key]["value"], &p.key);
    }
    for (c, (_, m)) in v.per_label.iter().enumerate() {
        close(m.value, &want["alpha_per_category"][c]["value"], "alpha per label");
    }
    // Once the curator decides a sentence, they rate: a column of their own.
    s.command(&Command::Label(0), 2);
    assert_eq!(s.agreement(None).table.annotators, ["curator", "ana", "ben", "cy"]);
    // ... in the scope where they decided; another document's figures leave them out.
    s.add_documents(vec![doc("d1", "Another one.\nAnd more.")], false);
    let cy = their_export(&s, &[("d1", 0, &["claim"]), ("d1", 1, &[])]);
    let ben = their_export(&s, &[("d1", 0, &["claim"])]);
    s.import_export(cy, Some("cy"), &categories, &[], 3);
    s.import_export(ben, Some("ben"), &categories, &[], 4);
    assert_eq!(s.agreement(Some("d1")).table.annotators, ["ben", "cy"]);
}

/// A curator's page (no decisions of its own) with ana, ben and cy's layers on one document
/// of five sentences; `votes[i]` are their decisions on sentence i (`None`: not rated).
fn review_session(votes: &[[Option<&[&str]>; 3]]) -> Session {
    let categories = LabelSet::default_set().names();
    let mut s = numbered(votes.len());
    s.set_annotator("curator".into());
    for (j, name) in ["ana", "ben", "cy"].iter().enumerate() {
        let wanted: Vec<(&str, usize, &[&str])> =
            votes.iter().enumerate().filter_map(|(i, v)| v[j].map(|l| ("d0", i, l))).collect();
        let export = their_export(&s, &wanted);
        s.import_export(export, Some(name), &categories, &[], 1);
    }
    s
}

const CLAIM: Option<&[&str]> = Some(&["claim"]);
const DENIAL: Option<&[&str]> = Some(&["denial"]);
const NONE: Option<&[&str]> = Some(&[]);

#[test]
fn unanimous_only_when_every_annotator_present_rated_it() {
    let s = review_session(&[
        [CLAIM, CLAIM, CLAIM],
        [CLAIM, CLAIM, None],
        [CLAIM, None, None],
        [NONE, NONE, NONE],
        [CLAIM, DENIAL, CLAIM],
    ]);
    assert_eq!(s.present_in("d0"), 3, "the curator decided nothing: not present");
    let v = s.verdict("d0", 0);
    assert_eq!((v.status, v.gold), (Status::Unanimous, Some(vec!["claim".to_owned()])));
    // Two alike while cy, present in the document, said nothing: not unanimous, no gold yet.
    let v = s.verdict("d0", 1);
    assert_eq!((v.status, v.gold, v.ratings.len()), (Status::Unresolved, None, 2));
    assert!(s.disagreement("d0", 1), "the curator has to look at it");
    assert_eq!(s.verdict("d0", 2).status, Status::Single);
    assert_eq!(s.verdict("d0", 3).status, Status::Unanimous);
    assert_eq!(s.verdict("d0", 3).gold, Some(Vec::new()));
    assert_eq!(s.verdict("d0", 4).status, Status::Unresolved);
    assert_eq!(s.review_progress(), (0, 2));
    // n visits the incomplete one too.
    let mut s = s;
    s.toggle_review();
    s.focus_sentence(0);
    assert_eq!(s.command(&Command::NextUndecided, 2), Event::Focused { index: 1, of: 5 });
    assert_eq!(s.command(&Command::NextUndecided, 3), Event::Focused { index: 4, of: 5 });
    // Gold set to the label the two gave: adjudicated, not unanimous.
    s.focus_sentence(1);
    s.command(&Command::Label(0), 4);
    assert_eq!(s.verdict("d0", 1).status, Status::Adjudicated);
}

#[test]
fn a_page_is_never_nameless() {
    assert_eq!(generated_name(0x7f3a), "annotator-7f3a");
    assert_eq!(generated_name(0x000b), "annotator-000b", "always four digits");
    let mut s = numbered(1);
    assert_eq!(s.ensure_name(0xbeef), Some("annotator-beef".to_owned()));
    assert_eq!(s.annotator(), "annotator-beef");
    assert_eq!(s.ensure_name(0x1234), None, "a name is kept");
    s.set_annotator("  maria ".into());
    assert_eq!(s.annotator(), "maria", "renamed, trimmed");
    s.set_annotator("   ".into());
    assert_eq!(s.annotator(), "maria", "an empty name keeps the one there is");
}

fn arrival(s: &Session, source: &str, name: Option<&str>, labels: &[(&str, usize, &[&str])]) -> Arrival {
    Arrival {
        source: source.into(),
        incoming: their_export(s, labels),
        annotator: name.map(str::to_owned),
        labels: LabelSet::default_set().names(),
        label_set: None,
        done: Vec::new(),
    }
}

fn routes(out: &[Routed]) -> Vec<String> {
    out.iter()
        .map(|r| match &r.route {
            ExportRoute::Own { took_name, .. } => format!("own {}", took_name.as_deref().unwrap_or("-")),
            ExportRoute::Layer { name, .. } => format!("layer {name}"),
            ExportRoute::Asked { name } => format!("asked {}", name.as_deref().unwrap_or("-")),
            ExportRoute::NotImported { .. } => "not imported".to_owned(),
            ExportRoute::OtherLabels { .. } => "other labels".to_owned(),
        })
        .collect()
}

#[test]
fn a_curator_is_asked_whose_work_one_export_is_and_stays_the_curator() {
    let mut s = numbered(3);
    s.set_annotator("curator".into());
    s.begin_drop();
    let ana =
        arrival(&s, "annotations-ana-20261121-100000.json", Some("ana"), &[("d0", 0, &["claim"]), ("d0", 1, &[])]);
    assert_eq!(routes(&s.receive_export(ana.clone(), 1)), ["asked ana"]);
    let q = s.import_question().unwrap();
    assert_eq!((q.name.as_deref(), q.layer.as_str(), q.documents, q.decisions, q.more), (Some("ana"), "ana", 1, 2, 0));
    assert!(s.layers().is_empty() && s.anns().labels_of("d0", 0).is_empty(), "nothing imported while asking");
    // "Add as a layer": the curator stays the curator, with no labels of their own.
    assert_eq!(routes(&s.answer_import(Answer::Layer, 2)), ["layer ana"]);
    assert_eq!(s.annotator(), "curator");
    assert!(s.anns().labels_of("d0", 0).is_empty());
    assert_eq!(s.decisions_on("d0", 0), [("ana".to_owned(), vec!["claim".to_owned()])]);
    assert!(s.import_question().is_none());
    assert_eq!(s.answer_import(Answer::Mine, 3), [], "no question, no answer");

    // "Restore as mine": a person moving to a new browser takes the export's name and work.
    let mut s = numbered(3);
    s.begin_drop();
    s.receive_export(ana.clone(), 1);
    assert_eq!(routes(&s.answer_import(Answer::Mine, 2)), ["own ana"]);
    assert_eq!(s.annotator(), "ana");
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
    assert!(s.layers().is_empty());
    // ... and an export of one's own name merges without a question.
    let again = arrival(&s, "b.json", Some("ana"), &[("d0", 2, &["demand"])]);
    s.begin_drop();
    assert_eq!(routes(&s.receive_export(again, 3)), ["own -"]);
    assert_eq!(s.anns().labels_of("d0", 2), ["demand"]);

    // Escape: not imported, nothing changed.
    let mut s = numbered(3);
    s.begin_drop();
    s.receive_export(ana, 1);
    assert_eq!(routes(&s.answer_import(Answer::Cancel, 2)), ["not imported"]);
    assert!(s.layers().is_empty() && s.import_question().is_none());
}

#[test]
fn several_annotators_in_one_drop_become_layers_without_a_question() {
    let mut s = numbered(3);
    s.set_annotator("curator".into());
    s.begin_drop();
    let ana = arrival(&s, "a.json", Some("ana"), &[("d0", 0, &["claim"])]);
    let ben = arrival(&s, "b.json", Some("ben"), &[("d0", 0, &["denial"])]);
    let cy = arrival(&s, "c.json", Some("cy"), &[("d0", 0, &[])]);
    assert_eq!(routes(&s.receive_export(ana.clone(), 1)), ["asked ana"]);
    // The second annotator of the drop: the first was no move to a new browser either.
    assert_eq!(routes(&s.receive_export(ben, 2)), ["layer ana", "layer ben"]);
    assert_eq!(routes(&s.receive_export(cy, 3)), ["layer cy"]);
    assert!(s.import_question().is_none());
    assert_eq!(s.layers().names().collect::<Vec<_>>(), ["ana", "ben", "cy"]);
    assert_eq!(s.annotator(), "curator");
    // Two exports of the same annotator in one drop are still one annotator: asked.
    let mut s = numbered(3);
    s.begin_drop();
    s.receive_export(ana.clone(), 1);
    assert_eq!(routes(&s.receive_export(ana, 2)), ["asked ana"]);
    assert_eq!(s.import_question().unwrap().more, 1);
}

#[test]
fn a_nameless_export_never_merges_silently_into_ones_own_labels() {
    let mut s = numbered(3);
    s.set_annotator("maria".into());
    s.command(&Command::Label(0), 1); // d0:0 claim, maria's own
    s.begin_drop();
    let old = arrival(&s, "annotations-20250101-090000.json", None, &[("d0", 0, &["denial"]), ("d0", 1, &["demand"])]);
    assert_eq!(routes(&s.receive_export(old.clone(), 2)), ["asked -"]);
    let q = s.import_question().unwrap();
    assert_eq!((q.name, q.layer.as_str()), (None, "annotations-20250101-090000"));
    assert_eq!(s.anns().labels_of("d0", 1), Vec::<String>::new(), "nothing merged while asking");
    // As a layer, named by its file; maria's labels stay.
    assert_eq!(routes(&s.answer_import(Answer::Layer, 3)), ["layer annotations-20250101-090000"]);
    assert_eq!(s.anns().labels_of("d0", 0), ["claim"]);
    assert_eq!(s.decisions_on("d0", 1), [("annotations-20250101-090000".to_owned(), vec!["demand".to_owned()])]);
    // As one's own: merged, the disagreement a conflict to decide, the name kept.
    s.begin_drop();
    s.receive_export(old, 4);
    let out = s.answer_import(Answer::Mine, 5);
    assert!(matches!(&out[0].route, ExportRoute::Own { report, took_name: None } if report.conflicts == 1), "{out:?}");
    assert_eq!((s.annotator(), s.conflicts().len()), ("maria", 1));
    assert_eq!(s.anns().labels_of("d0", 1), ["demand"]);
}

#[test]
fn an_answer_settles_the_questions_it_makes_certain() {
    let mut s = numbered(3);
    s.begin_drop();
    s.receive_export(arrival(&s, "a.json", Some("ana"), &[("d0", 0, &["claim"])]), 1);
    s.begin_drop();
    s.receive_export(arrival(&s, "b.json", Some("ben"), &[("d0", 0, &["denial"])]), 2);
    s.receive_export(arrival(&s, "old.json", None, &[("d0", 1, &[])]), 3);
    assert_eq!(s.import_question().unwrap().more, 2);
    // ana's is the person's own: now the page has decisions, so ben's is a layer; the
    // nameless one still asks.
    assert_eq!(routes(&s.answer_import(Answer::Mine, 4)), ["own ana", "layer ben"]);
    let q = s.import_question().unwrap();
    assert_eq!((q.name, q.more), (None, 0));
}

#[test]
fn review_by_mouse_takes_a_vote_and_enter_takes_the_majority() {
    let mut s = review_session(&[
        [CLAIM, DENIAL, CLAIM],
        [CLAIM, DENIAL, NONE],
        [NONE, NONE, None],
        [CLAIM, DENIAL, None],
        [CLAIM, CLAIM, CLAIM],
    ]);
    let claim = Some(vec!["claim".to_owned()]);
    assert_eq!(s.verdict("d0", 0).majority, claim, "2 of 3");
    assert_eq!(s.verdict("d0", 1).majority, None, "three different votes");
    assert_eq!(s.verdict("d0", 2).majority, Some(Vec::new()), "2 of 2 said none, one did not rate it");
    assert_eq!(s.verdict("d0", 3).majority, None, "1 to 1");
    s.toggle_review();
    s.focus_sentence(0);
    // Enter takes the majority as gold and moves on to the next unresolved sentence.
    let ev = s.command(&Command::AcceptSuggestion, 2);
    assert!(matches!(ev, Event::GoldSet { index: 0, then: Some((1, 5)), .. }), "{ev:?}");
    assert_eq!((s.verdict("d0", 0).gold, s.verdict("d0", 0).status), (claim.clone(), Status::Adjudicated));
    assert!(s.anns().labels_of("d0", 0).is_empty(), "gold is no label of the curator's own");
    // No majority: Enter does nothing.
    assert_eq!(s.command(&Command::AcceptSuggestion, 3), Event::Quiet);
    // A click on cy's vote ("none") takes it; undo takes it back.
    assert!(matches!(s.take_gold(Vec::new(), 4), Event::GoldSet { index: 1, .. }));
    assert_eq!(s.verdict("d0", 1).gold, Some(Vec::new()));
    s.command(&Command::Undo, 5);
    assert_eq!(s.verdict("d0", 1).gold, None);
    // The label buttons edit gold in review mode as the keys do.
    s.focus_sentence(3);
    s.edit_gold(crate::annotations::Edit::ToggleLabel("demand".into()), 6);
    assert_eq!(s.verdict("d0", 3).gold, Some(vec!["demand".to_owned()]));
    assert_eq!(s.review_progress(), (2, 4));
}

#[test]
fn a_confusion_cell_leads_to_its_sentences() {
    let s =
        review_session(&[[CLAIM, DENIAL, None], [CLAIM, CLAIM, None], [CLAIM, DENIAL, CLAIM], [NONE, DENIAL, NONE]]);
    let v = s.agreement(None);
    assert_eq!(v.items.len(), v.table.rows.len());
    let (ana, ben) = (0, 1);
    assert_eq!(v.table.annotators[..2], ["ana", "ben"]);
    // ana said claim (0), ben said denial (1): sentences 0 and 2, as the matrix counts them.
    assert_eq!(v.cell_items(ana, ben, 0, 1), [("d0".to_owned(), 0), ("d0".to_owned(), 2)]);
    let pair = &v.report.as_ref().unwrap().pairs[0];
    assert_eq!(pair.confusion[0][1], 2);
    assert_eq!(v.cell_items(ana, ben, 3, 1), [("d0".to_owned(), 3)]);
    assert!(v.cell_items(ana, ben, 2, 2).is_empty());
}

#[test]
fn documents_are_listed_worst_agreeing_first_and_each_names_its_figures() {
    let categories = LabelSet::default_set().names();
    let mut s = Session::new(LabelSet::default_set(), 0);
    s.add_documents(
        vec![
            doc("good", "One is fine.\nTwo is fine.\nThree is fine."),
            doc("bad", "Four is odd.\nFive is odd."),
            doc("once", "Six alone."),
            doc("half", "Seven here.\nEight here."),
        ],
        false,
    );
    s.set_annotator("curator".into());
    let claim: &[&str] = &["claim"];
    let denial: &[&str] = &["denial"];
    let none: &[&str] = &[];
    let ana = their_export(
        &s,
        &[
            ("good", 0, claim),
            ("good", 1, denial),
            ("good", 2, none),
            ("bad", 0, claim),
            ("bad", 1, claim),
            ("once", 0, claim),
            ("half", 0, claim),
            ("half", 1, claim),
        ],
    );
    let ben = their_export(
        &s,
        &[
            ("good", 0, claim),
            ("good", 1, denial),
            ("good", 2, none),
            ("bad", 0, denial),
            ("bad", 1, none),
            ("half", 0, claim),
            ("half", 1, denial),
        ],
    );
    s.import_export(ana, Some("ana"), &categories, &[], 1);
    s.import_export(ben, Some("ben"), &categories, &[], 2);
    let v = s.agreement(None);
    let order: Vec<(&str, Option<f64>, usize)> =
        v.by_doc.iter().map(|d| (d.doc.as_str(), d.percent.value, d.percent.n)).collect();
    assert_eq!(order, [("bad", Some(0.0), 2), ("half", Some(0.5), 2), ("good", Some(1.0), 3)]);
    assert!(v.by_doc.iter().all(|d| d.doc != "once"), "rated once: nothing to agree on");
    assert_eq!(v.by_doc[2].alpha.value, Some(1.0));
    // One document's scope lists that document only.
    assert_eq!(s.agreement(Some("half")).by_doc.len(), 1);
    // Several labels per sentence: no per-document figures either.
    let mut multi = s.settings().clone();
    multi.multi_label = true;
    s.set_settings(multi);
    assert!(s.agreement(None).by_doc.is_empty());
}

#[test]
fn sentences_whose_boundaries_differ_are_counted_not_silently_unmatched() {
    use crate::segment::Span;
    let categories = LabelSet::default_set().names();
    let text = "He said so, and she denied it. Then more. And the end.";
    let mut s = Session::new(LabelSet::default_set(), 0);
    s.add_documents(vec![doc("d", text), doc("e", "Other text. Same here.")], false);
    assert_eq!(s.docs()[0].sentences.len(), 3);
    s.set_annotator("ana".into());
    for i in 0..3 {
        s.focus_sentence(i);
        s.command(&Command::Label(0), 1);
    }
    // ben split the first sentence before "and" and joined the last two, rating every part.
    let at = text.find("and").unwrap();
    let end = text.find(" Then").unwrap() + 1;
    let spans = [Span { start: 0, end: at - 1 }, Span { start: at, end }, Span { start: end + 1, end: text.len() }];
    let theirs = Document::with_spans("d".into(), "d.txt".into(), "d".into(), None, text.into(), &spans);
    let mut ben = DocAnnotations::new();
    for (i, l) in [(0, "claim"), (1, "denial"), (2, "demand")] {
        ben.insert(i, crate::annotations::Annotation { labels: vec![l.into()], updated: 1, ..Default::default() });
    }
    s.import_export(vec![(theirs, ben)], Some("ben"), &categories, &[], 2);
    // cy has the page's boundaries.
    let cy = their_export(&s, &[("d", 0, &["claim"]), ("e", 0, &["claim"])]);
    s.import_export(cy, Some("cy"), &categories, &[], 3);
    let b = s.agreement(None).boundaries;
    // All three of the page's sentences of d are not ben's; e has no boundary disagreement.
    assert_eq!(b.sentences, [("d".to_owned(), 0), ("d".to_owned(), 1), ("d".to_owned(), 2)]);
    assert_eq!(b.annotators, ["ben"]);
    assert_eq!(b.left_out, 3, "ben's three decisions are on sentences the page does not have");
    assert_eq!(s.agreement(Some("e")).boundaries, Default::default());
}
