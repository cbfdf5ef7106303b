//! Labels stored under an older segmenter survive its replacement. The fixture
//! (tests/data/storage_sa_rules_2.json) is the localStorage of one imported article, written by
//! the page's own encoders under sa-rules@2, before sa-rules@3 existed: four labelled
//! sentences, two of which sa-rules@3 splits ("... in the U.S. Diplomats blamed ... draft.[2]
//! "We will ...", "... at 8 a.m. Reporters waited ..."). Loading it with the current rules
//! must keep every label: the unchanged sentences by fingerprint, even where their index
//! moved, and the split ones as orphans that show their old text (docs/FORMAT.md).

use std::collections::BTreeMap;

use annotator_core::document::Document;
use annotator_core::reattach::reattach;
use annotator_core::segment::SEGMENTER;
use annotator_core::storage::{decode_ann, encode_ann_with, load};

use crate::util;

fn fixture() -> (String, BTreeMap<String, String>) {
    let v: serde_json::Value = serde_json::from_str(&util::read("tests/data/storage_sa_rules_2.json")).unwrap();
    let kv = serde_json::from_value(v["storage"].clone()).unwrap();
    (v["segmenter"].as_str().unwrap().to_owned(), kv)
}

#[test]
fn labels_stored_by_sa_rules_2_reattach_under_the_current_rules() {
    let (seg, kv) = fixture();
    assert_eq!(seg, "sa-rules@2");
    assert_ne!(SEGMENTER, seg, "the fixture must come from an older segmenter");

    let loaded = load(&kv).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.imported.len(), 1);
    let doc = Document::from_input(loaded.imported[0].clone());
    let shard = loaded.shards["trade_talks"].clone();
    assert_eq!(shard.seg, "sa-rules@2");
    assert_eq!(shard.s.len(), 4);

    // The current rules split the article differently: 4 sentences became 7.
    let sentences: Vec<&str> = (0..doc.sentences.len()).map(|i| doc.sentence_text(i)).collect();
    assert_eq!(
        sentences,
        [
            "Trade envoys met in Geneva on Tuesday.",
            "The talks broke down shortly after lunch in the U.S.",
            "Diplomats blamed a late change to the draft.[2]",
            "\"We will not sign this,\" one envoy said.",
            "The session had opened at 8 a.m.",
            "Reporters waited outside for hours.",
            "Negotiators agreed to meet again next month.",
        ]
    );

    let (anns, orphans) = reattach(&doc, &shard.seg, shard.s.clone(), shard.o.clone());
    // Sentence 0 kept its index; old sentence 3 moved to 6 by its fingerprint.
    assert_eq!(anns.keys().copied().collect::<Vec<_>>(), [0, 6]);
    assert_eq!(anns[&0].labels, ["claim"]);
    assert_eq!(anns[&6].labels, ["demand"]);
    assert_eq!(anns[&6].span, Some((doc.sentences[6].start, doc.sentences[6].end)));
    // The two split sentences are orphans, with their old text and everything they carried.
    let got: Vec<(usize, &str, &[String], &str)> = orphans
        .iter()
        .map(|o| (o.old_index, o.text.as_deref().unwrap(), o.annotation.labels.as_slice(), o.annotation.note.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                1,
                "The talks broke down shortly after lunch in the U.S. Diplomats blamed a late change to the draft.[2] \"We will not sign this,\" one envoy said.",
                &["denial".to_owned()][..],
                "split by @3",
            ),
            (2, "The session had opened at 8 a.m. Reporters waited outside for hours.", &["claim".to_owned()][..], ""),
        ]
    );
    let total: usize = anns.values().map(|a| a.labels.len()).sum::<usize>()
        + orphans.iter().map(|o| o.annotation.labels.len()).sum::<usize>();
    assert_eq!(total, 4, "no label is dropped");

    // Written back (now under the current segmenter) and loaded again: the same result.
    let raw = encode_ann_with(&anns, &orphans);
    let back = decode_ann(&raw).unwrap();
    assert_eq!(back.seg, SEGMENTER);
    let (again, still) = reattach(&doc, &back.seg, back.s, back.o);
    assert_eq!(again, anns);
    assert_eq!(still, orphans);
}
