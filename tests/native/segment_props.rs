//! Properties of `segment` on arbitrary input.

use std::time::Instant;

use annotator_core::segment::{segment, Span};
use proptest::prelude::*;

use crate::util;

/// Ordered, non-overlapping, non-empty, trimmed, on char boundaries, whitespace-only gaps.
fn check_invariants(text: &str, spans: &[Span]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for s in spans {
        prop_assert!(s.start < s.end, "empty span {s:?}");
        prop_assert!(s.start >= last, "overlap/disorder {s:?} after {last}");
        prop_assert!(s.end <= text.len());
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?}");
        let t = &text[s.start..s.end];
        prop_assert_eq!(t.trim(), t, "not trimmed");
        prop_assert!(text[last..s.start].chars().all(char::is_whitespace), "non-space gap before {:?}", s);
        last = s.end;
    }
    prop_assert!(text[last..].chars().all(char::is_whitespace), "non-space tail");
    Ok(())
}

const PIECES: &[&str] = &[
    ".",
    ". ",
    "? ",
    "!",
    "...",
    " . . . ",
    "…",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\u{a0}",
    "\u{2003}",
    "\"",
    "'",
    "“",
    "”",
    "’",
    "(",
    ")",
    "[",
    "]",
    "Mr.",
    "U.S.",
    "a.m.",
    "No.",
    "Dec.",
    "May.",
    "J.",
    "I.",
    "e.g.",
    "St.",
    "Co.",
    "N°.",
    "1.",
    "2.",
    "a.",
    "b.",
    "1)",
    "2)",
    "(1)",
    "•",
    "⁃",
    "- ",
    "$4.5",
    "3.5%",
    "x@y.com",
    "http://a.b/c.",
    "www.X.Com",
    "The",
    "he",
    "Hello",
    "world",
    "。",
    "！",
    "‼",
    "é",
    "Ω",
    "\u{0}",
    "\u{1f600}",
    "\u{85}",
    "\u{2028}",
    "\u{b}",
    "\u{c}",
    "\r",
    // sa-rules@3
    "[3]",
    "[a, 4]",
    "²",
    ".12 ",
    "(i)",
    "ii.)",
    "(a)",
    "I.",
    "II.",
    ": ",
    " -- ",
    " — ",
    " - ",
    "?",
    "．",
    "｡",
    "３",
    "Rs.",
    "M/s.",
    "p.m.",
    "Officials",
    "Moscow time",
];

/// Text made of the pieces the rules care about, so the interesting paths get exercised.
fn newsy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(util::proptest_config(2000))]

    #[test]
    fn any_unicode(text in any::<String>()) {
        let spans = segment(&text);
        check_invariants(&text, &spans)?;
        prop_assert_eq!(&spans, &segment(&text), "not deterministic");
    }

    #[test]
    fn control_and_ascii(text in "[\\x00-\\x7f]{0,200}") {
        check_invariants(&text, &segment(&text))?;
    }

    #[test]
    fn news_like_pieces(text in newsy()) {
        let spans = segment(&text);
        check_invariants(&text, &spans)?;
        prop_assert_eq!(&spans, &segment(&text), "not deterministic");
    }

    /// Segmenting a sentence on its own never splits it further than in context... at
    /// least it keeps the same total non-space content.
    #[test]
    fn content_preserved(text in newsy()) {
        let spans = segment(&text);
        let joined: String = spans.iter().map(|s| &text[s.start..s.end]).collect::<String>();
        let a: String = joined.chars().filter(|c| !c.is_whitespace()).collect();
        let b: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(a, b);
    }
}

/// 1 MB without any punctuation: one sentence. (Speed is the benchmark's business; a
/// quadratic lookahead would make this test run for minutes, and the time is printed.)
#[test]
fn one_megabyte_without_punctuation() {
    let text = "lorem ipsum dolor sit amet consectetur ".repeat(1 << 20 >> 5);
    assert!(text.len() >= 1 << 20);
    let t = Instant::now();
    let spans = segment(&text);
    let el = t.elapsed();
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0], Span { start: 0, end: text.trim_end().len() });
    println!("1 MB without punctuation: {el:?}");
}

/// Adversarial shapes for the lookaheads: many short lower-case lines, glued periods,
/// spaced dots, list markers. Each keeps the invariants (times printed, not asserted).
#[test]
fn adversarial_inputs_are_linear() {
    let cases = [
        "word\n".repeat(200_000),
        "lower case line without stop\n".repeat(40_000),
        "a.Bc".repeat(250_000),
        ". ".repeat(500_000),
        "1) x ".repeat(200_000),
        "• x ".repeat(200_000),
        "U.S. ".repeat(200_000),
        "x".repeat(1 << 20) + ". The end.",
        "as follows: a. x ".repeat(100_000),
        "Note: (i) x ".repeat(100_000),
        "i.) x ".repeat(200_000),
        "x.[1]".repeat(200_000),
        ".²".repeat(200_000),
        "Why? -- x ".repeat(100_000),
        "at 9 a.m. Moscow ".repeat(100_000),
    ];
    for text in &cases {
        let t = Instant::now();
        let spans = segment(text);
        let el = t.elapsed();
        check_invariants(text, &spans).unwrap();
        println!("{:?}…: {el:?}", text.chars().take(20).collect::<String>());
    }
}
