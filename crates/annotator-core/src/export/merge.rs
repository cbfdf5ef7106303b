//! Planning the merge of another annotator's export into ours (docs/FORMAT.md §1, "Into the
//! page"): what would be added, updated, left alone or put to the person as a conflict.
//! Nothing is applied here; the session applies the plan.

use std::collections::{BTreeMap, HashMap};

use crate::annotations::{Annotation, AnnotationStore, DocAnnotations};
use crate::document::Document;
use crate::text;

/// Two different annotations of the same sentence: the person decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub doc: String,
    /// Index of the sentence in our document.
    pub index: usize,
    pub sentence: String,
    pub mine: Annotation,
    pub theirs: Annotation,
}

/// What merging another export would do; nothing is applied yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergePlan {
    /// Documents we don't have: added whole, with their annotations.
    pub new_docs: Vec<(Document, DocAnnotations)>,
    /// Sentences only they annotated: (document id, our sentence index, their annotation,
    /// with the fingerprint of our sentence and their time).
    pub updates: Vec<(String, usize, Annotation)>,
    /// Sentences both annotated differently (labels, note or unsure flag).
    pub conflicts: Vec<Conflict>,
    /// Sentences both annotated the same way.
    pub unchanged: usize,
    /// Their annotations of sentences our version of the document doesn't have (its text
    /// differs): (document id, their sentence text, their annotation). Shown, not applied.
    pub unmatched: Vec<(String, String, Annotation)>,
}

/// Plans the merge of `incoming` (from `restore`) into our documents and annotations.
/// Documents are matched by id; sentences by index when the texts and sentences agree,
/// else by sentence text (the n-th occurrence of a text with the n-th, else the first).
pub fn plan_merge(
    existing: &[&Document],
    store: &AnnotationStore,
    incoming: Vec<(Document, DocAnnotations)>,
) -> MergePlan {
    let by_id: HashMap<&str, &Document> = existing.iter().map(|d| (d.id.as_str(), *d)).collect();
    let mut plan = MergePlan::default();
    for (theirs_doc, theirs_anns) in incoming {
        let Some(mine_doc) = by_id.get(theirs_doc.id.as_str()).copied() else {
            plan.new_docs.push((theirs_doc, theirs_anns));
            continue;
        };
        let same = mine_doc.text == theirs_doc.text && mine_doc.spans() == theirs_doc.spans();
        // Sentence text -> our indices, for matching by text.
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
        if !same {
            for i in 0..mine_doc.sentences.len() {
                by_text.entry(mine_doc.sentence_text(i)).or_default().push(i);
            }
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut occurrence = BTreeMap::new();
        if !same {
            for i in 0..theirs_doc.sentences.len() {
                let t = theirs_doc.sentence_text(i);
                let n = seen.entry(t).or_insert(0);
                occurrence.insert(i, *n);
                *n += 1;
            }
        }
        for (idx, theirs) in theirs_anns {
            if theirs.is_empty() || idx >= theirs_doc.sentences.len() {
                continue;
            }
            let sentence = theirs_doc.sentence_text(idx);
            let target = if same {
                Some(idx)
            } else {
                by_text.get(sentence).map(|v| {
                    let n = occurrence.get(&idx).copied().unwrap_or(0);
                    v.get(n).copied().unwrap_or(v[0])
                })
            };
            let Some(target) = target else {
                plan.unmatched.push((theirs_doc.id.clone(), sentence.to_owned(), theirs));
                continue;
            };
            let mut theirs = theirs;
            theirs.fingerprint = text::fingerprint(mine_doc.sentence_text(target));
            let sp = mine_doc.sentences[target];
            theirs.span = Some((sp.start, sp.end));
            match store.get(&mine_doc.id, target).filter(|a| !a.is_empty()) {
                None => plan.updates.push((mine_doc.id.clone(), target, theirs)),
                Some(mine) if mine.same_content(&theirs) => plan.unchanged += 1,
                Some(mine) => plan.conflicts.push(Conflict {
                    doc: mine_doc.id.clone(),
                    index: target,
                    sentence: mine_doc.sentence_text(target).to_owned(),
                    mine: mine.clone(),
                    theirs,
                }),
            }
        }
    }
    plan
}
