//! The compact shard form: any shard reads back exactly (property), the form written is the
//! one docs/FORMAT.md §3 shows, layout 2's JSON still reads, damage is named, and 100,000
//! decided sentences fit in localStorage with room to spare.

use proptest::prelude::*;

use super::{base36, decode, encode, number};
use crate::annotations::{Annotation, DocAnnotations};
use crate::storage::{stored_bytes, AnnShard};

fn text() -> impl Strategy<Value = String> {
    // Row separators, the suggestion and odd-fingerprint marks, quotes and non-ASCII.
    prop::sample::select(vec!["", "claim", "a,b", "x;y", "~", "?", "-", ".", "\"q\"", "é 🙂", "0", "7f3a9c01"])
        .prop_map(str::to_owned)
}

fn record() -> impl Strategy<Value = Annotation> {
    (
        prop::collection::vec(text(), 0..3),
        text(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(0u64), 0u64..5_000, any::<u64>()],
        text(),
        prop::option::of((prop_oneof![0usize..500, any::<usize>()], prop_oneof![0usize..500, any::<usize>()])),
        prop::option::of(text()),
    )
        .prop_map(|(labels, note, unsure, none, updated, fingerprint, span, suggested)| Annotation {
            labels,
            note,
            unsure,
            none,
            updated,
            fingerprint,
            span,
            suggested,
        })
}

fn shard() -> impl Strategy<Value = AnnShard> {
    (
        prop::collection::btree_map(prop_oneof![0usize..40, any::<usize>()], record(), 0..12),
        prop::collection::vec((any::<usize>(), record()), 0..2),
    )
        .prop_map(|(s, o)| AnnShard { seg: "sa-rules@3".into(), s: s.into_iter().collect(), o })
}

proptest! {
    #[test]
    fn every_shard_reads_back_as_written(shard in shard()) {
        let raw = encode(&shard);
        prop_assert_eq!(decode(&raw), Ok(shard));
    }

    #[test]
    fn base36_reads_back(n in any::<i64>()) {
        let n = i128::from(n);
        prop_assert_eq!(number(&base36(n, true), true), Some(n));
        prop_assert_eq!(number(&base36(n, false), false), Some(n));
    }
}

fn decided(i: usize, label: &str, t: u64, h: &str, span: (usize, usize), g: Option<&str>) -> (usize, Annotation) {
    let a = Annotation {
        labels: vec![label.to_owned()],
        updated: t,
        fingerprint: h.to_owned(),
        span: Some(span),
        suggested: g.map(str::to_owned),
        ..Default::default()
    };
    (i, a)
}

#[test]
fn the_form_written_is_the_documented_one() {
    let mut s: DocAnnotations = [
        decided(2, "denial", 1_796_606_137_928, "18201f38", (483, 587), Some("denial")),
        decided(3, "claim", 1_796_606_140_428, "129a4fc9", (588, 620), Some("demand")),
    ]
    .into_iter()
    .collect();
    s.insert(
        5,
        Annotation {
            none: true,
            unsure: true,
            note: "ask, later".into(),
            updated: 1_796_606_139_000,
            fingerprint: "623d3d7c".into(),
            ..Default::default()
        },
    );
    let raw = encode(&AnnShard { seg: "sa-rules@3".into(), s, o: Vec::new() });
    assert_eq!(
        raw,
        r#"{"seg":"sa-rules@3","L":["denial","claim","demand"],"r":"2,0,mxckwo5k,18201f38,df.2w,0;,1,1xg,129a4fc9,1.w,2;1,-?,-13o,623d3d7c;","n":{"5":"ask, later"}}"#
    );
}

#[test]
fn layout_2_shards_still_read() {
    let raw = r#"{"seg":"sa-rules@3","s":{"2":{"l":["denial"],"t":1796606137928,"h":"18201f38","b":[483,587],"g":"denial"}},"o":[[9,{"z":true,"t":5,"h":"00000001"}]]}"#;
    let shard = decode(raw).unwrap();
    assert_eq!(shard.seg, "sa-rules@3");
    assert_eq!(shard.s[&2].labels, ["denial"]);
    assert_eq!(shard.s[&2].span, Some((483, 587)));
    assert_eq!(shard.s[&2].suggested.as_deref(), Some("denial"));
    assert!(shard.o[0].1.none);
    // Written again in the compact form, the same records.
    assert_eq!(decode(&encode(&shard)), Ok(shard));
}

#[test]
fn damaged_rows_are_named() {
    let cases = [
        (r#"{"seg":"x","r":"1,0"}"#, "do not end with ';'"),
        (r#"{"seg":"x","r":"1,0;"}"#, "row 1 (\"1,0\"): label"),
        (r#"{"seg":"x","L":["claim"],"r":"1,0;,!;"}"#, "row 2 (\",!\"): label"),
        (r#"{"seg":"x","L":["claim"],"r":"1,0,zz!;"}"#, "time"),
        (r#"{"seg":"x","L":["claim"],"r":"1,0,-5;"}"#, "time"),
        (r#"{"seg":"x","L":["claim"],"r":"1,0,5,~;"}"#, "fingerprint"),
        (r#"{"seg":"x","L":["claim"],"r":"1,0,5,ab,3;"}"#, "span"),
        (r#"{"seg":"x","L":["claim"],"r":"1,0,5,ab,3.4,1;"}"#, "suggestion"),
        (r#"{"seg":"x","L":["claim"],"r":"1,0,5,ab,3.4,0,9;"}"#, "too many fields"),
        (r#"{"seg":"x","L":["claim"],"r":"1,0;-1,0;"}"#, "index repeated"),
        (r#"{"seg":"x","L":["claim"],"r":"-2,0;"}"#, "index"),
    ];
    for (raw, says) in cases {
        let e = decode(raw).unwrap_err();
        assert!(e.starts_with("unreadable annotations: ") && e.contains(says), "{raw}: {e}");
    }
}

/// A project's own decisions as an annotator makes them: 2,500 articles of 40 sentences, each
/// decided a few seconds after the one before, about one in six labelled (news text), most
/// with the suggestion that showed.
fn project() -> Vec<(String, AnnShard)> {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut rand = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut t = 1_796_000_000_000_u64;
    (0..2_500)
        .map(|d| {
            let mut s = DocAnnotations::new();
            let mut at = 0;
            for i in 0..40 {
                let len = 60 + rand(140) as usize;
                t += 1_500 + rand(8_000);
                let mut a = Annotation {
                    updated: t,
                    fingerprint: format!("{:08x}", rand(u64::from(u32::MAX))),
                    span: Some((at, at + len)),
                    ..Default::default()
                };
                match rand(12) {
                    0 => a.labels = vec!["claim".into()],
                    1 => a.labels = vec!["denial".into()],
                    _ => a.none = true,
                }
                let shown = if a.none { "none" } else { &a.labels[0] };
                a.suggested = (rand(4) > 0).then(|| shown.to_owned());
                s.insert(i, a);
                at += len + 1;
            }
            (format!("sa/v1/ann/article-{d:05}"), AnnShard { seg: "sa-rules@3".into(), s, o: Vec::new() })
        })
        .collect()
}

#[test]
fn a_hundred_thousand_decided_sentences_fit_in_local_storage_with_room() {
    let shards = project();
    let records: usize = shards.iter().map(|(_, s)| s.s.len()).sum();
    assert_eq!(records, 100_000);
    // Characters (UTF-16 units) in the quota: key and value (`stored_bytes` counts two bytes each).
    let chars =
        |enc: &dyn Fn(&AnnShard) -> String| -> usize { shards.iter().map(|(k, s)| stored_bytes(k, &enc(s)) / 2).sum() };
    let compact = chars(&encode);
    let json = chars(&|s: &AnnShard| serde_json::to_string(&(&s.seg, &s.s)).unwrap());
    let per = compact as f64 / records as f64;
    println!(
        "100,000 decided sentences: {compact} characters ({per:.1} a record with its key), layout 2's JSON {json}"
    );
    // Chromium holds about 5.2 M characters per origin: at most half of it.
    assert!(compact < 2_600_000, "{compact} characters");
    assert!(json > 2 * compact, "the JSON form took {json}");
}
