//! Deterministic generator of news-like English text, for benchmarks, tests and demos.
//!
//! Same seed, same text, on every machine: a tiny SplitMix64 generator (no `rand`). The
//! text exercises what the segmenter must handle: headlines and subheads (lines without
//! final punctuation), datelines ("WASHINGTON (AP) — ..."), quotes with attribution,
//! questions in quotes, abbreviations (Mr., Gen., U.S., Dec., a.m., No.), initials,
//! numbers and money, a sentence in parentheses, ellipses, addresses, dash lists and
//! credits ("(Inputs from AP)"), paragraphs separated by blank lines.

/// SplitMix64: tiny, fast, good enough for text variety (and the benches' generated data).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const CITIES: &[&str] = &[
    "WASHINGTON",
    "MOSCOW",
    "KYIV",
    "BRUSSELS",
    "LONDON",
    "NEW YORK",
    "ST. LOUIS",
    "GENEVA",
    "BERLIN",
    "PARIS",
    "TOKYO",
    "NEW DELHI",
];
const AGENCIES: &[&str] = &["AP", "Reuters", "AFP", "PTI"];
const COUNTRIES: &[&str] =
    &["Russia", "Ukraine", "the U.S.", "NATO", "the European Union", "China", "India", "Germany", "France", "Britain"];
const FIRST: &[&str] = &[
    "Alexander",
    "Wendy",
    "Sergey",
    "Anthony",
    "Maria",
    "John",
    "Emmanuel",
    "Olaf",
    "Jane",
    "Dmitry",
    "Lloyd",
    "Kamala",
];
const LAST: &[&str] = &[
    "Grushko",
    "Sherman",
    "Lavrov",
    "Blinken",
    "Zakharova",
    "Smith",
    "Macron",
    "Scholz",
    "Doe",
    "Peskov",
    "Austin",
    "Harris",
];
const TITLES: &[&str] = &["Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt. Col.", "Prof."];
const ROLES: &[&str] = &[
    "Deputy Foreign Minister",
    "Secretary of State",
    "spokeswoman",
    "Defense Secretary",
    "national security adviser",
    "Permanent Representative",
    "senior official",
];
const SUBJECTS: &[&str] = &[
    "The State Department",
    "The Kremlin",
    "The ministry",
    "Officials",
    "The alliance",
    "The White House",
    "Diplomats",
    "The delegation",
    "The company",
    "Analysts",
    "Lawmakers",
    "The central bank",
];
const VERBS: &[&str] = &[
    "confirmed",
    "denied",
    "rejected",
    "demanded",
    "warned",
    "said",
    "insisted",
    "announced",
    "refuted",
    "called for",
];
const OBJECTS: &[&str] = &[
    "a written response to the security proposal",
    "the reports of troop movements",
    "guarantees that the alliance will not expand eastward",
    "new sanctions on the banking sector",
    "the withdrawal of heavy equipment from the border",
    "talks on arms control",
    "a review of the draft agreement",
    "the allegations as baseless",
    "an investigation into the incident",
    "further consultations with partners and allies",
];
const TIMES: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "late Wednesday",
    "on Thursday",
    "early Friday",
    "over the weekend",
    "last week",
    "earlier this month",
    "this year",
    "",
];
const MONTHS: &[&str] = &["Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "March", "May", "June"];
const CLAUSES: &[&str] = &[
    "This report is not true",
    "We will not accept these terms",
    "There is no answer from the West",
    "The door to diplomacy remains open",
    "Our position has not changed",
    "We need to take measures to prevent unacceptable threats",
    "Nobody wants a war",
];
const QUESTIONS: &[&str] =
    &["Is it legal", "Who benefits from this", "What happens next", "Why now", "Can they be trusted"];
const HEAD_A: &[&str] = &["Russia", "NATO", "US", "Kremlin", "EU", "Ukraine", "Markets", "Lawmakers"];
const HEAD_B: &[&str] = &["rejects", "weighs", "demands", "denies", "warns over", "pushes for", "signals", "slams"];
const HEAD_C: &[&str] = &[
    "security guarantees",
    "new sanctions",
    "troop buildup",
    "talks in Geneva",
    "arms control deal",
    "border tensions",
    "energy prices",
    "written response",
];
const CREDITS: &[&str] = &[
    "(Inputs from AP)",
    "(With inputs from Reuters)",
    "Image: AP/Twitter/@RusEmbUSA",
    "(Image: Twitter/MFA_Russia)",
    "Photo: Reuters",
];
const PRONOUNS: &[&str] = &["he", "she"];

fn name(r: &mut Rng) -> String {
    let first = r.pick(FIRST);
    let last = r.pick(LAST);
    match r.below(6) {
        0 => format!("{}. {}. {last}", &first[..1], &last[..1]),
        1 => format!("{} {first} {last}", r.pick(TITLES)),
        2 => format!("{first} {}. {last}", &LAST[r.below(LAST.len())][..1]),
        _ => format!("{first} {last}"),
    }
}

fn headline(r: &mut Rng) -> String {
    format!("{} {} {}", r.pick(HEAD_A), r.pick(HEAD_B), r.pick(HEAD_C))
}

fn time(r: &mut Rng) -> String {
    let t = r.pick(TIMES);
    if t.is_empty() {
        format!("on {} {}", r.pick(MONTHS), 1 + r.below(28))
    } else {
        t.to_owned()
    }
}

fn sentence(r: &mut Rng) -> String {
    match r.below(16) {
        0 | 1 => format!("\"{},\" {} said.", r.pick(CLAUSES), name(r)),
        2 => format!("“{},” {} {} told reporters {}.", r.pick(CLAUSES), r.pick(ROLES), name(r), time(r)),
        3 => format!("\"{}?\" {} asked.", r.pick(QUESTIONS), r.pick(PRONOUNS)),
        4 => format!(
            "{} met U.S. officials at {} {} and left the U.S. embassy {}.",
            name(r),
            1 + r.below(12),
            if r.chance(50) { "a.m." } else { "p.m." },
            time(r)
        ),
        5 => format!(
            "The deal was worth ${}.{} billion, up {}.{}% from a year earlier.",
            1 + r.below(90),
            r.below(10),
            r.below(20),
            r.below(10)
        ),
        6 => format!(
            "The company is ranked No. {} in the sector, according to a report by {} Inc.",
            1 + r.below(9),
            r.pick(LAST)
        ),
        7 => "(The ministry did not immediately respond to a request for comment.)".to_owned(),
        8 => format!("\"We will see...\" {} said, adding that talks would continue {}.", r.pick(PRONOUNS), time(r)),
        9 => {
            format!("Details were posted at www.example.org/news and questions went to press@example.org {}.", time(r))
        }
        10 => format!("Troops were seen near the border at {} p.m. local time, e.g. near Kharkiv.", 1 + r.below(12)),
        _ => {
            let s = format!("{} {} {} {}", r.pick(SUBJECTS), r.pick(VERBS), r.pick(OBJECTS), time(r));
            let mut s = s.trim_end().to_owned();
            if r.chance(25) {
                s.push_str(&format!(", {} said", name(r)));
            }
            if r.chance(15) {
                s.push_str(&format!(" after talks with {}", r.pick(COUNTRIES)));
            }
            s.push('.');
            s
        }
    }
}

fn paragraph(r: &mut Rng, out: &mut String) {
    let n = 1 + r.below(5);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&sentence(r));
    }
}

/// One article of roughly `approx_bytes` bytes (at least a headline, a dateline paragraph
/// and a credit).
pub fn article(seed: u64, approx_bytes: usize) -> String {
    let mut r = Rng::new(seed);
    let mut out = String::with_capacity(approx_bytes + 512);
    out.push_str(&headline(&mut r));
    out.push_str("\n\n");
    out.push_str(&format!("{} ({}) — ", r.pick(CITIES), r.pick(AGENCIES)));
    paragraph(&mut r, &mut out);
    while out.len() < approx_bytes {
        out.push_str("\n\n");
        match r.below(12) {
            0 => {
                out.push_str(&headline(&mut r));
                out.push_str("\n\n");
                paragraph(&mut r, &mut out);
            }
            1 => {
                out.push_str("Key points:\n");
                for i in 0..2 + r.below(3) {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str("- ");
                    out.push_str(r.pick(OBJECTS));
                }
            }
            _ => paragraph(&mut r, &mut out),
        }
    }
    out.push_str("\n\n");
    out.push_str(r.pick(CREDITS));
    out
}

/// `n_articles` articles (ids `news-<seed>-<index>`) totalling about `total_bytes`.
pub fn corpus(seed: u64, n_articles: usize, total_bytes: usize) -> Vec<(String, String)> {
    let each = total_bytes / n_articles.max(1);
    (0..n_articles)
        .map(|i| {
            let s = seed.wrapping_mul(0x100_0000_01B3).wrapping_add(i as u64);
            (format!("news-{seed}-{i:04}"), article(s, each))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        assert_eq!(article(7, 3000), article(7, 3000));
        assert_ne!(article(7, 3000), article(8, 3000));
        let a = article(1, 5000);
        assert!(a.len() >= 5000 && a.len() < 8000, "{}", a.len());
        let c = corpus(3, 10, 50_000);
        assert_eq!(c.len(), 10);
        assert_eq!(c, corpus(3, 10, 50_000));
        assert!(c.iter().map(|(_, t)| t.len()).sum::<usize>() >= 50_000);
        assert!(c[0].0 != c[1].0);
    }

    #[test]
    fn has_the_news_shapes() {
        let text: String = corpus(42, 20, 100_000).into_iter().map(|(_, t)| t).collect();
        for needle in
            [" (AP) — ", "U.S.", "a.m.", "p.m.", "No. ", "\n\n", "?\" ", "(Inputs from AP)", "\n- ", "...", "“"]
        {
            assert!(text.contains(needle), "missing {needle:?}");
        }
    }
}
