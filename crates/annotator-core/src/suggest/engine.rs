//! The suggestion engine of a session: the model kept in step with the person's decisions,
//! whichever way they change (a key, undo, another tab, an import), and the undecided
//! sentences kept scored (docs/ARCHITECTURE.md, Suggestions).
//!
//! Why it follows the annotations instead of being told about each change: decisions reach
//! the store by many paths, and a path forgotten would leave the model out of step. So
//! `sync` compares each document's annotations with those it saw last (by pointer first: an
//! unchanged document costs one comparison) and learns what became decided, oldest change
//! first; what became undecided again goes back into the pool. A decision undone is not
//! unlearned until the next load, which retrains from the stored decisions in time order
//! (the model is derived from them and needs no storage of its own): measured by
//! `benches/suggest.rs`.
//!
//! Sentences are named in the pool by `doc number << 32 | sentence index`, document numbers
//! given here on first sight (stable while the page is open, whatever the list order).

use std::collections::HashMap;
use std::rc::Rc;

use super::model::{Model, Pool, Suggestion, NONE};
use crate::annotations::{Annotation, AnnotationStore, DocAnnotations};
use crate::document::Document;

/// What a sentence shows: the suggested category (index into the label set, or the label
/// count for "none") and its probability.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shown {
    pub category: usize,
    pub score: f32,
}

/// What the engine saw of one document at the last `sync`.
#[derive(Clone, Debug)]
struct Seen {
    number: u32,
    /// The document as seen: new boundaries (a split or a join) move every later index.
    doc: Rc<Document>,
    anns: Option<Rc<DocAnnotations>>,
    done: bool,
    sentences: usize,
    alive: bool,
}

#[derive(Debug)]
pub struct Engine {
    model: Model,
    pool: Pool,
    docs: HashMap<Rc<str>, Seen>,
    ids: Vec<Rc<str>>,
    /// The open document's suggestions, computed once per (document, model stamp, pool size).
    cache: Option<Cached>,
    /// Bumped by every `sync` that changed the pool or the model.
    generation: u64,
    /// Documents whose undecided sentences are in the pool: only those asked for (the open
    /// one; all of them for "uncertain" order), so an import of a thousand articles does not
    /// extract the features of every sentence at once.
    pooled: std::collections::HashSet<u32>,
}

/// A document's suggestions and what they were computed from.
#[derive(Debug)]
struct Cached {
    number: u32,
    generation: u64,
    range: std::ops::Range<usize>,
    shown: Rc<[Option<Shown>]>,
}

/// The category a decision teaches: its labels, or "none".
fn categories(a: &Annotation) -> Vec<&str> {
    if a.none {
        vec![NONE]
    } else {
        a.labels.iter().map(String::as_str).collect()
    }
}

/// Most decisions one `sync` learns (the latest ones): `benches/suggest.rs` measures a
/// retrain of this many.
pub const RETRAIN_CAP: usize = 5_000;

fn key(number: u32, index: usize) -> u64 {
    (u64::from(number) << 32) | index as u64
}

impl Engine {
    pub fn new(labels: &[String]) -> Engine {
        let model = Model::new(labels);
        let pool = Pool::new(&model);
        Engine {
            model,
            pool,
            docs: HashMap::new(),
            ids: Vec::new(),
            cache: None,
            generation: 0,
            pooled: Default::default(),
        }
    }

    /// Changes whenever the model learned or the pool changed: what was predicted before
    /// may be out of date.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Brings the model and the pool in step with the corpus and the person's annotations.
    /// `done(id)`: the document is marked done (its sentences count as decided, and are not
    /// taught: the mark is not a decision per sentence).
    pub fn sync(&mut self, docs: &[Rc<Document>], anns: &AnnotationStore, done: impl Fn(&str) -> bool) {
        for seen in self.docs.values_mut() {
            seen.alive = false;
        }
        // Decisions to learn, oldest first: (time, document number, index).
        let mut learn: Vec<(u64, u32, usize)> = Vec::new();
        // Documents whose pool membership may have changed: all their sentences (`None`), or
        // only those whose decided state changed.
        let mut rescan: Vec<(u32, Rc<Document>, Option<Vec<usize>>)> = Vec::new();
        for doc in docs {
            let now_anns = anns.doc(&doc.id).cloned();
            let now_done = done(&doc.id);
            let known = self.docs.get_mut(doc.id.as_str());
            let Some(seen) = known else {
                let number = self.ids.len() as u32;
                let id: Rc<str> = Rc::from(doc.id.as_str());
                self.ids.push(id.clone());
                if let Some(a) = &now_anns {
                    learn.extend(a.iter().filter(|(_, a)| a.decided()).map(|(&i, a)| (a.updated, number, i)));
                }
                self.docs.insert(
                    id,
                    Seen {
                        number,
                        doc: doc.clone(),
                        anns: now_anns,
                        done: now_done,
                        sentences: doc.sentences.len(),
                        alive: true,
                    },
                );
                rescan.push((number, doc.clone(), None));
                continue;
            };
            seen.alive = true;
            let same = match (&seen.anns, &now_anns) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            };
            let same_doc = Rc::ptr_eq(&seen.doc, doc);
            if same && seen.done == now_done && same_doc {
                continue;
            }
            if !same_doc {
                // Other boundaries: every sentence of the document enters the pool afresh.
                for i in 0..seen.sentences {
                    self.pool.remove(key(seen.number, i));
                }
                seen.doc = doc.clone();
            }
            let empty = DocAnnotations::new();
            let before = seen.anns.as_deref().unwrap_or(&empty);
            let after = now_anns.as_deref().unwrap_or(&empty);
            // A boundary edit moves records between indices but decides nothing.
            for (&i, a) in after.iter().filter(|_| same_doc) {
                let was = before.get(&i);
                let newly = a.decided() && was.is_none_or(|w| !w.decided() || w.labels != a.labels || w.none != a.none);
                if newly {
                    learn.push((a.updated, seen.number, i));
                }
            }
            // Which sentences changed their decided state (a key press: one).
            let only = (same_doc && seen.done == now_done).then(|| {
                let mut changed: Vec<usize> = Vec::new();
                for (&i, a) in after {
                    if a.decided() != before.get(&i).is_some_and(Annotation::decided) {
                        changed.push(i);
                    }
                }
                for (&i, b) in before {
                    if b.decided() && !after.contains_key(&i) {
                        changed.push(i);
                    }
                }
                changed
            });
            seen.anns = now_anns;
            seen.done = now_done;
            seen.sentences = doc.sentences.len();
            rescan.push((seen.number, doc.clone(), only));
        }
        // Documents gone: their sentences leave the pool.
        let gone: Vec<(u32, usize)> =
            self.docs.values().filter(|s| !s.alive && s.sentences > 0).map(|s| (s.number, s.sentences)).collect();
        let any_gone = !gone.is_empty();
        for (number, n) in gone {
            for i in 0..n {
                self.pool.remove(key(number, i));
            }
            if let Some(seen) = self.docs.get_mut(&self.ids[number as usize]) {
                seen.sentences = 0;
                seen.anns = None;
            }
            self.pooled.remove(&number);
        }
        let changed = !learn.is_empty() || !rescan.is_empty() || any_gone;
        learn.sort_unstable();
        // A load (or an import) with a very large history learns its latest decisions only:
        // the model is as good, and the page opens without a long pause.
        if learn.len() > RETRAIN_CAP {
            learn.drain(..learn.len() - RETRAIN_CAP);
        }
        // Built only when there is something to learn: a key press that decided nothing (or a
        // render after the lesson was learned) costs no map of every document.
        let by_number: HashMap<u32, &Rc<Document>> = if learn.is_empty() {
            HashMap::new()
        } else {
            docs.iter().filter_map(|d| self.docs.get(d.id.as_str()).map(|s| (s.number, d))).collect()
        };
        for (_, number, i) in learn {
            let Some(doc) = by_number.get(&number) else { continue };
            let Some(a) = anns.get(&doc.id, i) else { continue };
            if i >= doc.sentences.len() {
                continue;
            }
            let text = doc.sentence_text(i);
            for c in categories(a) {
                self.pool.learn(&mut self.model, Some(key(number, i)), text, c);
            }
        }
        // Pool membership of every changed document: the undecided sentences in, the rest out.
        for (number, doc, only) in rescan {
            if !self.pooled.contains(&number) {
                continue;
            }
            let is_done = done(&doc.id);
            let doc_anns = anns.doc(&doc.id);
            let all: Vec<usize>;
            let indices: &[usize] = match &only {
                Some(v) => v,
                None => {
                    all = (0..doc.sentences.len()).collect();
                    &all
                }
            };
            for &i in indices.iter().filter(|&&i| i < doc.sentences.len()) {
                let k = key(number, i);
                let decided = is_done || doc_anns.and_then(|a| a.get(&i)).is_some_and(Annotation::decided);
                if decided {
                    self.pool.remove(k);
                } else if !self.pool.contains(k) {
                    self.pool.insert(&self.model, k, doc.sentence_text(i));
                }
            }
        }
        if self.pool.is_stale(&self.model) {
            self.pool.rebuild(&self.model);
        }
        if changed {
            self.generation += 1;
        }
    }

    /// Puts `doc`'s undecided sentences into the pool, once (call `sync` first).
    pub fn pool_doc(&mut self, doc: &Document, anns: Option<&DocAnnotations>, done: bool) {
        let Some(number) = self.docs.get(doc.id.as_str()).map(|s| s.number) else { return };
        if !self.pooled.insert(number) || done {
            return;
        }
        for i in 0..doc.sentences.len() {
            if !anns.and_then(|a| a.get(&i)).is_some_and(Annotation::decided) {
                self.pool.insert(&self.model, key(number, i), doc.sentence_text(i));
            }
        }
        self.generation += 1;
    }

    /// The suggestions for sentences `range` of `doc` (`None` for decided ones, or when the
    /// model has nothing to go on), computed once per document, range and generation (the
    /// article view asks for the sentences it draws). Call `sync` first.
    pub fn for_range(&mut self, doc: &Document, range: std::ops::Range<usize>) -> Rc<[Option<Shown>]> {
        let range = range.start.min(doc.sentences.len())..range.end.min(doc.sentences.len());
        let Some(number) = self.docs.get(doc.id.as_str()).map(|s| s.number) else {
            return Rc::from(vec![None; range.len()]);
        };
        if let Some(c) = &self.cache {
            if c.number == number && c.generation == self.generation && c.range == range {
                return c.shown.clone();
            }
        }
        // Rows are read with the pool's pending changes added (`Pool::flush` is `settle`'s,
        // when the keys pause): a window that moves on a key press costs its rows, not the pool.
        let keys: Vec<u64> = range.clone().map(|i| key(number, i)).collect();
        let out: Rc<[Option<Shown>]> =
            self.pool.predict_many(&self.model, &keys).into_iter().map(|s| s.map(|s| self.shown(s))).collect();
        self.cache = Some(Cached { number, generation: self.generation, range, shown: out.clone() });
        out
    }

    /// Adds what was learned to every pooled sentence (`Pool::flush`): for when the keys
    /// pause, so that no key press pays for a pass over the whole pool.
    pub fn settle(&mut self) {
        self.pool.flush();
    }

    /// The suggestion of one sentence.
    pub fn one(&self, doc: &Document, index: usize) -> Option<Shown> {
        let number = self.docs.get(doc.id.as_str())?.number;
        let s = self.pool.predict_many(&self.model, &[key(number, index)]).pop()??;
        Some(self.shown(s))
    }

    fn shown(&self, s: Suggestion) -> Shown {
        Shown { category: s.category, score: s.score }
    }

    /// The undecided sentence the model is least sure of, other than `except`: (document id,
    /// sentence index). `None` when the model has nothing to go on or nothing is undecided.
    pub fn least_sure(&mut self, except: Option<(&str, usize)>) -> Option<(Rc<str>, usize)> {
        let skip = except.and_then(|(id, i)| self.docs.get(id).map(|s| key(s.number, i)));
        let best = self.pool.least_sure_except(&self.model, skip)?;
        let id = self.ids.get((best >> 32) as usize)?.clone();
        Some((id, (best & 0xFFFF_FFFF) as usize))
    }
}

/// How the person's decisions compared with what was suggested when they made them
/// (`suggested` is stored with each decision: docs/FORMAT.md §1 and §3).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Acceptance {
    /// Decisions made while a suggestion showed.
    pub offered: usize,
    /// ... that took the suggestion.
    pub accepted: usize,
    /// The learning curve: per block of consecutive decisions (oldest first), (decisions up
    /// to the block's end, share of the block's suggestions that were right).
    pub curve: Vec<(usize, f32)>,
}

impl Acceptance {
    /// Blocks of this many decisions make one point of the curve.
    pub const BLOCK: usize = 20;

    pub fn of(anns: &AnnotationStore, docs: &[Rc<Document>]) -> Acceptance {
        let mut rows: Vec<(u64, bool)> = Vec::new();
        for doc in docs {
            let Some(a) = anns.doc(&doc.id) else { continue };
            for a in a.values() {
                if let (true, Some(s)) = (a.decided(), &a.suggested) {
                    let took = if a.none { s == NONE } else { a.labels.iter().any(|l| l == s) };
                    rows.push((a.updated, took));
                }
            }
        }
        rows.sort_unstable();
        let accepted = rows.iter().filter(|r| r.1).count();
        let mut curve = Vec::new();
        for (b, block) in rows.chunks(Self::BLOCK).enumerate() {
            // A last block under half full says too little.
            if block.len() * 2 < Self::BLOCK && b > 0 {
                break;
            }
            let right = block.iter().filter(|r| r.1).count();
            curve.push((b * Self::BLOCK + block.len(), right as f32 / block.len() as f32));
        }
        Acceptance { offered: rows.len(), accepted, curve }
    }
}
