//! Which suggestions the article view paints on its drawn sentences, and when
//! (docs/DEVELOPMENT.md, Performance). The model learns from every decision, and a lesson moves
//! the probability of nearly every undecided sentence: repainting all 300 drawn rows on each
//! key press set ~550 attributes per press in a 5,000-sentence article (measured with a
//! MutationObserver), most of them on rows far off screen. So a key press repaints only the
//! sentences around the focus, where the person looks next (auto-advance walks forward), and
//! the other rows keep what they showed until the keys pause; then the whole window is painted
//! from the model again (`refresh`). A new document, a moved window, suggestions switched on or
//! off, or a label set change paint everything at once. Decided sentences hide their hint in
//! the row itself, so a stale hint on one is never seen.

use std::ops::Range;
use std::rc::Rc;

use annotator_core::suggest::Shown;

/// Sentences before the focus painted fresh on a key press.
pub const BEHIND: usize = 1;
/// Sentences from the focus on painted fresh on a key press.
pub const AHEAD: usize = 8;

/// What the view draws now: the document, its drawn sentences, the model's generation, the
/// focus, a counter the view bumps when the keys paused (`refresh`), and `context`, which
/// changes with anything else that must paint everything (suggestions on or off, the labels).
#[derive(Clone, Debug, PartialEq)]
pub struct Want<'a> {
    pub doc: &'a str,
    pub range: Range<usize>,
    pub generation: u64,
    pub focus: usize,
    pub refresh: u64,
    pub context: u64,
    /// The panels are one paint behind a key press (`PanelState`): the rows near the focus
    /// are repainted with them, just after the key's frame.
    pub behind: bool,
}

/// What the drawn rows show, and what it was computed for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PaintedHints {
    key: Option<(String, Range<usize>, u64)>,
    generation: u64,
    refresh: u64,
    hints: Vec<Option<Shown>>,
    stale: bool,
}

impl PaintedHints {
    /// Brings the painted hints up to date with `want`; `fetch` asks the model for a range.
    pub fn update(&mut self, want: &Want, mut fetch: impl FnMut(Range<usize>) -> Rc<[Option<Shown>]>) {
        let Want { doc, ref range, generation, focus, refresh, context, behind } = *want;
        let range = range.clone();
        if !self.holds(doc, &range, context, refresh) {
            self.hints = fetch(range.clone()).to_vec();
            self.hints.resize(range.len(), None);
            self.key = Some((doc.to_owned(), range, context));
            self.refresh = refresh;
            self.generation = generation;
            self.stale = false;
            return;
        }
        if self.generation == generation || behind {
            return;
        }
        let near = focus.saturating_sub(BEHIND).max(range.start)..(focus + AHEAD).min(range.end);
        if !near.is_empty() {
            let fresh = fetch(near.clone());
            for (k, i) in near.enumerate() {
                self.hints[i - range.start] = fresh.get(k).copied().flatten();
            }
        }
        self.generation = generation;
        self.stale = true;
    }

    /// Whether the painted hints are for this document, drawn range and context, and this
    /// `refresh`: then a key press whose panels follow (`Want::behind`) keeps them as they are,
    /// and the view need not even ask the model (nor bring it in step with the decision).
    pub fn holds(&self, doc: &str, range: &Range<usize>, context: u64, refresh: u64) -> bool {
        self.refresh == refresh && self.key.as_ref().is_some_and(|(d, r, c)| d == doc && r == range && *c == context)
    }

    /// Whether `update` with this `refresh` paints the whole window again (the keys paused).
    pub fn refreshes(&self, refresh: u64) -> bool {
        self.refresh != refresh
    }

    /// The hint painted on sentence `index`.
    pub fn at(&self, index: usize) -> Option<Shown> {
        let start = self.key.as_ref().map_or(0, |k| k.1.start);
        self.hints.get(index.wrapping_sub(start)).copied().flatten()
    }

    /// Some rows show what an older model said: paint them again once the keys pause.
    pub fn stale(&self) -> bool {
        self.stale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model whose every score is its generation, so a test sees which rows were painted when.
    fn model(generation: u64, calls: &mut Vec<Range<usize>>) -> impl FnMut(Range<usize>) -> Rc<[Option<Shown>]> + '_ {
        move |r: Range<usize>| {
            calls.push(r.clone());
            r.map(|i| (i % 7 != 3).then_some(Shown { category: 0, score: generation as f32 })).collect()
        }
    }

    /// A range, written so (`[a..b]` reads as a mistake to clippy).
    fn r(start: usize, end: usize) -> Range<usize> {
        start..end
    }

    fn score(p: &PaintedHints, i: usize) -> Option<f32> {
        p.at(i).map(|s| s.score)
    }

    #[test]
    fn a_lesson_repaints_only_around_the_focus_until_the_keys_pause() {
        let mut p = PaintedHints::default();
        let mut calls = Vec::new();
        p.update(
            &Want { doc: "d", range: 100..400, generation: 1, focus: 150, refresh: 0, context: 0, behind: false },
            model(1, &mut calls),
        );
        assert_eq!(calls, [r(100, 400)]);
        assert!(!p.stale());
        assert_eq!(score(&p, 100), Some(1.0));
        assert_eq!(score(&p, 101), None, "101 % 7 == 3: nothing to suggest");
        assert_eq!(score(&p, 99), None, "not drawn");

        // The model learned (generation 2) from a key press whose panels follow after the
        // paint: the rows near the focus wait for them.
        calls.clear();
        p.update(
            &Want { doc: "d", range: 100..400, generation: 2, focus: 150, refresh: 0, context: 0, behind: true },
            model(2, &mut calls),
        );
        assert!(calls.is_empty());
        assert_eq!(score(&p, 151), Some(1.0));
        assert!(p.holds("d", &r(100, 400), 0, 0), "a key press behind may skip the model");
        assert!(!p.holds("d", &r(100, 401), 0, 0), "another range is painted afresh");
        assert!(!p.holds("e", &r(100, 400), 0, 0), "another document too");
        assert!(!p.holds("d", &r(100, 400), 1, 0), "another context too");
        assert!(!p.holds("d", &r(100, 400), 0, 1), "and the keys' pause");

        // The panels caught up, the focus at 150: BEHIND..AHEAD around it repainted.
        p.update(
            &Want { doc: "d", range: 100..400, generation: 2, focus: 150, refresh: 0, context: 0, behind: false },
            model(2, &mut calls),
        );
        assert_eq!(calls, [r(150 - BEHIND, 150 + AHEAD)]);
        assert!(p.stale());
        for i in 150 - BEHIND..150 + AHEAD {
            assert_eq!(score(&p, i), (i % 7 != 3).then_some(2.0), "{i}");
        }
        assert_eq!(score(&p, 150 - BEHIND - 1), Some(1.0), "behind the near rows: as painted before");
        assert_eq!(score(&p, 150 + AHEAD), Some(1.0));

        // Nothing learned (a move): nothing asked of the model.
        calls.clear();
        p.update(
            &Want { doc: "d", range: 100..400, generation: 2, focus: 151, refresh: 0, context: 0, behind: false },
            model(2, &mut calls),
        );
        assert!(calls.is_empty());
        assert!(!p.refreshes(0));

        // The keys paused: everything painted from the model again.
        assert!(p.refreshes(1), "the view settles the model before this paint");
        p.update(
            &Want { doc: "d", range: 100..400, generation: 2, focus: 151, refresh: 1, context: 0, behind: false },
            model(2, &mut calls),
        );
        assert_eq!(calls, [r(100, 400)]);
        assert!(!p.stale());
        assert_eq!(score(&p, 399), Some(2.0));
    }

    #[test]
    fn another_document_window_or_context_paints_everything() {
        let mut calls = Vec::new();
        let mut p = PaintedHints::default();
        p.update(
            &Want { doc: "d", range: 0..50, generation: 1, focus: 0, refresh: 0, context: 0, behind: false },
            model(1, &mut calls),
        );
        p.update(
            &Want { doc: "e", range: 0..50, generation: 1, focus: 0, refresh: 0, context: 0, behind: false },
            model(1, &mut calls),
        );
        p.update(
            &Want { doc: "e", range: 0..40, generation: 1, focus: 0, refresh: 0, context: 0, behind: false },
            model(1, &mut calls),
        );
        p.update(
            &Want { doc: "e", range: 0..40, generation: 1, focus: 0, refresh: 0, context: 9, behind: false },
            model(1, &mut calls),
        );
        assert_eq!(calls, [r(0, 50), r(0, 50), r(0, 40), r(0, 40)]);
        // Near rows are clipped to the window.
        calls.clear();
        p.update(
            &Want { doc: "e", range: 0..40, generation: 2, focus: 39, refresh: 0, context: 9, behind: false },
            model(2, &mut calls),
        );
        assert_eq!(calls, [r(39 - BEHIND, 40)]);
        assert_eq!(score(&p, 39), Some(2.0));
        assert_eq!(score(&p, 40), None);
    }

    #[test]
    fn a_short_answer_leaves_no_stale_row_behind() {
        let mut p = PaintedHints::default();
        // The model answers fewer rows than asked (suggestions off): the rest show nothing.
        p.update(
            &Want { doc: "d", range: 0..10, generation: 1, focus: 0, refresh: 0, context: 0, behind: false },
            |_| Rc::from(Vec::new()),
        );
        assert!((0..10).all(|i| p.at(i).is_none()));
        p.update(
            &Want { doc: "d", range: 0..10, generation: 2, focus: 0, refresh: 0, context: 0, behind: false },
            |_| Rc::from(vec![None]),
        );
        assert!((0..10).all(|i| p.at(i).is_none()));
    }
}
