//! Unit tests of the import: decoding, binary sniffing, JSON, JSON Lines, CSV and pasted
//! text, each refusal compared by its kind and place (the words are `view::words`'s, tested
//! in tests/native/words.rs).

use super::decode::decode;
use super::*;
use crate::export::{ExportError, JsonProblem};

type Result = std::result::Result<(Imported, Vec<ImportWarning>), ImportError>;

fn articles(r: Result) -> (Vec<ArticleInput>, Vec<ImportWarning>) {
    match r {
        Ok((Imported::Articles(a), w)) => (a, w),
        Ok((Imported::Export(_), _)) => panic!("an export"),
        Ok((Imported::Table(_), _)) => panic!("a JSONL or CSV view of an export"),
        Err(e) => panic!("{e:?}"),
    }
}

/// The error's place and kind, checking it names `file`.
fn refused(file: &str, r: Result) -> (Option<Place>, ImportErrorKind) {
    let e = r.map(|_| ()).unwrap_err();
    assert_eq!(e.file, file);
    (e.place, e.kind)
}

fn kind(file: &str, r: Result) -> ImportErrorKind {
    refused(file, r).1
}

#[test]
fn size_limit_names_file_and_limit() {
    assert!(check_size("a.txt", MAX_FILE_BYTES as u64).is_ok());
    let e = check_size("big.txt", MAX_FILE_BYTES as u64 + 1).unwrap_err();
    assert_eq!(e.file, "big.txt");
    assert_eq!(e.kind, ImportErrorKind::TooLarge { bytes: 20 * 1024 * 1024 + 1, limit: 20 * 1024 * 1024 });
    assert!(check_size("huge", u64::MAX).is_err());
}

#[test]
fn decodes_utf8_bom_and_utf16() {
    assert_eq!(decode("héllo".as_bytes()).unwrap(), "héllo");
    assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), "hi");
    let mut le = vec![0xFF, 0xFE];
    le.extend("hé😀".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(decode(&le).unwrap(), "hé😀");
    let mut be = vec![0xFE, 0xFF];
    be.extend("hé😀".encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(decode(&be).unwrap(), "hé😀");
    let lone = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
    assert_eq!(decode(&lone), Err(ImportErrorKind::Utf16LoneSurrogate { byte: 4 }));
    assert_eq!(decode(&[0xFF, 0xFE, b'a']), Err(ImportErrorKind::Utf16OddLength));
    assert_eq!(decode(b"abc\xFFdef"), Err(ImportErrorKind::BadUtf8 { byte: 3 }));
    assert_eq!(decode(b"\xEF\xBB\xBFab\xC3"), Err(ImportErrorKind::BadUtf8 { byte: 5 }));
    let e = parse_file("x.txt", b"abc\xFFdef").unwrap_err();
    assert_eq!(e, ImportError { file: "x.txt".into(), place: None, kind: ImportErrorKind::BadUtf8 { byte: 3 } });
}

#[test]
fn binary_files_are_refused_by_content() {
    use BinaryKind as B;
    use ImportErrorKind as K;
    let cases: &[(&[u8], K)] = &[
        (b"%PDF-1.7\n...", K::Binary(B::Pdf)),
        (b"PK\x03\x04\x14\x00", K::Binary(B::ZipOrOffice)),
        (b"PK\x05\x06", K::Binary(B::Zip)),
        (b"\x89PNG\r\n\x1a\n\0\0", K::Binary(B::Png)),
        (b"\xFF\xD8\xFF\xE0", K::Binary(B::Jpeg)),
        (b"GIF89a..", K::Binary(B::Gif)),
        (b"\x1F\x8B\x08\x00", K::Binary(B::Gzip)),
        (b"\0asm\x01\0\0\0", K::Binary(B::WebAssembly)),
        (b"\x7FELF\x02\x01", K::Binary(B::Elf)),
        (b"BZh91AY&SYxx", K::Binary(B::Bzip2)),
        (b"RIFF\0\0\0\0WAVExx", K::Binary(B::Wav)),
        (b"\0\0\0\x18ftypmp42", K::Binary(B::Mp4)),
        (b"ID3\x03\x00\x00", K::Binary(B::Mp3)),
        (b"MZ\x90\x00\x03\x00", K::Binary(B::WindowsExe)),
        (b"hello\0world", K::NulBytes),
        (b"RIFF\0\0\0\0XXXXxx", K::NulBytes),
        (b"h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0", K::Utf16WithoutBom),
        (b"\xFF\xFE\0\0h\0\0\0", K::Utf32),
        (b"\0\0\xFE\xFFh", K::Utf32),
        (b"\xFF\xFEh\0\0\0", K::NulCharacters),
    ];
    for (bytes, want) in cases {
        assert_eq!(&kind("x.txt", parse_file("x.txt", bytes)), want, "{bytes:?}");
    }
    // Text that merely starts like a magic number stays text.
    assert!(decode(b"MZ said hello").is_ok());
    assert!(decode(b"ID3 tags are metadata.").is_ok());
}

#[test]
fn plain_text_is_one_article() {
    let (a, w) = articles(parse_file("000_x.txt", b" date 2022-02-01 Text here. More."));
    assert!(w.is_empty());
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].source.as_deref(), Some("000_x.txt"));
    assert_eq!(a[0].id, None);
    assert_eq!(a[0].text, " date 2022-02-01 Text here. More.");
    let (a, w) = articles(parse_file("r.txt", b"[Reuters] Moscow said on Monday."));
    assert_eq!(a[0].text, "[Reuters] Moscow said on Monday.");
    assert_eq!(w.len(), 1);
    assert!(matches!(&w[0].kind, WarningKind::ReadAsText(ImportErrorKind::BadJson(_))), "{w:?}");
    let (a, _) = articles(parse_file("t.txt", b"Text\nA one-line title article."));
    assert_eq!(a.len(), 1);
    assert_eq!(kind("e.txt", parse_file("e.txt", b"")), ImportErrorKind::Empty);
    assert_eq!(kind("e.txt", parse_file("e.txt", b" \n\t ")), ImportErrorKind::OnlyWhitespace);
    assert_eq!(kind("e.txt", parse_file("e.txt", b"\xEF\xBB\xBF")), ImportErrorKind::Empty);
}

#[test]
fn json_array_of_articles() {
    let json = r#"[{"id":"a","title":"T","date":"2022-01-02","text":"One."},
                  {"text":"Two.","__proto__":{"x":1},"constructor":"y","label":["claim"]},
                  {"id":7,"text":"Three.","source":"wire"},
                  {"id":"a","text":"Dup."},
                  {"text":"  "}]"#;
    let (a, w) = articles(parse_file("batch.json", json.as_bytes()));
    assert_eq!(a.len(), 3);
    assert_eq!(a[0].id.as_deref(), Some("a"));
    assert_eq!(a[0].date.as_deref(), Some("2022-01-02"));
    assert_eq!(a[0].source.as_deref(), Some("batch.json"));
    assert_eq!(a[1].id.as_deref(), Some("batch-2"));
    assert_eq!(a[2].id.as_deref(), Some("7"));
    assert_eq!(a[2].source.as_deref(), Some("wire"));
    let warn = |place, kind| ImportWarning { file: "batch.json".into(), place: Some(place), kind };
    assert_eq!(
        w,
        [
            warn(Place::Item(5), WarningKind::EmptyText),
            warn(Place::Item(4), WarningKind::DuplicateId { id: "a".into(), first: Place::Item(1) }),
        ]
    );

    use ImportErrorKind as K;
    let err = |j: &str| refused("b.json", parse_file("b.json", j.as_bytes()));
    assert_eq!(err(r#"[{"text":"a"},{"title":"x"}]"#), (Some(Place::Item(2)), K::TextMissing));
    let not_string = |field, found| K::NotAString { field, found };
    assert_eq!(err(r#"[{"text":1}]"#), (Some(Place::Item(1)), not_string("text", JsonType::Number)));
    assert_eq!(err(r#"[{"text":"a","title":["x"]}]"#).1, not_string("title", JsonType::Array));
    assert_eq!(err(r#"[{"text":"a","id":1.5}]"#).1, not_string("id", JsonType::Number));
    assert_eq!(err(r#"[{"text":"a"}, 3]"#), (Some(Place::Item(2)), K::NotAnObject { found: JsonType::Number }));
    assert_eq!(err("[]"), (None, K::EmptyList));
    assert!(matches!(err(r#"[{"text":"a"}"#), (None, K::BadJson(_))));
    let (place, K::BadJson(e)) = err(r#"[{"text":"\ud800"}]"#) else { panic!() };
    assert!(place.is_none() && matches!(e.problem, JsonProblem::BadEscape(_)) && e.line == 1, "{e:?}");
    let (_, K::BadJson(e)) = err(r#"[{"text":"a\udc00b"}]"#) else { panic!() };
    assert!(matches!(e.problem, JsonProblem::BadEscape(_)), "{e:?}");
    assert!(matches!(err(&("[".repeat(100_000))), (None, K::BadJson(_))));
    let balanced = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(err(&balanced), (Some(Place::Item(1)), K::NotAnObject { found: JsonType::Array }));
    let deep_field = format!("[{{\"text\":\"a\",\"x\":{}{}}}]", "[".repeat(100_000), "]".repeat(100_000));
    assert!(parse_file("b.json", deep_field.as_bytes()).is_ok());
    let deep_export = format!("{{\"format\":{}1{}}}", "[".repeat(200), "]".repeat(200));
    assert_eq!(err(&deep_export), (None, K::WrongFormat(FormatField::Other(JsonType::Array))));
}

#[test]
fn json_lines_and_single_object() {
    use ImportErrorKind as K;
    let jsonl = "{\"text\":\"One.\"}\r\n\n{\"id\":\"x\",\"text\":\"Two.\"}\n";
    let (a, _) = articles(parse_file("feed.jsonl", jsonl.as_bytes()));
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].id.as_deref(), Some("feed-1"));
    assert_eq!(a[1].id.as_deref(), Some("x"));
    let err = |name: &str, j: &[u8]| refused(name, parse_file(name, j));
    // A bad line is skipped and named once; the good lines are kept and counted.
    let (a, w) = articles(parse_file("feed.jsonl", b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n{oops}\n"));
    assert_eq!(a.len(), 2);
    assert!(matches!(
        &w[0],
        ImportWarning { place: Some(Place::Line(3)), kind: WarningKind::BadLine(K::BadJson(_)), .. }
    ));
    assert_eq!(w[1].kind, WarningKind::KeptLines { kept: 2, total: 3 });
    let (a, w) = articles(parse_file("feed.jsonl", b"{oops\n\n{\"title\":\"b\"}\n{\"text\":\"c\"}\n"));
    assert_eq!(a.len(), 1, "a bad first line too");
    assert_eq!(w[1].kind, WarningKind::BadLine(K::TextMissing));
    assert_eq!(w[1].place, Some(Place::Line(3)));
    // Only when no line can be read is the file refused (naming its first bad line).
    assert_eq!(err("feed.jsonl", b"{\"title\":\"a\"}\n\n{\"title\":\"b\"}\n"), (Some(Place::Line(1)), K::TextMissing));
    // A spreadsheet without a text column is refused, naming its columns.
    assert_eq!(
        err("t.csv", b"id,body\n1,hello there\n"),
        (None, K::NoTextColumn { columns: vec!["id".into(), "body".into()] })
    );
    assert_eq!(err("t.tsv", b"id\tbody\n1\thello\n").1, K::NoTextColumn { columns: vec!["id".into(), "body".into()] });
    let (a, _) = articles(parse_file("notes.txt", b"id,body\n1,hello there\n"));
    assert_eq!(a.len(), 1, "a .txt file with commas stays an article");
    let (a, _) = articles(parse_file("one.json", br#"{"text":"Only.","title":"T"}"#));
    assert_eq!(a[0].title.as_deref(), Some("T"));
    let title_list = K::NotAString { field: "title", found: JsonType::Array };
    assert_eq!(err("one.json", br#"{"text":"Only.","title":["T"]}"#), (Some(Place::Object), title_list));
    assert_eq!(err("o.json", br#"{"format":"other"}"#).1, K::WrongFormat(FormatField::Text("other".into())));
    assert_eq!(err("o.json", br#"{"a":1}"#).1, K::NeitherArticleNorExport);
    assert!(matches!(err("o.json", b"{ broken").1, K::BadJson(_)));
    assert_eq!(err("o.json", b"plain words").1, K::NotJson);
}

#[test]
fn exports_are_recognised_by_content() {
    let json = r#"{"format":"sentence-annotator","version":1,"labels":["claim"],"documents":[]}"#;
    assert!(matches!(parse_file("whatever.txt", json.as_bytes()), Ok((Imported::Export(_), _))));
    let newer = r#"{"format":"sentence-annotator","version":3,"documents":[]}"#;
    let e = parse_file("n.json", newer.as_bytes()).unwrap_err();
    assert_eq!(
        e,
        ImportError { file: "n.json".into(), place: None, kind: ImportErrorKind::Export(ExportError::NewerVersion(3)) }
    );
    assert!(matches!(parse_pasted(json), Ok((Imported::Export(_), _))));
}

#[test]
fn csv_with_quotes_and_crlf() {
    use ImportErrorKind as K;
    let csv = "id,title,text,extra\r\n1,\"T, one\",\"He said \"\"no\"\",\r\nthen left.\",x\r\n\r\n,,Second.,\r\n3,,,\r\n1,,Dup.\r\n";
    let (a, w) = articles(parse_file("data.csv", csv.as_bytes()));
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].id.as_deref(), Some("1"));
    assert_eq!(a[0].title.as_deref(), Some("T, one"));
    assert_eq!(a[0].text, "He said \"no\",\r\nthen left.");
    assert_eq!(a[1].id.as_deref(), Some("data-2"));
    assert_eq!(a[1].source.as_deref(), Some("data.csv"));
    let warn = |place, kind| ImportWarning { file: "data.csv".into(), place: Some(place), kind };
    assert_eq!(
        w,
        [
            warn(Place::Row(5), WarningKind::EmptyText),
            warn(Place::Row(6), WarningKind::DuplicateId { id: "1".into(), first: Place::Row(2) }),
        ]
    );
    assert_eq!(refused("d.csv", parse_file("d.csv", b"title,text\nA,\"open")), (Some(Place::Row(2)), K::UnclosedQuote));
    let short = K::NoTextField { fields: 1, columns: 2 };
    assert_eq!(refused("d.csv", parse_file("d.csv", b"title,text\nonly-title\n")), (Some(Place::Row(2)), short));
    let (a, _) = articles(parse_file("d.tsv", b"Title\tText\nA\tTab separated."));
    assert_eq!(a[0].text, "Tab separated.");
    let (a, _) = articles(parse_file("one.csv", b"text\nFirst.\nSecond."));
    assert_eq!(a.len(), 2);
    let (a, _) = articles(parse_pasted("title,text\nX,Pasted row."));
    assert_eq!(a[0].id, None);
    assert_eq!(a[0].source, None);
    assert_eq!(kind("none.csv", parse_file("none.csv", b"id,text\n1,\n2, \n")), K::NoArticles);
}

#[test]
fn pasted_text() {
    let (a, _) = articles(parse_pasted("Some article. Pasted."));
    assert_eq!(a[0].source, None);
    assert_eq!(kind(PASTED, parse_pasted("  ")), ImportErrorKind::OnlyWhitespace);
    assert_eq!(kind(PASTED, parse_pasted("a\0b")), ImportErrorKind::NulCharacters);
}

#[test]
fn warnings_are_capped() {
    let json = format!("[{}{{\"text\":\"x\"}}]", "{\"text\":\" \"},".repeat(30));
    let (_, w) = articles(parse_file("w.json", json.as_bytes()));
    assert_eq!(w.len(), 21);
    assert_eq!(w[19].place, Some(Place::Item(20)));
    assert_eq!(w[20], ImportWarning { file: "w.json".into(), place: None, kind: WarningKind::More(10) });
}

#[test]
fn huge_lines_and_nul_are_fine() {
    let long = "word ".repeat(2 * 1024 * 1024);
    let (a, _) = articles(parse_file("long.txt", long.as_bytes()));
    assert_eq!(a[0].text.len(), long.len());
    let jsonl = format!("{{\"text\":\"{long}\"}}\n{{\"text\":\"b\"}}\n");
    let (a, _) = articles(parse_file("long.jsonl", jsonl.as_bytes()));
    assert_eq!(a.len(), 2);
    let many = format!("[{}{{}}]", "{\"text\":\"a\"},".repeat(10));
    assert_eq!(refused("m.json", parse_file("m.json", many.as_bytes())).0, Some(Place::Item(11)));
}

#[test]
fn the_pages_own_jsonl_and_csv_are_views_not_articles() {
    let jsonl = concat!(
        r#"{"text":"One.","label":["claim"],"document_id":"007","sentence_index":0,"start":0,"end":4,"annotator":"ana","decided":true,"suggested":null,"note":"","unsure":false}"#,
        "\n",
        r#"{"text":"Two.","label":[],"document_id":"007","sentence_index":1,"start":5,"end":9,"annotator":"ana","decided":false,"suggested":null,"note":"n","unsure":true}"#,
        "\n"
    );
    let Ok((Imported::Table(t), _)) = parse_file("annotations.jsonl", jsonl.as_bytes()) else { panic!("not a view") };
    assert_eq!(t.rows.len(), 2);
    assert_eq!((t.rows[0].document_id.as_str(), t.rows[0].label.as_slice()), ("007", &["claim".to_owned()][..]));
    assert_eq!((t.rows[1].decided, t.rows[1].unsure, t.rows[1].note.as_str()), (Some(false), true, "n"));
    assert_eq!(t.rows[0].annotator.as_deref(), Some("ana"));
    // One line alone is a view too, not an article.
    let one = jsonl.lines().next().unwrap();
    assert!(matches!(parse_pasted(one), Ok((Imported::Table(_), _))));

    let csv = "\u{FEFF}text,label,document_id,sentence_index,start,end,annotator,decided,suggested,note,unsure\r\n\
               \"One, quoted.\",claim;demand,007,0,0,12,ana,true,claim,,false\r\n\
               Two.,,007,1,13,17,ana,true,,,false\r\n";
    let Ok((Imported::Table(t), _)) = parse_file("annotations.csv", csv.as_bytes()) else { panic!("not a view") };
    assert_eq!(t.rows[0].text, "One, quoted.");
    assert_eq!(t.rows[0].label, ["claim", "demand"]);
    assert_eq!(t.rows[0].suggested.as_deref(), Some("claim"));
    assert_eq!((t.rows[1].label.len(), t.rows[1].decided, t.rows[1].suggested.as_deref()), (0, Some(true), None));
    assert_eq!(t.rows[1].document_id, "007", "ids stay text");
}

#[test]
fn a_view_row_that_cannot_be_read_refuses_the_file_with_its_place() {
    let csv = "text,label,document_id,sentence_index,start,end\nOne.,,d,zero,0,4\n";
    let (place, kind) = refused("v.csv", parse_file("v.csv", csv.as_bytes()));
    assert_eq!(place, Some(Place::Row(2)));
    assert!(matches!(kind, ImportErrorKind::BadViewRow(ref w) if w.contains("sentence_index")), "{kind:?}");
    let jsonl = "{\"text\":\"a\",\"document_id\":\"d\",\"sentence_index\":0,\"start\":0,\"end\":1}\n{\"text\":\"b\",\"document_id\":\"d\",\"sentence_index\":1}\n";
    let (place, kind) = refused("v.jsonl", parse_file("v.jsonl", jsonl.as_bytes()));
    assert_eq!(place, Some(Place::Line(2)));
    assert!(matches!(kind, ImportErrorKind::BadViewRow(_)));
    let header_only = "text,label,document_id,sentence_index,start,end\r\n";
    assert_eq!(refused("h.csv", parse_file("h.csv", header_only.as_bytes())).1, ImportErrorKind::EmptyView);
    // An article table with a `document_id` column but none of the view's offsets: articles.
    let articles_csv = "document_id,text\nd1,Some article.\n";
    assert!(matches!(parse_file("a.csv", articles_csv.as_bytes()), Ok((Imported::Articles(_), _))));
}
