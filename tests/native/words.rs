//! The page's words for import and export errors (src/view/words.rs, native like all of
//! `view`): the exact sentences the page showed before the errors were typed, one per kind,
//! read off real files, so a change of wording is a deliberate one. The end-to-end suite
//! reads some of them (the file's name, "20 MB", "newer").

pub use sentence_annotator::view::words::{export_error, import_error, import_warning, sync_error};
use sentence_annotator::view::{announce, words as page};

use annotator_core::export;
use annotator_core::import::{self, Imported};

/// The page's sentence for a refused file.
fn refusal(name: &str, bytes: &[u8]) -> String {
    match import::parse_file(name, bytes) {
        Ok(_) => panic!("{name} was accepted"),
        Err(e) => import_error(&e),
    }
}

/// The page's sentences for the warnings of an accepted file.
fn warnings(name: &str, bytes: &[u8]) -> Vec<String> {
    let (_, w) = import::parse_file(name, bytes).unwrap();
    w.iter().map(import_warning).collect()
}

#[test]
fn refused_files() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("x.txt", b"abc\xFFdef", "x.txt: not valid UTF-8 at byte 3 (is it in another encoding, such as Windows-1252? Save it as UTF-8)"),
        ("s.txt", &[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0], "s.txt: not valid UTF-16 (a lone surrogate at byte 4)"),
        ("s.txt", &[0xFF, 0xFE, b'a'], "s.txt: UTF-16 text with an odd number of bytes (the file is cut short)"),
        ("x.txt", b"%PDF-1.7", "x.txt looks like a PDF file, not text"),
        ("z.docx", b"PK\x03\x04\x14\x00", "z.docx looks like a ZIP archive (or a Word, Excel or OpenDocument file), not text"),
        ("r.rtf", b"{\\rtf1 x", "r.rtf looks like a Rich Text (RTF) document: save it as plain text, not text"),
        ("w.exe", b"MZ\x90\x00\x03\x00", "w.exe looks like a Windows executable, not text"),
        ("n.txt", b"hello\0world", "n.txt looks like a binary file, not text (it contains NUL bytes)"),
        ("u.txt", b"h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0", "u.txt looks like UTF-16 text without a byte order mark: save it as UTF-8"),
        ("u.txt", b"\xFF\xFE\0\0h\0\0\0", "u.txt is in UTF-32, which is not supported: save it as UTF-8"),
        ("u.txt", b"\xFF\xFEh\0\0\0", "u.txt looks like a binary file, not text (it contains NUL characters)"),
        ("e.txt", b"", "e.txt is empty"),
        ("e.txt", b" \n\t ", "e.txt has no text (only white space)"),
        ("o.json", b"plain words", "o.json is not JSON: it should hold an array of articles, JSON Lines or an export"),
        ("b.json", br#"[{"text":"a"}"#, "b.json: not valid JSON: EOF while parsing a list (line 1, column 13)"),
        ("b.json", br#"[{"text":"\ud800"}]"#, "b.json: not valid JSON: unexpected end of hex escape: a \\u escape that is not a character (a lone surrogate?) (line 1, column 17)"),
        ("b.json", br#"[{"text":"a"},{"title":"x"}]"#, "b.json, item 2: \"text\" is missing"),
        ("b.json", br#"[{"text":1}]"#, "b.json, item 1: \"text\" must be a string, not a number"),
        ("b.json", br#"[{"text":"a","title":["x"]}]"#, "b.json, item 1: \"title\" must be a string, not a list"),
        ("b.json", br#"[{"text":"a","date":true}]"#, "b.json, item 1: \"date\" must be a string, not true or false"),
        ("b.json", br#"[{"text":"a","source":{}}]"#, "b.json, item 1: \"source\" must be a string, not an object"),
        ("b.json", br#"[{"text":"a"}, "s"]"#, "b.json, item 2: expected an object with \"text\", found a string"),
        ("b.json", br#"[{"text":"a"}, null]"#, "b.json, item 2: expected an object with \"text\", found null"),
        ("b.json", b"[]", "b.json holds no articles (an empty list)"),
        ("f.jsonl", b"{oops}\n{\"title\":\"b\"}\n", "f.jsonl, line 1: not valid JSON: key must be a string"),
        ("t.csv", b"id,body\n1,hello\n", "t.csv has no \"text\" column (its columns: id, body); name the column that holds the articles \"text\""),
        ("one.json", br#"{"text":"Only.","title":["T"]}"#, "one.json, the object: \"title\" must be a string, not a list"),
        ("one.json", br#"{"text":"  "}"#, "one.json has no article with text"),
        ("o.json", br#"{"format":"other"}"#, "o.json is not a Sentence Annotator export (its \"format\" is \"other\")"),
        ("o.json", br#"{"format":null}"#, "o.json is not a Sentence Annotator export (its \"format\" is null)"),
        ("o.json", br#"{"a":1}"#, "o.json is a JSON object without \"text\" or \"format\": neither an article nor an export"),
        ("d.csv", b"title,text\nA,\"open", "d.csv, row 2: a quoted field is never closed"),
        ("d.csv", b"title,text\nonly-title\n", "d.csv, row 2: no \"text\" field (the row has 1 fields, the header 2)"),
        ("n.json", br#"{"format":"sentence-annotator","version":3,"documents":[]}"#, "n.json: this export was made by a newer Sentence Annotator (version 3); this page reads version 1"),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(refusal(name, bytes), *want);
    }
    let e = import::check_size("big.txt", 20 * 1024 * 1024 + 1).unwrap_err();
    assert_eq!(import_error(&e), "big.txt is too large (20.0 MB); files up to 20 MB can be read");
    let e = import::check_size("b.txt", 21 * 1024 * 1024 + 512 * 1024).unwrap_err();
    assert!(import_error(&e).contains("(21.5 MB)"), "tenths computed in integers");
    let e = import::check_size("c.txt", 21 * 1024 * 1024 + 1024 * 1024 - 1).unwrap_err();
    assert!(import_error(&e).contains("(22.0 MB)"), "rounded to the nearest tenth");
    let e = import::parse_pasted("a\0b").unwrap_err();
    assert_eq!(import_error(&e), "the pasted text contains NUL characters: it is not text");
    let e = import::parse_pasted(" ").unwrap_err();
    assert_eq!(import_error(&e), "pasted text has no text (only white space)");
}

#[test]
fn warnings_of_read_files() {
    let json = br#"[{"id":"a","text":"One."},{"id":"a","text":"Dup."},{"text":"  "}]"#;
    assert_eq!(
        warnings("batch.json", json),
        [
            "batch.json, item 3: empty \"text\", skipped",
            "batch.json: id \"a\" of item 2 is already used by item 1; kept the first, skipped item 2",
        ]
    );
    assert_eq!(
        warnings("r.txt", b"[Reuters] Moscow said on Monday."),
        ["r.txt: not valid JSON: expected value (line 1, column 2); read as plain text instead"]
    );
    let csv = b"id,text\n1,\n2,Two.\n2,Again.\n";
    assert_eq!(
        warnings("d.csv", csv),
        [
            "d.csv, row 2: empty \"text\", skipped",
            "d.csv: id \"2\" of row 4 is already used by row 3; kept the first, skipped row 4",
        ]
    );
    let many = format!("[{}{{\"text\":\"x\"}}]", "{\"text\":\" \"},".repeat(25));
    let w = warnings("m.json", many.as_bytes());
    assert_eq!(w.len(), 21);
    assert_eq!(w[20], "… and 5 more warnings");
}

#[test]
fn refused_exports() {
    let minimal =
        |doc: &str| format!(r#"{{"format":"sentence-annotator","version":1,"labels":["claim"],"documents":[{doc}]}}"#);
    let cases = [
        (r#"{"format":"other","version":1}"#.to_owned(), "not a Sentence Annotator export (its format is \"other\")"),
        (r#"{"version":1}"#.to_owned(), "not a Sentence Annotator export (no \"format\": \"sentence-annotator\")"),
        (r#"{"format":"sentence-annotator"}"#.to_owned(), "the export has no \"version\""),
        (
            r#"{"format":"sentence-annotator","version":2}"#.to_owned(),
            "this export was made by a newer Sentence Annotator (version 2); this page reads version 1",
        ),
        (
            r#"{"format":"sentence-annotator","version":"one"}"#.to_owned(),
            "unknown export version \"one\"; this page reads version 1",
        ),
        ("nope".to_owned(), "not a valid JSON export: expected ident (line 1, column 2)"),
        ("[".repeat(10_000), "not a valid JSON export: nested too deeply (line 1, column 128)"),
        (
            r#"{"format":"sentence-annotator","version":1,"documents":[],"labels":3}"#.to_owned(),
            "the export is damaged: invalid type: integer `3`, expected a sequence (line 1, column 68)",
        ),
        (minimal(r#"{"id":"","text":"x"}"#), "document 1 of the export has an empty id"),
        (minimal(r#"{"id":"a","text":"x"},{"id":"a","text":"y"}"#), "document \"a\" appears twice in the export"),
        (
            minimal(r#"{"id":"a","text":"Ab.","sentences":[{"index":0,"start":0,"end":4,"text":"Ab."}]}"#),
            "document \"a\", sentence 0: offsets 0..4 do not fit in the text (3 characters)",
        ),
        (
            minimal(r#"{"id":"a","text":"Ab.","sentences":[{"index":0,"start":0,"end":2,"text":"Ab."}]}"#),
            "document \"a\", sentence 0: the text at 0..2 is not the sentence's text",
        ),
        (
            minimal(
                r#"{"id":"a","text":"Ab cd.","sentences":[{"index":1,"start":0,"end":2,"text":"Ab"},{"index":1,"start":3,"end":6,"text":"cd."}]}"#,
            ),
            "document \"a\", sentence 1: sentence indices must increase (after 1)",
        ),
        (
            minimal(
                r#"{"id":"a","text":"Ab cd.","sentences":[{"index":0,"start":0,"end":4,"text":"Ab c"},{"index":1,"start":3,"end":6,"text":"cd."}]}"#,
            ),
            "document \"a\", sentence 1: overlaps the sentence before it",
        ),
        (
            minimal(
                r#"{"id":"a","text":"Ab.","sentences":[{"index":0,"start":0,"end":3,"text":"Ab.","labels":["x"]}]}"#,
            ),
            "document \"a\", sentence 0: label \"x\" is not in the export's label list",
        ),
        (
            minimal(
                r#"{"id":"a","text":"Ab.","sentences":[{"index":0,"start":0,"end":3,"text":"Ab.","labels":["claim","claim"]}]}"#,
            ),
            "document \"a\", sentence 0: label \"claim\" is given twice",
        ),
    ];
    for (json, want) in cases {
        assert_eq!(export_error(&export::parse_export(&json).unwrap_err()), want);
    }
    // As a file, the export's refusal is prefixed with the file's name.
    let Err(e) = import::parse_file("x.json", minimal(r#"{"id":"","text":"x"}"#).as_bytes()) else { panic!() };
    assert_eq!(import_error(&e), "x.json: document 1 of the export has an empty id");
    let ok = minimal(r#"{"id":"a","text":"x"}"#);
    assert!(matches!(import::parse_file("x.json", ok.as_bytes()), Ok((Imported::Export(_), _))));
}

#[test]
fn what_a_screen_reader_hears() {
    use annotator_core::annotations::Annotation;
    use annotator_core::session::{Event, MergeReport};
    let ann = Annotation {
        labels: vec!["claim".into(), "demand".into()],
        unsure: true,
        note: "n".into(),
        ..Default::default()
    };
    assert_eq!(page::annotation(&ann, false), "claim, demand, unsure");
    assert_eq!(page::annotation(&ann, true), "claim, demand, unsure, note “n”");
    assert_eq!(page::annotation(&Annotation::default(), true), "no label");
    let said = |e: Event| announce::words(&e);
    assert_eq!(said(Event::Quiet), None);
    assert_eq!(said(Event::Focused { index: 1, of: 3 }).unwrap(), "Sentence 2 of 3");
    assert_eq!(
        said(Event::Edited { index: 0, ann: ann.clone(), then: Some((1, 3)), moved: None }).unwrap(),
        "Sentence 1: claim, demand, unsure. Sentence 2 of 3"
    );
    assert_eq!(said(Event::Undone { index: 4, ann: Annotation::default() }).unwrap(), "Undone: Sentence 5: no label");
    assert_eq!(said(Event::AllDecided).unwrap(), "Every sentence is decided");
    // boundary edits (docs/FORMAT.md §4, Sentence boundaries)
    assert_eq!(said(Event::Split { index: 0, of: 4 }).unwrap(), "Sentence 1 split in two: sentences 1 and 2 of 4");
    assert_eq!(said(Event::Joined { index: 2, dropped: vec![] }).unwrap(), "Sentences 3 and 4 joined");
    assert_eq!(
        said(Event::CannotJoin { last: false }).unwrap(),
        "The next sentence is in another paragraph: not joined"
    );
    assert_eq!(announce::dropped(2, &[]), None);
    assert_eq!(
        announce::dropped(2, &["denial".into()]).unwrap(),
        "Sentences 3 and 4 joined; one label per sentence, so the second part's “denial” was dropped (Ctrl+Z brings it back)."
    );
    assert_eq!(said(Event::NoSuggestion).unwrap(), "No suggestion on this sentence");
    let none = Annotation { none: true, ..Default::default() };
    assert_eq!(
        said(Event::Edited { index: 2, ann: none, then: None, moved: None }).unwrap(),
        "Sentence 3: none of the labels"
    );
    let report =
        MergeReport { added: 1, updated: 2, unchanged: 3, conflicts: 1, unmatched: vec![("d".into(), "Gone.".into())] };
    let (attention, text) = announce::merge_report("x.json", &report);
    assert!(attention);
    assert_eq!(
        text,
        "x.json: 1 document(s) added, 2 annotation(s) merged, 3 unchanged, 1 conflict(s) to resolve (see the list), \
         1 annotation(s) not applied because their sentence is not in our version of the document (d: “Gone.”)."
    );
}

#[test]
fn where_an_export_went_in_words() {
    use annotator_core::layers::LayerReport;
    use annotator_core::session::{ExportRoute, MergeReport};
    let own = ExportRoute::Own { report: MergeReport::default(), took_name: Some("ana".into()) };
    let (attention, text) = announce::export_route("a.json", &own);
    assert!(!attention);
    assert!(text.ends_with("The annotator name is now “ana”, the export's."), "{text}");
    let report = LayerReport { replaced: false, documents: 2, decisions: 9, unmatched: 1 };
    let (attention, text) =
        announce::export_route("b.json", &ExportRoute::Layer { name: "ben".into(), report, added_docs: 1 });
    assert!(attention, "an unplaced decision needs a look");
    assert_eq!(
        text,
        "b.json: ben's annotations added as a separate layer (9 decision(s) in 2 document(s)); yours are unchanged, \
         1 document(s) we did not have added, 1 decision(s) not placed because their sentence is not in our version of the document."
    );
    let refused = ExportRoute::OtherLabels { name: "cy".into(), theirs: vec!["praise".into()] };
    let (attention, text) = announce::export_route("c.json", &refused);
    assert!(attention && text.contains("praise") && text.starts_with("c.json: not added"), "{text}");
}

/// Where auto-advance went, in one short line: the article's place and the sentence's; the
/// title is the article's head, shown above, not repeated.
#[test]
fn where_auto_advance_went_in_words() {
    use annotator_core::session::Moved;
    let next = Moved::Undecided { title: Some("A very long title that the head shows".into()) };
    let line = announce::moved(&next, (4, 12), Some((0, 19)));
    assert_eq!(line, "Next article (4 of 12), sentence 1 of 19.");
    assert!(!line.contains("title"), "the title is the head's, not the message's");
    assert_eq!(
        announce::moved(&Moved::Undecided { title: None }, (1, 2), Some((2, 9))),
        "Back up to sentence 3 of 9: undecided, in this article."
    );
    assert_eq!(announce::moved(&Moved::AllDecided, (1, 2), None), "Every sentence of the corpus is decided.");
}

#[test]
fn bad_json_lines_are_named_once_and_counted() {
    let w = warnings("feed.jsonl", b"{\"text\":\"a\"}\n{oops}\n{\"text\":\"c\"}\n");
    assert_eq!(
        w,
        ["feed.jsonl, line 2: not valid JSON: key must be a string; skipped", "feed.jsonl: 2 of 3 lines imported"]
    );
}

/// The team sync's errors (docs/FORMAT.md §4, Team sync): each names its status code or its
/// cause, and says what to do; the end-to-end tests read "401", "password", "404", "address",
/// "unreachable".
#[test]
fn sync_errors_in_words() {
    use annotator_core::sync::SyncError as E;
    let cases = [
        (E::Unauthorized(String::new()), "401: not logged in to the team database, or the name or password is wrong: type your password and start the sync again."),
        (E::Unauthorized("Name or password is incorrect.".into()), "401: not logged in to the team database, or the name or password is wrong: type your password and start the sync again (the server says: Name or password is incorrect.)."),
        (E::Forbidden("Only ben can write ann:ben:d1.".into()), "403: the team database refused a change; the rest goes on (the server says: Only ben can write ann:ben:d1.)."),
        (E::NotFound, "404: there is no team database at this address: check the sync URL."),
        (E::Unreachable, "The team database is unreachable (offline): your work is kept here and sent when it answers again."),
        (E::Quota, "The team database is full or the change too large (quota): ask its administrator."),
        (E::OtherUser { session: "ben".into(), annotator: "ann".into() }, "Logged in as ben, but the annotator name is ann: log in as ann or change the name."),
        (E::NoName, "Set your annotator name before syncing: it is your name on the team database."),
        (E::Server { status: 500, reason: String::new() }, "500: the team database failed."),
        (E::BadAnswer("eof".into()), "The team database gave an answer that cannot be read: eof."),
    ];
    for (e, want) in cases {
        assert_eq!(sync_error(&e), want);
    }
}

/// A logout (Stop sync, Log out) that did not reach the server says the session may be open.
#[test]
fn a_failed_logout_in_words() {
    use annotator_core::sync::SyncError as E;
    assert_eq!(
        page::logout_error(&E::Unreachable),
        "Not logged out: the team database is unreachable. Log out again when it answers."
    );
    assert_eq!(
        page::logout_error(&E::Server { status: 500, reason: String::new() }),
        "Not logged out: 500: the team database failed."
    );
}

#[test]
fn offline_use_and_storage_in_words() {
    use annotator_core::offline::{OfflineStatus as O, PersistStatus as P, Unavailable as U};
    assert!(page::offline_status(&O::Ready).starts_with("Offline use: ready."));
    assert!(page::offline_status(&O::Unavailable(U::NotSecure)).contains("https"));
    assert!(page::offline_status(&O::Unavailable(U::NoServiceWorker)).contains("not available in this browser"));
    assert_eq!(
        page::offline_status(&O::Failed("SecurityError: denied".into())),
        "Offline use: not available (SecurityError: denied). The page works while online."
    );
    assert!(page::offline_status(&O::Starting).starts_with("Offline use:"));
    // The end-to-end suite reads these beginnings (tests/e2e/test_offline.py).
    assert!(page::persist_status(&P::Granted).starts_with("Storage: persistent"));
    assert!(page::persist_status(&P::Denied).starts_with("Storage: may be cleared by the browser"));
    assert!(page::persist_status(&P::Unsupported).starts_with("Storage: may be cleared by the browser"));
    assert!(page::persist_status(&P::Asking).starts_with("Storage:"));
    assert!(page::SEVEN_DAYS.contains("7 days") && page::SEVEN_DAYS.contains("export"));
}

#[test]
fn names_are_cut_for_headings_with_an_ellipsis() {
    assert_eq!(page::short("maria", 7), "maria");
    assert_eq!(page::short("bartholomew", 7), "bartho…");
    assert_eq!(page::short("ćwierćwiecze", 5), "ćwie…", "counted in characters, not bytes");
    assert_eq!(page::short("abc", 0), "…");
}

#[test]
fn a_refused_label_key_says_what_the_key_does() {
    use annotator_core::labels::LabelError;
    let e = LabelError::KeyNotFree { label: "question".into(), key: "s".into() };
    let w = page::label_error(&e);
    assert!(w.starts_with("label \"question\": key \"s\" is not a free single key (s is “Split the sentence"), "{w}");
    let e = LabelError::KeyNotFree { label: "q".into(), key: "ab".into() };
    assert_eq!(page::label_error(&e), "label \"q\": key \"ab\" is not a free single key");
    assert_eq!(page::label_error(&LabelError::TooMany(65)), "65 labels; a label set holds at most 64");
}

/// A share shows the same whole percent wherever the page shows it: rounded once, halves up.
#[test]
fn a_share_is_rounded_once() {
    assert_eq!(page::percent(6, 7), 86, "85.7 % says 86, not 85");
    assert_eq!(page::share_percent(6.0 / 7.0), 86);
    for whole in 1..=40 {
        for part in 0..=whole {
            assert_eq!(page::percent(part, whole), page::share_percent(part as f32 / whole as f32), "{part}/{whole}");
        }
    }
    assert_eq!(page::percent(0, 0), 0);
}

/// Messages that come again are counted; imports one after another are one message; a split
/// says where the label stays; a key a panel holds says how to give it back.
#[test]
fn repeated_and_collapsed_messages_in_words() {
    assert_eq!(page::repeated("x.txt is empty.", 1), "x.txt is empty.");
    assert_eq!(page::repeated("x.txt is empty.", 3), "x.txt is empty. (×3)");
    assert_eq!(page::files_imported(3, 5, 0), "3 files imported: 5 article(s) added.");
    assert_eq!(
        page::files_imported(2, 1, 1),
        "2 files imported: 1 article(s) added, 1 already present (kept with their labels)."
    );
    assert_eq!(
        page::note(&page::Note::SplitKept { index: 3, labels: "claim" }),
        "Split: sentence 4 keeps “claim”; the second part, sentence 5, is undecided."
    );
    assert_eq!(
        page::note(&page::Note::PanelHoldsKeys("agreement panel")),
        "The agreement panel is open: Escape closes it, then the keys act again"
    );
}

#[test]
fn the_pages_own_jsonl_and_csv_in_words() {
    use annotator_core::export::TableError;
    let bad_row = b"text,label,document_id,sentence_index,start,end\nOne.,,d,zero,0,4\n";
    assert_eq!(
        refusal("v.csv", bad_row),
        "v.csv, row 2: not a line of this page's JSONL or CSV export (sentence_index \"zero\" is not a whole number)"
    );
    assert_eq!(
        refusal("h.csv", b"text,label,document_id,sentence_index,start,end\r\n"),
        "h.csv is a JSONL or CSV export of this page without a sentence"
    );
    let missing = TableError::MissingDocuments { count: 5, first: vec!["007".into(), "a".into(), "b".into()] };
    assert_eq!(
        page::view_error(&missing),
        "not imported: it annotates 5 documents this page does not have (\"007\", \"a\", \"b\" and 2 more). A JSONL \
         or CSV export holds sentences, not whole articles: import the articles (or the JSON export) first, then this file"
    );
    let one = TableError::MissingDocuments { count: 1, first: vec!["007".into()] };
    assert!(
        page::view_error(&one).starts_with("not imported: it annotates 1 document this page does not have (\"007\").")
    );
    assert_eq!(
        page::view_error(&TableError::SeveralAnnotators(vec!["ana".into(), "ben".into()])),
        "not imported: it holds the work of several annotators (ana, ben); import each annotator's own export"
    );
    let changed = TableError::Mismatch(export::ExportError::Sentence {
        doc: "007".into(),
        index: 2,
        problem: export::SentenceProblem::TextMismatch { start: 5, end: 9 },
    });
    assert_eq!(
        page::view_error(&changed),
        "not imported: its sentences do not fit this page's text of the article (document \"007\", sentence 2: the \
         text at 5..9 is not the sentence's text); was the article changed?"
    );
    assert_eq!(
        page::exported(&["a.jsonl".into(), "README.md".into()], 0),
        "Exported a.jsonl and README.md. If the browser asks, allow this page to download several files."
    );
    assert_eq!(
        page::exported(&["a.csv".into()], 1),
        "Exported a.csv. 1 cell of the CSV starts with =, +, - or @, which a spreadsheet may run as a formula: the CSV \
         keeps the text exact, so open it in a spreadsheet by importing it with every column as Text."
    );
    assert!(page::exported(&["a.csv".into()], 3).contains(" 3 cells of the CSV start with "));
}

#[test]
fn storage_sizes_and_meters() {
    let cases = [
        (0, "0 bytes"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (1536, "2 KB"),
        (1024 * 1024, "1.0 MB"),
        (15 * 1024 * 1024 + 300 * 1024, "15.3 MB"),
        (3 * 1024 * 1024 * 1024 / 2, "1.5 GB"),
    ];
    for (bytes, want) in cases {
        assert_eq!(page::size(bytes), want, "{bytes}");
    }
    assert_eq!(
        page::local_meter(512 * 1024, 10 * 1024 * 1024),
        "Your labels (localStorage): 512 KB of about 10.0 MB (5%)"
    );
    assert_eq!(
        page::idb_meter(Some((20 * 1024 * 1024, 2 * 1024 * 1024 * 1024))),
        "Articles, layers and history (IndexedDB, with the offline copy): 20.0 MB of 2.0 GB (0%)"
    );
    assert_eq!(
        page::idb_meter(Some((3, 0))),
        "Articles, layers and history (IndexedDB): this browser does not say how much is used"
    );
    assert_eq!(page::idb_meter(None), page::idb_meter(Some((0, 0))));
}

/// A store too full for an import names its files.
#[test]
fn articles_a_full_store_could_not_take_name_their_files() {
    let w = page::articles_not_stored(&[("big.jsonl".into(), 300), ("one.txt".into(), 1)]);
    assert!(w.starts_with("big.jsonl (300 articles), one.txt (1 article) could not be stored: "), "{w}");
    assert!(w.contains("nothing stored before is lost"), "{w}");
    assert!(page::articles_not_stored(&[(String::new(), 2)]).starts_with("an import (2 articles)"));
}

/// A first pull's progress, with CouchDB's count of what still waits or without it (PouchDB
/// Server gives none); numbers grouped by thousands.
#[test]
fn a_catch_up_in_words() {
    assert_eq!(page::catching_up(500, None), "Catching up: 500 changes pulled, more coming.");
    assert_eq!(
        page::catching_up(1_500, Some(2_700)),
        "Catching up: 1,500 changes pulled, 2,700 more waiting on the server."
    );
    assert_eq!(
        page::catching_up(1_234_567, Some(0)),
        "Catching up: 1,234,567 changes pulled, 0 more waiting on the server."
    );
}
