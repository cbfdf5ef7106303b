//! The suggestion model's contract: probabilities, learning, determinism, storage, the pool's
//! incremental scores, and the bars of docs/DEVELOPMENT.md (Suggestions: quality and speed) on
//! `tests/data/suggest_cases.jsonl`.

use super::eval::{macro_f1, parse_jsonl, replay, Case};
use super::model::{top, Model, Pool, State, NONE};

const CASES: &str = include_str!("../../../../tests/data/suggest_cases.jsonl");

fn default_labels() -> Vec<String> {
    ["claim", "denial", "demand"].map(String::from).to_vec()
}

fn other_labels() -> Vec<String> {
    ["praise", "blame"].map(String::from).to_vec()
}

fn cases() -> Vec<Case> {
    parse_jsonl(CASES).unwrap()
}

/// A model taught the first `n` cases.
fn taught(n: usize) -> Model {
    let cases = cases();
    let labels = default_labels();
    Model::retrain(&labels, cases.iter().take(n).map(|c| (c.text.as_str(), c.label.as_str())))
}

fn assert_sums_to_one(p: &[(String, f32)]) {
    let sum: f32 = p.iter().map(|x| x.1).sum();
    assert!((sum - 1.0).abs() < 1e-4, "{p:?}");
    assert!(p.iter().all(|x| (0.0..=1.0).contains(&x.1)), "{p:?}");
}

#[test]
fn categories_are_the_labels_then_none() {
    let m = Model::new(&default_labels());
    assert_eq!(m.categories(), ["claim", "denial", "demand", NONE]);
    assert!(m.has_cues());
    let o = Model::new(&other_labels());
    assert_eq!(o.categories(), ["praise", "blame", NONE]);
    assert!(!o.has_cues());
    let set = crate::labels::LabelSet::default_set();
    assert!(Model::for_labels(&set).has_cues());
}

#[test]
fn probabilities_sum_to_one() {
    for m in [Model::new(&default_labels()), taught(60), Model::new(&other_labels())] {
        for text in
            ["", "Russia denied the report.", "Shares rose 2 percent.", "\"Stop!\" — 😀 ẞ", &"word ".repeat(500)]
        {
            let p = m.predict(text);
            assert_eq!(p.len(), m.categories().len());
            assert_sums_to_one(&p);
        }
    }
}

#[test]
fn cue_words_suggest_before_any_decision() {
    let m = Model::new(&default_labels());
    assert_eq!(m.suggest("The ministry denied the report.").unwrap().0, "denial");
    assert_eq!(m.suggest("Protesters demanded new elections.").unwrap().0, "demand");
    assert_eq!(m.suggest("The opposition claimed the vote was rigged.").unwrap().0, "claim");
    assert_eq!(m.suggest("The bridge opened in 1932.").unwrap().0, NONE);
    // "did not deny" is no denial.
    assert_ne!(m.suggest("The ministry did not deny the report.").unwrap().0, "denial");
    // Another label set has no cue words: nothing to suggest before a decision.
    let mut o = Model::new(&other_labels());
    assert_eq!(o.suggest("The ministry denied the report."), None);
    assert!(o.learn("The coach praised the players.", "praise"));
    assert!(o.suggest("The mayor praised the volunteers.").is_some());
}

#[test]
fn cue_words_serve_the_labels_they_know_beside_a_new_one() {
    // A label added to the default three, and the three in another order: the cue words
    // still suggest claim, denial and demand by name, and "question" starts at no evidence.
    let added: Vec<String> = ["claim", "denial", "demand", "question"].map(String::from).to_vec();
    let moved: Vec<String> = ["demand", "question", "denial", "claim"].map(String::from).to_vec();
    for labels in [added, moved] {
        let mut m = Model::new(&labels);
        assert!(m.has_cues(), "{labels:?}");
        assert_eq!(m.suggest("The ministry denied the report.").unwrap().0, "denial", "{labels:?}");
        assert_eq!(m.suggest("Protesters demanded new elections.").unwrap().0, "demand", "{labels:?}");
        assert_eq!(m.suggest("The opposition claimed the vote was rigged.").unwrap().0, "claim", "{labels:?}");
        assert_eq!(m.suggest("The bridge opened in 1932.").unwrap().0, NONE, "{labels:?}");
        let probe = "Will the minister resign before the vote?";
        assert_ne!(m.suggest(probe).unwrap().0, "question", "nothing taught yet: {labels:?}");
        // The model learns the new label from decisions.
        for (i, q) in [
            "Will the council approve the budget?",
            "Can the club afford the new stadium?",
            "Will the mayor resign after the report?",
            "Could the strike end before the holidays?",
            "Will the talks resume next week?",
        ]
        .iter()
        .enumerate()
        {
            assert!(m.learn(q, "question"));
            m.learn(&format!("The river rose {i} metres overnight."), NONE);
        }
        assert_eq!(m.suggest(probe).unwrap().0, "question", "{labels:?}: {:?}", m.predict(probe));
        assert_eq!(m.suggest("The ministry denied the report.").unwrap().0, "denial", "{labels:?}");
    }
    // Without any of the three, there is still nothing to go on before a decision.
    assert!(!Model::new(&other_labels()).has_cues());
}

#[test]
fn learning_moves_predictions() {
    // Without cue words: the taught category comes forward for a similar sentence.
    let mut m = Model::new(&other_labels());
    let text = "The coach praised the young players after the match.";
    let before = m.predict("The mayor praised the young volunteers.")[0].1;
    for _ in 0..3 {
        m.learn(text, "praise");
        m.learn("The stadium holds 40,000 people.", NONE);
    }
    let after = m.predict("The mayor praised the young volunteers.");
    assert!(after[0].1 > before, "{before} -> {after:?}");
    assert_eq!(m.suggest("The mayor praised the young volunteers.").unwrap().0, "praise");
    // With cue words: a person who reads "warned … to" as a demand (the table says claim) is
    // followed within a few decisions.
    let mut m = Model::new(&default_labels());
    let probe = "The agency warned farmers to move their cattle.";
    assert_eq!(m.suggest(probe).unwrap().0, "claim");
    let p0 = m.predict(probe)[2].1;
    for (i, t) in [
        "The army warned residents to leave the area.",
        "Police warned drivers to stay off the roads.",
        "The ministry warned citizens to avoid travel to the region.",
        "Doctors warned parents to keep children indoors.",
    ]
    .iter()
    .enumerate()
    {
        m.learn(t, "demand");
        m.learn(&format!("The river rose {i} metres overnight."), NONE);
    }
    let p1 = m.predict(probe)[2].1;
    assert!(p1 > p0 + 0.3, "{p0} -> {p1}");
    assert_eq!(m.suggest(probe).unwrap().0, "demand");
}

#[test]
fn unknown_categories_are_not_learned() {
    let mut m = Model::new(&default_labels());
    assert!(!m.learn("text", "praise"));
    assert_eq!(m.decisions(), 0);
    assert!(m.learn("text", NONE));
    assert_eq!(m.decisions(), 1);
}

#[test]
fn deterministic_and_retrain_equals_online() {
    let a = taught(80);
    let b = taught(80);
    let mut online = Model::new(&default_labels());
    for c in cases().iter().take(80) {
        online.learn(&c.text, &c.label);
    }
    for c in cases().iter().skip(80).take(40) {
        let pa = a.predict(&c.text);
        assert_eq!(pa, b.predict(&c.text));
        assert_eq!(pa, online.predict(&c.text));
    }
    assert_eq!(a.state(), online.state());
}

#[test]
fn state_round_trip() {
    let m = taught(50);
    let json = serde_json::to_string(&m.state()).unwrap();
    let state: State = serde_json::from_str(&json).unwrap();
    let back = Model::from_state(&state).unwrap();
    assert_eq!(back.state(), m.state());
    for c in cases().iter().skip(50).take(30) {
        assert_eq!(back.predict(&c.text), m.predict(&c.text));
    }
    // Learning goes on the same way after a reload.
    let (mut m2, mut back2) = (m.clone(), back);
    m2.learn("Unions demanded a pay rise.", "demand");
    back2.learn("Unions demanded a pay rise.", "demand");
    assert_eq!(m2.state(), back2.state());
    // A state that does not fit is refused.
    let mut bad = state.clone();
    bad.w.pop();
    assert!(Model::from_state(&bad).is_none());
    let mut bad = state;
    bad.categories.pop();
    assert!(Model::from_state(&bad).is_none());
}

#[test]
fn top_and_margin() {
    let s = top(&[0.1, 0.6, 0.25, 0.05]);
    assert_eq!(s.category, 1);
    assert!((s.score - 0.6).abs() < 1e-6 && (s.margin - 0.35).abs() < 1e-6);
    let s = top(&[0.7, 0.1, 0.2]);
    assert_eq!(s.category, 0);
    assert!((s.margin - 0.5).abs() < 1e-6);
    assert_eq!(top(&[1.0]).margin, 1.0);
}

fn close(a: &[f32], b: &[f32]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-4)
}

#[test]
fn pool_scores_follow_the_model() {
    let cases = cases();
    let mut model = Model::new(&default_labels());
    let mut pool = Pool::new(&model);
    for (i, c) in cases.iter().enumerate().skip(100).take(150) {
        pool.insert(&model, i as u64, &c.text);
    }
    assert_eq!(pool.len(), 150);
    // Decide sentences in and out of the pool; every score stays what a fresh prediction says.
    for (i, c) in cases.iter().enumerate().take(130) {
        let key = (i >= 100).then_some(i as u64);
        assert!(pool.learn(&mut model, key, &c.text, &c.label));
        if i % 43 == 0 || i == 129 {
            for (j, c) in cases.iter().enumerate().skip(130).take(120).step_by(7) {
                let fx = model.features(&c.text);
                let direct = model.predict_with(&fx, super::Mix::Blend);
                assert!(close(&pool.predict(&model, j as u64).unwrap(), &direct), "after {i}: {j}");
            }
        }
    }
    assert_eq!(pool.len(), 120);
    assert!(!pool.contains(105) && pool.contains(130));
    assert!(pool.predict(&model, 105).is_none());
    // Rescore: one suggestion per live sentence, and the least sure has the smallest margin.
    let all = pool.rescore(&model);
    assert_eq!(all.len(), 120);
    let least = pool.least_sure(&model).unwrap();
    let min = all.iter().map(|s| s.1.margin).fold(f32::INFINITY, f32::min);
    assert_eq!(all.iter().find(|s| s.0 == least).unwrap().1.margin, min);
    // Learning outside the pool makes it stale; `learn` then rebuilds it.
    model.learn("Unions demanded a pay rise.", "demand");
    assert!(pool.is_stale(&model));
    pool.learn(&mut model, None, "Unions rejected the offer.", "denial");
    assert!(!pool.is_stale(&model));
    let fx = model.features(&cases[200].text);
    assert!(close(&pool.predict(&model, 200).unwrap(), &model.predict_with(&fx, super::Mix::Blend)));
    // A retrained model: rebuild gives the same scores as inserting afresh.
    let model = taught(200);
    pool.rebuild(&model);
    let mut fresh = Pool::new(&model);
    for (i, c) in cases.iter().enumerate().skip(130).take(120) {
        fresh.insert(&model, i as u64, &c.text);
    }
    for j in (130..250).step_by(11) {
        assert!(close(&pool.predict(&model, j).unwrap(), &fresh.predict(&model, j).unwrap()));
    }
    // Removing everything empties it (through compaction).
    for j in 0..300 {
        pool.remove(j);
    }
    assert!(pool.is_empty() && pool.rescore(&model).is_empty() && pool.least_sure(&model).is_none());
}

#[test]
fn pending_changes_predict_what_flushed_ones_do() {
    // Learning defers its effect on the pool's sums; a prediction adds it for the sentence
    // it reads. Before and after `flush`, and across inserts and removals, the same scores.
    let cases = cases();
    let mut model = Model::new(&default_labels());
    let mut pool = Pool::new(&model);
    for (i, c) in cases.iter().enumerate().skip(100).take(100) {
        pool.insert(&model, i as u64, &c.text);
    }
    for (i, c) in cases.iter().enumerate().take(60) {
        assert!(pool.learn(&mut model, None, &c.text, &c.label));
        if i % 10 == 9 {
            assert!(pool.has_pending());
            let live: Vec<u64> = (100..400).filter(|&j| pool.contains(j)).collect();
            let pending: Vec<_> = live.iter().map(|&j| pool.predict(&model, j).unwrap()).collect();
            let least = pool.least_sure(&model);
            let mut flushed = pool.clone();
            flushed.flush();
            assert!(!flushed.has_pending());
            for (&j, p) in live.iter().zip(&pending) {
                assert!(close(p, &flushed.predict(&model, j).unwrap()), "after {i}: {j}");
                let direct = model.predict_with(&model.features(&cases[j as usize].text), super::Mix::Blend);
                assert!(close(p, &direct), "after {i}: {j} against a fresh prediction");
            }
            assert_eq!(least, flushed.least_sure(&model));
        }
        if i % 15 == 14 {
            // A removal, then an insert (which flushes first: its sums come from the model).
            pool.remove(100 + i as u64);
            pool.insert(&model, 300 + i as u64, &cases[300 + i].text);
            assert!(!pool.has_pending());
        }
    }
}

#[test]
fn pool_of_another_label_set_suggests_only_after_a_decision() {
    let mut model = Model::new(&other_labels());
    let mut pool = Pool::new(&model);
    pool.insert(&model, 1, "The coach praised the players.");
    assert!(pool.rescore(&model).is_empty());
    pool.learn(&mut model, None, "The mayor praised the volunteers.", "praise");
    assert_eq!(pool.rescore(&model)[0].1.category, 0);
}

#[test]
fn cases_file_is_realistic() {
    let cases = cases();
    assert!(cases.len() >= 300, "{}", cases.len());
    let share = |l: &str| cases.iter().filter(|c| c.label == l).count() as f64 / cases.len() as f64;
    assert!(share(NONE) >= 0.5, "none {}", share(NONE));
    for l in ["claim", "denial", "demand"] {
        assert!(share(l) >= 0.1, "{l} {}", share(l));
    }
    assert!(cases.iter().all(|c| ["claim", "denial", "demand", NONE].contains(&c.label.as_str())));
    let mut texts: Vec<&str> = cases.iter().map(|c| c.text.as_str()).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), cases.len(), "duplicate sentences");
}

#[test]
fn issue_targets_on_the_cases() {
    // Cue words alone, before any decision: macro-F1 ≥ 0.5. After 200 decisions the
    // suggestions beat the cue words alone and the majority class.
    let rows = replay(Model::new(&default_labels()), &cases(), &[0, 200]);
    assert!(rows[0].cues >= 0.5, "{rows:?}");
    assert!(rows[1].suggest > rows[1].cues + 0.02, "{rows:?}");
    assert!(rows[1].suggest > rows[1].majority + 0.3, "{rows:?}");
    // Learning alone (another label set) gets somewhere too.
    let rows = replay(Model::without_cues(&default_labels()), &cases(), &[200]);
    assert!(rows[0].suggest > rows[0].majority + 0.2, "{rows:?}");
}

#[test]
fn macro_f1_by_hand() {
    // Gold 0 0 1 2, predicted 0 1 1 1: F1 class 0 = 2/3, class 1 = 2/4, class 2 = 0, class 3 absent = 0.
    let f = macro_f1(&[0, 0, 1, 2], &[0, 1, 1, 1], 4);
    assert!((f - (2.0 / 3.0 + 0.5) / 4.0).abs() < 1e-12);
    assert_eq!(macro_f1(&[0, 1], &[0, 1], 2), 1.0);
}

#[test]
fn a_model_that_has_not_learned_holds_no_table_and_predicts_as_with_zeros() {
    let fresh = Model::new(&default_labels());
    assert_eq!(fresh.table_len(), 0, "12 MB a session being built does not need");
    assert_eq!(Model::from_state(&fresh.state()).unwrap().table_len(), 0, "an empty state restores no table");
    // The same model with its table made, all zeros (a state with one zero row): same answers.
    let mut st = fresh.state();
    let k = st.categories.len();
    st.rows = vec![7];
    (st.counts, st.w, st.g2) = (vec![0.0; k], vec![0.0; k], vec![0.0; k]);
    let zeroed = Model::from_state(&st).unwrap();
    assert!(zeroed.table_len() > 0);
    let mut made = Model::new(&default_labels());
    made.learn("The ministry denied the report.", "denial");
    assert!(made.table_len() > 0);
    for text in ["The minister said the talks would resume.", "Police denied any wrongdoing.", "Weather today."] {
        assert_eq!(fresh.predict(text), zeroed.predict(text));
    }
    // A state with rows makes the table, and reads back the same.
    let back = Model::from_state(&made.state()).unwrap();
    assert!(back.table_len() > 0);
    assert_eq!(back.predict("The ministry denied it."), made.predict("The ministry denied it."));
}
