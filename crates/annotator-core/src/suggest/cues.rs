//! Cue words: what the page suggests before the person has decided anything
//! (docs/ARCHITECTURE.md, Suggestions), and features that give the learned model a head start.
//! Reporting and speech-act verbs and phrases per label of the default set (claim, denial,
//! demand), with their strength.
//!
//! Sources the table starts from (then trimmed to what news text uses, and weighed by hand):
//! - the CAMEO verb dictionary (PETRARCH 2, `CAMEO.2.0.txt`, MIT): ALLEGE [110] (allege,
//!   aver, avow, claim, swear), BLAME [112] (accuse, blame, charge), EXPLAIN_VERBAL [010]
//!   (assert, say, state, tell, …), REFUTE [016] and REFUSE (deny, reject, refuse, rule out,
//!   dispute), DEMAND [100] (demand, adjure, exhort, entreat, press, push, need, want) and
//!   INSIST [100];
//! - VerbNet 3.4 classes `say-37.7` (allege, assert, claim, declare, insist, reveal, …),
//!   `urge-58.1` (urge, call on, exhort, entreat, implore, press, pressure, lobby, ask),
//!   `order-58.3` (demand, order, require, command, mandate) and `reject-77.2` (reject,
//!   refuse, dismiss, rebuff, decline).
//!
//! Verbs are written as lemmas and their inflected forms are generated (`forms`; irregular
//! ones listed in `IRREGULAR`); nouns get a plural; fixed phrases match as written. A cue
//! preceded by a negation in its clause ("did not deny", "never claimed", "refused to
//! demand") does not fire as itself: a negated denial is weak evidence of a claim, a negated
//! strong claim weak evidence of a denial, a negated demand nothing. `Block` entries fire
//! nothing and only keep their words from firing another cue ("in order to", "request for
//! comment", "plead guilty").

use std::sync::OnceLock;

use super::features::Token;

/// What a cue is evidence of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cat {
    Claim,
    Denial,
    Demand,
    /// Matches, so its words cannot start another cue, and fires nothing.
    Block,
}

/// Which forms of the phrase's first word match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Infl {
    /// Lemma, -s, -ed, -ing (or the forms in `IRREGULAR`).
    Verb,
    /// Singular and plural.
    Noun,
    /// Exactly as written.
    Fixed,
}

/// Whether a negation before the cue changes what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Neg {
    Flip,
    /// The negation is part of the phrase or does not undo it ("must not" is still a demand).
    Keep,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cue {
    /// Lowercase words separated by one space; the first is a lemma for `Infl::Verb`.
    pub phrase: &'static str,
    pub cat: Cat,
    /// Strength: 1.0 a clear cue, 0.5 a common reporting word, below that a hint.
    pub weight: f32,
    pub infl: Infl,
    pub neg: Neg,
}

const fn cue(phrase: &'static str, cat: Cat, weight: f32, infl: Infl, neg: Neg) -> Cue {
    Cue { phrase, cat, weight, infl, neg }
}

use Cat::*;
use Infl::*;
use Neg::*;

/// The cue table, sorted by phrase (bytewise).
pub const CUES: &[Cue] = &[
    cue("absurd", Denial, 0.9, Fixed, Flip),
    cue("according to", Claim, 0.8, Fixed, Keep),
    cue("accusation", Claim, 0.7, Noun, Flip),
    cue("accuse", Claim, 1.1, Verb, Flip),
    cue("acknowledge", Claim, 0.6, Verb, Flip),
    cue("add that", Claim, 0.7, Verb, Flip),
    cue("added", Claim, 0.35, Fixed, Flip),
    cue("admit", Claim, 0.7, Verb, Flip),
    cue("allegation", Claim, 0.7, Noun, Flip),
    cue("allege", Claim, 1.2, Verb, Flip),
    cue("allegedly", Claim, 0.7, Fixed, Flip),
    cue("announce", Claim, 0.5, Verb, Flip),
    cue("appeal", Demand, 0.7, Verb, Flip),
    cue("argue", Claim, 0.9, Verb, Flip),
    cue("as per", Claim, 0.6, Fixed, Keep),
    cue("as saying", Claim, 0.8, Fixed, Keep),
    cue("ask", Demand, 0.45, Verb, Flip),
    cue("ask about", Block, 0.0, Verb, Keep),
    cue("ask for", Demand, 0.9, Verb, Flip),
    cue("assert", Claim, 1.1, Verb, Flip),
    cue("assertion", Claim, 0.6, Noun, Flip),
    cue("assure", Claim, 0.7, Verb, Flip),
    cue("aver", Claim, 1.0, Verb, Flip),
    cue("avow", Claim, 1.0, Verb, Flip),
    cue("baseless", Denial, 1.3, Fixed, Flip),
    cue("beg", Demand, 0.8, Verb, Flip),
    cue("believe", Claim, 0.5, Verb, Flip),
    cue("blame", Claim, 0.9, Verb, Flip),
    cue("call for", Demand, 1.2, Verb, Flip),
    cue("call on", Demand, 1.2, Verb, Flip),
    cue("call upon", Demand, 1.2, Verb, Flip),
    cue("categorically", Denial, 1.2, Fixed, Flip),
    cue("charge that", Claim, 1.0, Verb, Flip),
    cue("claim", Claim, 1.1, Verb, Flip),
    cue("clarify", Claim, 0.6, Verb, Flip),
    cue("command", Demand, 0.6, Verb, Flip),
    cue("comment", Claim, 0.35, Verb, Flip),
    cue("concede", Claim, 0.7, Verb, Flip),
    cue("confirm", Claim, 0.7, Verb, Flip),
    cue("contend", Claim, 1.0, Verb, Flip),
    cue("contradict", Denial, 0.6, Verb, Flip),
    cue("convinced", Claim, 0.5, Fixed, Flip),
    cue("debunk", Denial, 1.1, Verb, Flip),
    cue("declare", Claim, 0.6, Verb, Flip),
    cue("decline to comment", Block, 0.0, Verb, Keep),
    cue("demand", Demand, 1.2, Verb, Flip),
    cue("denial", Denial, 1.0, Noun, Flip),
    cue("deny", Denial, 1.3, Verb, Flip),
    cue("disavow", Denial, 1.0, Verb, Flip),
    cue("disclose", Claim, 0.5, Verb, Flip),
    cue("disinformation", Denial, 0.9, Fixed, Flip),
    cue("dismiss", Denial, 1.0, Verb, Flip),
    cue("dispute", Denial, 0.8, Verb, Flip),
    cue("distort", Denial, 0.9, Verb, Flip),
    cue("emphasise", Claim, 0.6, Verb, Flip),
    cue("emphasize", Claim, 0.6, Verb, Flip),
    cue("encourage", Demand, 0.6, Verb, Flip),
    cue("entreat", Demand, 1.0, Verb, Flip),
    cue("estimate", Claim, 0.4, Verb, Flip),
    cue("exhort", Demand, 1.1, Verb, Flip),
    cue("explain", Claim, 0.5, Verb, Flip),
    cue("fabricate", Denial, 1.0, Verb, Flip),
    cue("fabrication", Denial, 1.1, Noun, Flip),
    cue("fake", Denial, 1.0, Fixed, Flip),
    cue("false", Denial, 1.0, Fixed, Flip),
    cue("false flag", Claim, 0.9, Fixed, Keep),
    cue("falsehood", Denial, 1.0, Noun, Flip),
    cue("fiction", Denial, 0.7, Noun, Flip),
    cue("groundless", Denial, 1.3, Fixed, Flip),
    cue("has to", Demand, 0.4, Fixed, Flip),
    cue("have to", Demand, 0.4, Fixed, Flip),
    cue("highlight that", Claim, 0.7, Verb, Flip),
    cue("hoax", Denial, 1.0, Noun, Flip),
    cue("implore", Demand, 1.1, Verb, Flip),
    cue("in order to", Block, 0.0, Fixed, Keep),
    cue("inaccurate", Denial, 1.1, Fixed, Flip),
    cue("incorrect", Denial, 1.0, Fixed, Flip),
    cue("indicate", Claim, 0.4, Verb, Flip),
    cue("insist", Claim, 0.8, Verb, Flip),
    cue("insist on", Demand, 1.1, Verb, Flip),
    cue("insist that", Claim, 1.0, Verb, Flip),
    cue("instruct", Demand, 0.6, Verb, Flip),
    cue("lies", Denial, 0.5, Fixed, Flip),
    cue("lobby", Demand, 0.5, Verb, Flip),
    cue("maintain", Claim, 0.7, Verb, Flip),
    cue("maintain that", Claim, 1.0, Verb, Flip),
    cue("mandate", Demand, 0.5, Verb, Flip),
    cue("misinformation", Denial, 0.9, Fixed, Flip),
    cue("misleading", Denial, 1.0, Fixed, Flip),
    cue("misrepresent", Denial, 0.9, Verb, Flip),
    cue("must", Demand, 0.8, Fixed, Keep),
    cue("need to", Demand, 0.45, Fixed, Flip),
    cue("needs to", Demand, 0.5, Fixed, Flip),
    cue("never happened", Denial, 1.2, Fixed, Keep),
    cue("no basis", Denial, 1.1, Fixed, Keep),
    cue("no comment", Block, 0.0, Fixed, Keep),
    cue("no evidence", Denial, 0.9, Fixed, Keep),
    cue("no role", Denial, 0.9, Fixed, Keep),
    cue("no such", Denial, 0.8, Fixed, Keep),
    cue("no truth", Denial, 1.3, Fixed, Keep),
    cue("nonsense", Denial, 1.0, Fixed, Flip),
    cue("not involved", Denial, 1.0, Fixed, Keep),
    cue("not true", Denial, 1.3, Fixed, Keep),
    cue("note that", Claim, 0.7, Verb, Flip),
    cue("noted", Claim, 0.4, Fixed, Flip),
    cue("nothing to do with", Denial, 1.2, Fixed, Keep),
    cue("order", Demand, 0.7, Verb, Flip),
    cue("ought to", Demand, 0.7, Fixed, Keep),
    cue("plead", Demand, 0.6, Verb, Flip),
    cue("plead guilty", Block, 0.0, Verb, Keep),
    cue("plead not guilty", Block, 0.0, Verb, Keep),
    cue("point out", Claim, 0.8, Verb, Flip),
    cue("predict", Claim, 0.5, Verb, Flip),
    cue("press conference", Block, 0.0, Noun, Keep),
    cue("press for", Demand, 1.0, Verb, Flip),
    cue("press release", Block, 0.0, Noun, Keep),
    cue("pressure", Demand, 0.5, Verb, Flip),
    cue("propaganda", Denial, 0.6, Fixed, Flip),
    cue("propose", Demand, 0.5, Verb, Flip),
    cue("push for", Demand, 1.0, Verb, Flip),
    cue("quote", Claim, 0.5, Verb, Flip),
    cue("rebuff", Denial, 0.9, Verb, Flip),
    cue("rebut", Denial, 1.1, Verb, Flip),
    cue("recommend", Demand, 0.6, Verb, Flip),
    cue("refuse", Denial, 0.6, Verb, Flip),
    cue("refute", Denial, 1.3, Verb, Flip),
    cue("reiterate", Claim, 0.7, Verb, Flip),
    cue("reject", Denial, 1.1, Verb, Flip),
    cue("rejection", Denial, 0.8, Noun, Flip),
    cue("remark", Claim, 0.5, Verb, Flip),
    cue("reply", Claim, 0.4, Verb, Flip),
    cue("report", Claim, 0.4, Verb, Flip),
    cue("report that", Claim, 0.7, Verb, Flip),
    cue("reportedly", Claim, 0.6, Fixed, Flip),
    cue("repudiate", Denial, 1.0, Verb, Flip),
    cue("request", Demand, 0.8, Verb, Flip),
    cue("request for comment", Block, 0.0, Noun, Keep),
    cue("require", Demand, 0.7, Verb, Flip),
    cue("respond", Claim, 0.4, Verb, Flip),
    cue("retort", Claim, 0.7, Verb, Flip),
    cue("reveal", Claim, 0.6, Verb, Flip),
    cue("ridiculous", Denial, 0.8, Fixed, Flip),
    cue("rule out", Denial, 0.8, Verb, Flip),
    cue("say", Claim, 0.5, Verb, Flip),
    cue("say that", Claim, 0.8, Verb, Flip),
    cue("seek", Demand, 0.5, Verb, Flip),
    cue("should", Demand, 0.5, Fixed, Keep),
    cue("should immediately", Demand, 1.1, Fixed, Keep),
    cue("slander", Denial, 0.9, Verb, Flip),
    cue("smear", Denial, 0.9, Verb, Flip),
    cue("stated", Claim, 0.7, Fixed, Flip),
    cue("states that", Claim, 0.8, Fixed, Flip),
    cue("stress", Claim, 0.5, Verb, Flip),
    cue("suggest", Claim, 0.5, Verb, Flip),
    cue("swear", Claim, 0.8, Verb, Flip),
    cue("tell", Claim, 0.5, Verb, Flip),
    cue("testify", Claim, 0.8, Verb, Flip),
    cue("tweet", Claim, 0.5, Verb, Flip),
    cue("ultimatum", Demand, 1.3, Noun, Flip),
    cue("underscore", Claim, 0.6, Verb, Flip),
    cue("unfounded", Denial, 1.3, Fixed, Flip),
    cue("unsubstantiated", Denial, 1.1, Fixed, Flip),
    cue("untrue", Denial, 1.3, Fixed, Flip),
    cue("urge", Demand, 1.3, Verb, Flip),
    cue("want", Demand, 0.4, Verb, Flip),
    cue("warn", Claim, 0.6, Verb, Flip),
    cue("write", Claim, 0.4, Verb, Flip),
    cue("wrong", Denial, 0.5, Fixed, Flip),
];

/// Verbs whose forms the rules in `forms` would get wrong, sorted by lemma.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("admit", &["admits", "admitted", "admitting"]),
    ("aver", &["averred", "averring", "avers"]),
    ("beg", &["begged", "begging", "begs"]),
    ("rebut", &["rebuts", "rebutted", "rebutting"]),
    ("say", &["said", "saying", "says"]),
    ("seek", &["seeking", "seeks", "sought"]),
    ("swear", &["swearing", "swears", "swore", "sworn"]),
    ("tell", &["telling", "tells", "told"]),
    ("write", &["writes", "writing", "written", "wrote"]),
];

/// Words that negate a cue after them in the same clause (with any word ending in "n't"),
/// sorted.
const NEGATORS: &[&str] = &[
    "cannot",
    "decline",
    "declined",
    "declines",
    "declining",
    "fail",
    "failed",
    "fails",
    "hardly",
    "neither",
    "never",
    "no",
    "nobody",
    "nor",
    "not",
    "refuse",
    "refused",
    "refuses",
    "refusing",
    "without",
];

/// Words before a verb cue that make it a noun or an adjective ("the claims", "its demands",
/// "the alleged plot"): the cue counts half. Sorted.
const DETERMINERS: &[&str] =
    &["a", "an", "any", "her", "his", "its", "our", "such", "the", "their", "these", "this", "those"];

/// How many words before a cue a negation reaches.
const NEG_WINDOW: usize = 3;

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The forms of a lemma: itself, and for a verb -s, -ed, -ing (or its irregular forms); for a
/// noun the plural.
pub fn forms(lemma: &str, infl: Infl) -> Vec<String> {
    let mut out = vec![lemma.to_owned()];
    let b = lemma.as_bytes();
    let n = b.len();
    let consonant_y = n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]);
    let third = if ["s", "x", "z", "ch", "sh", "o"].iter().any(|e| lemma.ends_with(e)) {
        format!("{lemma}es")
    } else if consonant_y {
        format!("{}ies", &lemma[..n - 1])
    } else {
        format!("{lemma}s")
    };
    match infl {
        Fixed => {}
        Noun => out.push(third),
        Verb => {
            if let Ok(i) = IRREGULAR.binary_search_by(|(l, _)| l.cmp(&lemma)) {
                out.extend(IRREGULAR[i].1.iter().map(|f| f.to_string()));
            } else {
                out.push(third);
                out.push(if lemma.ends_with('e') {
                    format!("{lemma}d")
                } else if consonant_y {
                    format!("{}ied", &lemma[..n - 1])
                } else {
                    format!("{lemma}ed")
                });
                out.push(if lemma.ends_with("ie") {
                    format!("{}ying", &lemma[..n - 2])
                } else if lemma.ends_with('e') && !lemma.ends_with("ee") {
                    format!("{}ing", &lemma[..n - 1])
                } else {
                    format!("{lemma}ing")
                });
            }
        }
    }
    out
}

/// Every form of every cue's first word, with the cue's index, sorted by form: built once.
fn index() -> &'static [(String, u16)] {
    static INDEX: OnceLock<Vec<(String, u16)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut v = Vec::new();
        for (i, c) in CUES.iter().enumerate() {
            let first = c.phrase.split(' ').next().unwrap_or("");
            for f in forms(first, c.infl) {
                v.push((f, i as u16));
            }
        }
        v.sort();
        v
    })
}

/// A cue found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Index into `CUES`.
    pub cue: u16,
    /// First token of the match.
    pub at: usize,
    /// A negation comes before it in its clause.
    pub negated: bool,
    /// What it is evidence of after negation (`None`: nothing) and how strongly.
    pub cat: Option<Cat>,
    pub weight: f32,
}

/// The cues of a sentence, and the strongest evidence per label: `[claim, denial, demand]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cues {
    pub hits: Vec<Hit>,
    pub scores: [f32; 3],
}

/// Below this, the strongest cue is not enough to suggest a label: "none".
pub const THRESHOLD: f32 = 0.45;

impl Cues {
    /// The label the cues alone suggest (0 claim, 1 denial, 2 demand), or `None` for "none".
    /// Ties go to the rarer, more specific label: denial, then demand, then claim.
    pub fn label(&self) -> Option<usize> {
        let mut best: Option<usize> = None;
        for i in [1, 2, 0] {
            if self.scores[i] >= THRESHOLD && best.is_none_or(|b| self.scores[i] > self.scores[b]) {
                best = Some(i);
            }
        }
        best
    }
}

fn is_clause_break(t: &str) -> bool {
    matches!(t, "," | ";" | ":" | "\"" | "(" | ")" | "?" | "!" | "but")
}

fn is_negator(t: &str) -> bool {
    t.ends_with("n't") || NEGATORS.binary_search(&t).is_ok()
}

/// Whether a negation reaches the token at `at` ("not only" is no negation).
fn negated(tokens: &[Token], at: usize) -> bool {
    for j in (at.saturating_sub(NEG_WINDOW)..at).rev() {
        let t = tokens[j].as_str();
        if is_clause_break(t) {
            return false;
        }
        if is_negator(t) && tokens.get(j + 1).is_none_or(|n| n != "only") {
            return true;
        }
    }
    false
}

/// Whether the verb cue at `at` reads as a noun or an adjective: right after a determiner or
/// a possessive ("the alleged plot"), or, in its bare or -s form, two words after one ("Russia's
/// security demands", "the key claims").
fn noun_like(tokens: &[Token], at: usize, lemma: &str) -> bool {
    let det = |t: &str| DETERMINERS.binary_search(&t).is_ok() || t.ends_with("'s");
    let t = tokens[at].as_str();
    let bare_or_s = t == lemma || (t.starts_with(lemma) && t.len() - lemma.len() <= 2 && t.ends_with('s'));
    (at >= 1 && det(&tokens[at - 1]))
        || (bare_or_s && at >= 2 && det(&tokens[at - 2]) && !is_clause_break(&tokens[at - 1]))
}

/// Finds the cues of a tokenised sentence: at each token the longest phrase that matches,
/// whose tokens no other cue then starts from.
pub fn find(tokens: &[Token]) -> Cues {
    let idx = index();
    let mut out = Cues::default();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        let from = idx.partition_point(|(f, _)| f.as_str() < t);
        let mut best: Option<(usize, usize)> = None; // (cue, words)
        for (f, c) in &idx[from..] {
            if f != t {
                break;
            }
            let cue = &CUES[*c as usize];
            let rest = cue.phrase.split(' ').skip(1);
            let words = 1 + rest.clone().count();
            let matches = rest.enumerate().all(|(k, w)| tokens.get(i + 1 + k).is_some_and(|x| x == w));
            if matches && best.is_none_or(|(_, n)| words > n) {
                best = Some((*c as usize, words));
            }
        }
        let Some((c, words)) = best else {
            i += 1;
            continue;
        };
        let cue = &CUES[c];
        let neg = cue.neg == Flip && negated(tokens, i);
        let mut weight = cue.weight;
        if cue.infl == Verb && noun_like(tokens, i, cue.phrase.split(' ').next().unwrap_or("")) {
            weight *= 0.5;
        }
        let (cat, weight) = match (cue.cat, neg) {
            (Block, _) => (None, 0.0),
            (cat, false) => (Some(cat), weight),
            (Denial, true) => (Some(Claim), weight * 0.35),
            (Claim, true) if cue.weight >= 1.0 => (Some(Denial), weight * 0.4),
            (_, true) => (None, 0.0),
        };
        if let Some(k) = cat.map(|c| c as usize) {
            out.scores[k] = out.scores[k].max(weight);
        }
        out.hits.push(Hit { cue: c as u16, at: i, negated: neg, cat, weight });
        i += words;
    }
    out
}

/// The cues of a sentence's text.
pub fn analyse(text: &str) -> Cues {
    find(&super::features::tokens(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_plain() {
        for w in CUES.windows(2) {
            assert!(w[0].phrase < w[1].phrase, "{} !< {}", w[0].phrase, w[1].phrase);
        }
        for l in [NEGATORS, DETERMINERS] {
            for w in l.windows(2) {
                assert!(w[0] < w[1], "{} !< {}", w[0], w[1]);
            }
        }
        for w in IRREGULAR.windows(2) {
            assert!(w[0].0 < w[1].0, "{} !< {}", w[0].0, w[1].0);
        }
        for c in CUES {
            assert!(c
                .phrase
                .split(' ')
                .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')));
            assert!((0.0..=1.5).contains(&c.weight));
            assert_eq!(c.cat == Block, c.weight == 0.0, "{}", c.phrase);
        }
        // Every irregular verb is a cue's first word.
        for (lemma, _) in IRREGULAR {
            assert!(CUES.iter().any(|c| c.infl == Verb && c.phrase.split(' ').next() == Some(lemma)), "{lemma}");
        }
    }

    #[test]
    fn inflected_forms() {
        assert_eq!(forms("deny", Verb), ["deny", "denies", "denied", "denying"]);
        assert_eq!(forms("allege", Verb), ["allege", "alleges", "alleged", "alleging"]);
        assert_eq!(forms("dismiss", Verb), ["dismiss", "dismisses", "dismissed", "dismissing"]);
        assert_eq!(forms("urge", Verb), ["urge", "urges", "urged", "urging"]);
        assert_eq!(forms("say", Verb), ["say", "said", "saying", "says"]);
        assert_eq!(forms("rebut", Verb), ["rebut", "rebuts", "rebutted", "rebutting"]);
        assert_eq!(forms("allegation", Noun), ["allegation", "allegations"]);
        assert_eq!(forms("baseless", Fixed), ["baseless"]);
    }

    fn label(text: &str) -> Option<&'static str> {
        analyse(text).label().map(|i| ["claim", "denial", "demand"][i])
    }

    #[test]
    fn cues_per_label() {
        assert_eq!(label("US intelligence claimed Russian forces had made all preparations."), Some("claim"));
        assert_eq!(label("This report is not true."), Some("denial"));
        assert_eq!(label("Russia demanded a guarantee that NATO will not advance eastward."), Some("demand"));
        assert_eq!(
            label("Putin refuted the intelligence reports and called the allegations \"baseless\"."),
            Some("denial")
        );
        assert_eq!(label("The ministry called on Kyiv to halt the shelling."), Some("demand"));
        assert_eq!(label("Protesters are calling for new elections."), Some("demand"));
        assert_eq!(label("According to the ministry, 40 soldiers were killed."), Some("claim"));
        assert_eq!(label("The talks will resume on Tuesday in Geneva."), None);
        assert_eq!(label("Shares rose 2.4% in early trading."), None);
    }

    #[test]
    fn stronger_label_wins_over_reporting_verb() {
        assert_eq!(label("The spokesman said the report was false."), Some("denial"));
        assert_eq!(label("She said Russia must withdraw its troops."), Some("demand"));
        assert_eq!(label("He denied the claims made by the opposition."), Some("denial"));
    }

    #[test]
    fn negation_does_not_fire_the_plain_cue() {
        // "did not deny": no denial, weak evidence of a claim.
        let c = analyse("The Kremlin did not deny that troops had moved to the border.");
        assert!(c.hits.iter().any(|h| h.negated && CUES[h.cue as usize].phrase == "deny"));
        assert!(c.scores[1] == 0.0 && c.scores[0] > 0.0);
        assert_eq!(label("The Kremlin didn't deny the report."), Some("claim").filter(|_| c.scores[0] >= THRESHOLD));
        // "never claimed": no claim.
        let c = analyse("He never claimed the election was rigged.");
        assert_eq!(c.scores[0], 0.0);
        assert!(c.scores[1] > 0.0 && c.scores[1] < 1.0);
        // "refused to demand": no demand.
        let c = analyse("The union refused to demand higher wages.");
        assert_eq!(c.scores[2], 0.0);
        assert_eq!(label("Officials have not called for an inquiry."), None);
        // The negation stops at the clause: "no" before the comma does not reach "demanded".
        assert_eq!(label("There was no warning, and the rebels demanded a ransom."), Some("demand"));
        // "must not" is still a demand, "not only" no negation.
        assert_eq!(label("Western powers must not abandon Ukraine."), Some("demand"));
        assert_eq!(label("She not only denied the story but sued the paper."), Some("denial"));
    }

    #[test]
    fn blocks_and_nouns() {
        assert_eq!(label("The ministry did not respond to a request for comment."), None);
        assert_eq!(label("He declined to comment on the investigation."), None);
        assert_eq!(label("Troops moved in order to secure the bridge."), None);
        assert_eq!(label("He pleaded guilty to fraud in 2019."), None);
        // A determiner makes a verb cue a noun: half weight.
        assert_eq!(label("NATO and the US refused to accept Russia's security demands."), Some("denial"));
        assert_eq!(label("The union demanded higher pay."), Some("demand"));
        let c = analyse("The claims were published on Monday.");
        assert!(c.scores[0] > 0.0 && c.scores[0] < 1.1);
        assert_eq!(label("Russia accused Ukraine of staging a false flag attack."), Some("claim"));
    }
}
