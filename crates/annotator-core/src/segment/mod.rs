//! Rule-based sentence segmentation for news text (`sa-rules`).
//!
//! One forward pass over the bytes; only a handful of bytes are interesting (`.`, `!`, `?`,
//! the lead byte of `…` and friends, `\n`, and spaces while an inline list is open). Every
//! lookahead and lookbehind is bounded or cached, so the cost is linear in the input.
//!
//! # Lines
//! * A blank line always ends a sentence.
//! * A single line break ends a sentence (headlines, credits, list lines, datelines) except
//!   for a *wrapped sentence*: the line does not end with sentence punctuation, the next
//!   line starts with a lower-case letter, and the following lines (each starting in lower
//!   case) reach sentence-final punctuation before a blank line or a line that doesn't
//!   continue. Then the line break is just whitespace inside the sentence.
//!
//! # Punctuation
//! * `?` / `!` (any mix, `‼`, `⁇`, full-width forms) end a sentence unless the next word
//!   starts in lower case (`"Is it legal?" she asked.`, `Yahoo! in`).
//! * `...`, `....`, `…` end a sentence before an upper-case letter; the spaced ellipsis
//!   `. . .` does not; four spaced dots end it (`period . . . . Next`); a period glued to
//!   the word and followed by a spaced ellipsis (`compounds. . . . The`) ends the sentence
//!   after the period and the ellipsis opens the next one. `[...]` never ends anything.
//! * A single `.` followed by whitespace ends a sentence unless the next word starts in lower
//!   case or the word before it is an abbreviation that binds to what follows: titles
//!   (Mr., Gen.), number abbreviations before a digit (No. 2, p. 55, Dec. 17), initials
//!   (J. K. Rowling), multi-period abbreviations (U.S., a.m., e.g.), a list marker at the
//!   start of the sentence (`1.`, `a.`). Ambiguous abbreviations (U.S., Co., initials)
//!   end a sentence only before a typical sentence starter (The, He, It, Officials,
//!   Witnesses ...; "the U.S. Senate" stays whole). a.m./p.m. end it before any capitalised word but a
//!   weekday, month or time zone ("at 3 p.m. Tuesday", "10 a.m. Moscow time"), never before
//!   a digit or a closing bracket ("[10:32 a.m.] The"), nor in an opening time ("At 5 a.m.
//!   Mr. Smith went"). A bracket before a quote ("Ltd. (“the Company”)") is not a quotation.
//! * A `.` glued to a capitalised word ends a sentence (`world.Today`) unless the token is
//!   an address (e-mail, URL) or the word before is an abbreviation.
//! * Closing quotes and brackets after the punctuation stay with the sentence, and so does a
//!   citation or footnote marker right after it (`.[3]`, `.[4][5]`, `.²`, `2021.4 The`,
//!   `(table 2).7 Officials`): the sentence ends after the marker.
//! * `?`/`!` in an aside between dashes (`-- as expected! --`, `— or was it? —`) end nothing.
//! * `。`, `．` and `｡` end a sentence whatever follows (`３．５` is a number).
//! * An inline list (`1) a 2) b`, `a. x b. y`, `i.) x ii.) y`, `(a) x (b) y`, `• x • y`)
//!   splits before the next marker; a list marker after a sentence's punctuation starts a
//!   sentence even in lower case, and "as follows: a. x b. y" splits at the colon when the
//!   second marker follows on the line.

mod abbreviations;
mod bytes;
use bytes::*;

use abbreviations::{
    is_continuation, is_place_dotted, is_starter, is_time_next, is_verb, lookup, never_final_dotted, Kind,
};

/// Name and version of the rules; goes into exports and storage.
pub const SEGMENTER: &str = "sa-rules@3";

/// A sentence as a byte range into the normalised text, trimmed of surrounding whitespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Splits normalised text into sentences: ordered, non-overlapping, non-empty, trimmed;
/// the text between spans is whitespace only.
pub fn segment(text: &str) -> Vec<Span> {
    let mut s = Segmenter {
        text,
        b: text.as_bytes(),
        out: Vec::with_capacity(text.len() / 120 + 1),
        start: 0,
        marker_pos: 0,
        list: List::None,
        join_until: 0,
        break_until: 0,
    };
    s.run();
    s.out
}

/// The bytes the main loop stops at (besides spaces while a list is open): line breaks,
/// sentence punctuation, the lead bytes of `…`, `‼`, `。`, `．` and friends, and `:`.
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let stops = [b'\n', b'.', b'!', b'?', b':', 0xE2, 0xE3, 0xEF];
    let mut k = 0;
    while k < stops.len() {
        t[stops[k] as usize] = true;
        k += 1;
    }
    t
};

/// Bounds of every lookbehind/lookahead, in bytes.
const TOKEN_WINDOW: usize = 64;

/// Bytes an inline list looks ahead for its second marker (`as follows: a. x b. y`).
const LIST_WINDOW: usize = 240;

/// How a list marker is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    /// `1.`
    Dot,
    /// `1.)`
    DotParen,
    /// `1)`
    Paren,
    /// `(1)`
    Wrapped,
}

/// What a list marker counts with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Seq {
    Num,
    Lower,
    Upper,
    RomanLower,
    RomanUpper,
}

/// A list marker: sequence, value (1 for `1`, `a`, `A`, `i`, `I`) and style.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Marker {
    seq: Seq,
    value: u32,
    style: Style,
}

impl Marker {
    fn next(self) -> Marker {
        Marker { value: self.value + 1, ..self }
    }
}

/// The marker that would continue an inline list opened at the start of the sentence.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum List {
    None,
    Marker(Marker),
    /// byte range of the bullet in the text
    Bullet(usize, usize),
}

struct Segmenter<'a> {
    text: &'a str,
    b: &'a [u8],
    out: Vec<Span>,
    /// Start of the current sentence (first non-whitespace byte, or text end).
    start: usize,
    /// Where a list-marker token begins in the current sentence (after any bullet).
    marker_pos: usize,
    list: List,
    /// Line breaks before this position are known to be inside a wrapped sentence.
    join_until: usize,
    /// Line breaks before this position are known to end the unit.
    break_until: usize,
}

impl Segmenter<'_> {
    fn run(&mut self) {
        let b = self.b;
        let n = b.len();
        self.begin(self.skip_ws(0));
        let mut i = self.start;
        while i < n {
            // Outside a list only the bytes of `STOP` matter: skip the rest in a tight loop.
            if self.list == List::None {
                while i < n && !STOP[usize::from(b[i])] {
                    i += 1;
                }
                if i >= n {
                    break;
                }
            }
            match b[i] {
                b'\n' => {
                    if self.line_continues(i) {
                        i += 1;
                    } else {
                        self.emit(i);
                        let next = self.skip_ws(i + 1);
                        self.begin(next);
                        i = next;
                    }
                }
                b'.' | b'!' | b'?' => i = self.terminator(i),
                0xE2 | 0xE3 | 0xEF if term_len(b, i).is_some() => i = self.terminator(i),
                b':' => i = self.colon(i),
                b' ' | b'\t' if self.list != List::None => {
                    let j = i + 1;
                    if j < n && self.list_continues_at(j) {
                        let list = self.list;
                        self.emit(j);
                        self.begin(j);
                        // "h. x i. y": the letter list goes on (`i` alone would read as roman).
                        if let List::Marker(m) = list {
                            self.list = List::Marker(m.next());
                        }
                    }
                    i = j;
                }
                _ => i += 1,
            }
        }
        self.emit(n);
    }

    /// Pushes the current sentence `[start, end)`, trimmed, if not empty.
    fn emit(&mut self, end: usize) {
        let s = self.start;
        if end <= s {
            return;
        }
        let slice = &self.text[s..end];
        let t = slice.trim_start();
        let lead = slice.len() - t.len();
        let t = t.trim_end();
        if !t.is_empty() {
            self.out.push(Span { start: s + lead, end: s + lead + t.len() });
        }
    }

    /// Starts a new sentence at `pos` (a non-whitespace position) and notes a list marker.
    fn begin(&mut self, pos: usize) {
        let b = self.b;
        let n = b.len();
        self.start = pos;
        self.marker_pos = pos;
        self.list = List::None;
        if pos >= n {
            return;
        }
        if let Some(l) = bullet_len(b, pos) {
            let mut q = pos + l;
            while q < n && (b[q] == b' ' || b[q] == b'\t') {
                q += 1;
            }
            self.marker_pos = q;
            self.list = List::Bullet(pos, l);
            return;
        }
        if let Some((m, _)) = parse_marker(b, pos) {
            let after_z = matches!(m.seq, Seq::Lower | Seq::Upper) && m.value >= 26;
            let initial = m.seq == Seq::RomanUpper && m.style == Style::Dot && m.value == 1;
            let opens = if initial { self.list_starts_at(pos) } else { !after_z };
            if opens {
                self.list = List::Marker(m.next());
            }
        }
    }

    fn list_continues_at(&self, j: usize) -> bool {
        let b = self.b;
        match self.list {
            List::None => false,
            List::Bullet(p, l) => b[j..].starts_with(&b[p..p + l]),
            List::Marker(m) => marker_is(b, j, m).is_some(),
        }
    }

    /// A list starting at `m` (its first marker, `a.`, `(i)`, `1)`), whose second marker
    /// follows on the same line within [`LIST_WINDOW`] and before another colon, after a space
    /// and not after a comma or semicolon ("choose a. red, b. blue" is a sentence, not a list).
    fn list_starts_at(&self, m: usize) -> bool {
        let b = self.b;
        let Some((first, e)) = parse_marker(b, m) else {
            return false;
        };
        if first.value != 1 {
            return false;
        }
        let want = first.next();
        let hi = (e + LIST_WINDOW).min(b.len());
        let mut p = e;
        // The second marker comes before the next line break or colon (which opens another list).
        while p + 1 < hi && !matches!(b[p], b'\n' | b':') {
            if p > e && b[p] == b' ' && !matches!(b[p - 1], b',' | b';' | b' ') && marker_is(b, p + 1, want).is_some() {
                return true;
            }
            p += 1;
        }
        false
    }

    /// `:` at `i`: "as follows: a. one b. two" ends the sentence at the colon and opens the
    /// list; any other colon is passed.
    fn colon(&mut self, i: usize) -> usize {
        let b = self.b;
        let mut m = i + 1;
        while m < b.len() && matches!(b[m], b' ' | b'\t') {
            m += 1;
        }
        if m == i + 1 || m >= b.len() || !(b[m] == b'(' || b[m].is_ascii_alphanumeric()) {
            return i + 1;
        }
        if self.list_starts_at(m) {
            self.emit(i + 1);
            self.begin(m);
            return m;
        }
        i + 1
    }

    fn skip_ws(&self, mut p: usize) -> usize {
        let n = self.b.len();
        while p < n {
            let l = ws_len(self.text, p);
            if l == 0 {
                break;
            }
            p += l;
        }
        p
    }

    fn char_at(&self, p: usize) -> Option<char> {
        self.text.get(p..).and_then(|s| s.chars().next())
    }

    // ----- line breaks -------------------------------------------------------------------

    /// Whether the line break at `i` (inside an open sentence) is only a wrap.
    fn line_continues(&mut self, i: usize) -> bool {
        if i < self.join_until {
            return true;
        }
        if i < self.break_until {
            return false;
        }
        let b = self.b;
        let n = b.len();
        // The line must not end with sentence punctuation (closing quotes ignored).
        let mut e = i;
        while e > self.start && matches!(b[e - 1], b' ' | b'\t') {
            e -= 1;
        }
        while e > self.start {
            match closer_len_before(b, e) {
                Some(l) => e -= l,
                None => break,
            }
        }
        if e > self.start && ends_with_terminal(b, e) {
            return false;
        }
        // The next line must start with a lower-case letter.
        let mut q = i + 1;
        while q < n && matches!(b[q], b' ' | b'\t') {
            q += 1;
        }
        if !self.char_at(q).is_some_and(char::is_lowercase) {
            return false;
        }
        // ... and the wrapped lines must reach sentence punctuation.
        let mut p = q;
        loop {
            let mut found = false;
            while p < n && b[p] != b'\n' {
                if !found && is_final_punct_at(b, p) {
                    found = true;
                }
                p += 1;
            }
            if found {
                self.join_until = p;
                return true;
            }
            if p >= n {
                self.break_until = n;
                return false;
            }
            let mut q2 = p + 1;
            while q2 < n && matches!(b[q2], b' ' | b'\t') {
                q2 += 1;
            }
            if !self.char_at(q2).is_some_and(char::is_lowercase) {
                self.break_until = p + 1;
                return false;
            }
            p = q2;
        }
    }

    // ----- punctuation -------------------------------------------------------------------

    /// Handles the punctuation cluster starting at `i`; returns where scanning resumes.
    fn terminator(&mut self, i: usize) -> usize {
        let b = self.b;
        let n = b.len();
        let (mut dots, mut strong, mut ell, mut spaced, mut cjk) = (0u32, false, false, false, false);
        let mut j = i;
        while j < n {
            match b[j] {
                b'.' => {
                    dots += 1;
                    j += 1;
                }
                b'!' | b'?' => {
                    strong = true;
                    j += 1;
                }
                b' ' if dots > 0
                    && !strong
                    && !ell
                    && j + 1 < n
                    && b[j + 1] == b'.'
                    && (j + 2 >= n || b[j + 2] == b'.' || is_ascii_ws(b[j + 2]) || closer_len(b, j + 2).is_some()) =>
                {
                    spaced = true;
                    j += 1;
                }
                _ => match term_len(b, j) {
                    Some((l, t)) => {
                        match t {
                            Term::Ellipsis => ell = true,
                            Term::Strong => strong = true,
                            Term::Cjk => {
                                strong = true;
                                cjk = true;
                            }
                        }
                        j += l;
                    }
                    None => break,
                },
            }
        }
        let ellipsis = ell || (dots >= 2 && !spaced);
        // "[...]" is an editorial elision, never a boundary.
        if ellipsis && i > 0 && b[i - 1] == b'[' && j < n && b[j] == b']' {
            return j + 1;
        }
        let mut k = j;
        while let Some(l) = closer_len(b, k) {
            k += l;
        }
        if k >= n {
            return k;
        }
        if cjk {
            // "３．５", "Ｎｏ．１": a full-width decimal point or abbreviation before a number.
            if j == i + 3 && b[i..j] == [0xEF, 0xBC, 0x8E] && digit_at(b, j) {
                return j;
            }
            self.emit(k);
            let next = self.skip_ws(k);
            self.begin(next);
            return next;
        }
        if ws_len(self.text, k) == 0 {
            if !ellipsis && !spaced {
                if let Some(f) = self.footnote_end(i, j, k, dots == 1 && !strong) {
                    self.emit(f);
                    let next = self.skip_ws(f);
                    self.begin(next);
                    return next;
                }
            }
            if dots == 1 && !strong && !ell && k == j && self.glued_boundary(i) {
                self.emit(j);
                self.begin(j);
                return j;
            }
            return k;
        }
        let m = self.skip_ws(k);
        if m >= n {
            return m;
        }
        let boundary = if b[k..m].contains(&b'\n') {
            // Punctuation at the end of a line: the line break ends the unit anyway.
            Some(k)
        } else {
            let (q, quote) = skip_openers(b, m);
            let nf = self.char_at(q);
            // A list marker after the punctuation ("... parts. i.) a truce ii.) talks")
            // counts as a capital.
            let marker = |s: &Self| s.list_continues_at(m) || (!strong && !ellipsis && s.list_starts_at(m));
            let lower = nf.is_some_and(char::is_lowercase) && !marker(self);
            let upper = nf.is_some_and(char::is_uppercase);
            if strong {
                (!lower && !self.dash_aside(i, m)).then_some(k)
            } else if ellipsis {
                upper.then_some(k)
            } else if spaced {
                let attached = i > 0 && !is_ascii_ws(b[i - 1]);
                if dots >= 4 && upper {
                    Some(if attached { i + 1 } else { k })
                } else {
                    None
                }
            } else if lower {
                None
            } else {
                self.period_boundary(i, q, nf, quote).then_some(k)
            }
        };
        match boundary {
            Some(e) => {
                self.emit(e);
                let next = self.skip_ws(e);
                self.begin(next);
                next
            }
            None => k,
        }
    }

    /// `.` at `i` followed by whitespace, then (after openers) the next word at `q` whose
    /// first char `nf` is not lower case. Does the sentence end here?
    fn period_boundary(&self, i: usize, q: usize, nf: Option<char>, quote: bool) -> bool {
        let b = self.b;
        let digit = nf.is_some_and(|c| c.is_ascii_digit());
        // The token before the period.
        let lo = i.saturating_sub(TOKEN_WINDOW).max(self.start);
        let mut t0 = i;
        while t0 > lo && !is_ascii_ws(b[t0 - 1]) {
            t0 -= 1;
        }
        if t0 == lo && lo > self.start && !is_ascii_ws(b[lo - 1]) {
            return true; // a very long token: a URL or junk, not an abbreviation
        }
        while t0 < i {
            match opener_len(b, t0) {
                Some((l, _)) => t0 += l,
                None => break,
            }
        }
        if t0 >= i {
            return true;
        }
        // A list marker opening the sentence: "1. The first item", "• 9. ...", "a. ...".
        let tm = if t0 <= self.marker_pos && self.marker_pos < i { self.marker_pos } else { t0 };
        if tm == self.marker_pos && is_marker_token(&b[tm..i]) {
            return false;
        }
        let tok = &b[t0..i];
        let mut w0 = i;
        while w0 > t0 && b[w0 - 1].is_ascii_alphabetic() {
            w0 -= 1;
        }
        let word = &b[w0..i];
        if has_address_mark(tok) {
            let mut buf = [0u8; 12];
            // "M/s. Tata Motors": a title with a slash, not an address.
            return !lower_into(tok, &mut buf).is_some_and(|lw| lookup(lw) == Some(Kind::Title));
        }
        if w0 == t0 || (!word.is_empty() && b[w0 - 1] == b'-') {
            return self.word_rule(word, t0, q, nf, quote);
        }
        if !word.is_empty() && b[w0 - 1] == b'.' && is_dotted_abbr(tok) {
            let mut buf = [0u8; 12];
            let Some(lw) = lower_into(tok, &mut buf) else {
                return true;
            };
            if lw == b"a.m" || lw == b"p.m" {
                // "at 9 a.m. 5 minutes", "[10:32 a.m.] The" (a time stamp in brackets)
                if digit || matches!(b.get(i + 1), Some(b')' | b']')) {
                    return false;
                }
                let next_ok = quote || self.time_ends_before(q);
                return next_ok && !self.intro_time(t0);
            }
            if never_final_dotted(lw) || digit {
                return false;
            }
            return self.next_is_starter(q, quote) || (is_place_dotted(lw) && self.name_then_verb(q));
        }
        // "N°. 1026"
        if tok.len() == 3 && matches!(tok[0], b'n' | b'N') && tok[1] == 0xC2 && matches!(tok[2], 0xB0 | 0xBA) {
            return !digit;
        }
        true
    }

    /// The token before the period is the word `word` (ASCII letters).
    fn word_rule(&self, word: &[u8], t0: usize, q: usize, nf: Option<char>, quote: bool) -> bool {
        let digit = nf.is_some_and(|c| c.is_ascii_digit());
        if word.len() == 1 {
            let c = word[0];
            if c == b'I' && nf.is_some_and(char::is_uppercase) && self.prev_word_lower(t0) {
                return true; // "you and I. Did ..."
            }
            if c.is_ascii_lowercase() && digit {
                return false; // "p. 55"
            }
            return self.next_is_starter(q, quote); // initials: "J. K. Rowling"
        }
        let mut buf = [0u8; 12];
        let Some(lw) = lower_into(word, &mut buf) else {
            return true;
        };
        match lookup(lw) {
            None => true,
            Some(Kind::Title) => false,
            Some(Kind::Dual) => self.next_is_starter(q, quote),
            Some(Kind::Num) => !digit,
            Some(Kind::Abbr) => !digit && self.next_is_starter(q, quote),
            Some(Kind::Word) => {
                if word[0].is_ascii_uppercase() {
                    !digit && self.next_is_starter(q, quote)
                } else {
                    !digit
                }
            }
        }
    }

    /// The capitalised word at `q` typically opens a sentence (or an opening quote led it).
    fn next_is_starter(&self, q: usize, quote: bool) -> bool {
        if quote {
            return true;
        }
        let b = self.b;
        let n = b.len();
        let mut e = q;
        while e < n && e - q < 17 && b[e].is_ascii_alphabetic() {
            e += 1;
        }
        if e == q || e - q > 16 || !b[q].is_ascii_uppercase() {
            return false;
        }
        if e - q == 1 && e < n && b[e] == b'.' {
            return false; // another initial: "J. A. Smith"
        }
        let mut buf = [0u8; 16];
        let lw = &mut buf[..e - q];
        lw.copy_from_slice(&b[q..e]);
        lw.make_ascii_lowercase();
        is_starter(lw)
    }

    /// At `q` a capitalised word that does not continue a place's name, then a reporting
    /// verb: "(in the U.S.) Smith said", not "(the U.S.) Senate said".
    fn name_then_verb(&self, q: usize) -> bool {
        let b = self.b;
        let n = b.len();
        // `q` may be the end of the text ("U.S.\u{85}(": nothing after the parenthesis).
        if q >= n || !b[q].is_ascii_uppercase() {
            return false;
        }
        let mut e = q + 1;
        while e < n && e - q < 17 && b[e].is_ascii_lowercase() {
            e += 1;
        }
        if e - q > 16 || e == q + 1 || e + 1 >= n || b[e] != b' ' {
            return false;
        }
        let mut buf = [0u8; 16];
        let lw = &mut buf[..e - q];
        lw.copy_from_slice(&b[q..e]);
        lw.make_ascii_lowercase();
        if is_continuation(lw) {
            return false;
        }
        let v0 = e + 1;
        let mut v1 = v0;
        while v1 < n && v1 - v0 < 10 && b[v1].is_ascii_lowercase() {
            v1 += 1;
        }
        if v1 == v0 || v1 - v0 > 9 || b.get(v1).is_some_and(u8::is_ascii_alphabetic) {
            return false;
        }
        is_verb(&b[v0..v1])
    }

    /// After a.m./p.m., the word at `q` opens a new sentence: it is capitalised and neither
    /// a weekday, a month, a time zone nor a place before "time" ("10 a.m. Moscow time").
    fn time_ends_before(&self, q: usize) -> bool {
        let b = self.b;
        let n = b.len();
        if !self.char_at(q).is_some_and(char::is_uppercase) {
            return false;
        }
        let mut e = q;
        while e < n && e - q < 13 && b[e].is_ascii_alphabetic() {
            e += 1;
        }
        let mut buf = [0u8; 12];
        if let Some(lw) = lower_into(&b[q..e], &mut buf) {
            if !lw.is_empty() && is_time_next(lw) {
                return false;
            }
        }
        // "Moscow time", "New York time": one or two capitalised words, then "time".
        for _ in 0..2 {
            if b[e..].starts_with(b" time") && !b.get(e + 5).is_some_and(u8::is_ascii_alphabetic) {
                return false;
            }
            if !(e + 1 < n && b[e] == b' ' && b[e + 1].is_ascii_uppercase()) {
                break;
            }
            e += 1;
            let s = e;
            while e < n && e - s < 16 && b[e].is_ascii_alphabetic() {
                e += 1;
            }
        }
        true
    }

    /// `?`/`!` at `i` and the next word at `m` after a dash: an aside inside dashes ("-- as
    /// expected! -- the", "— or was it? — came") when the sentence goes on in lower case or
    /// an opening dash comes before.
    fn dash_aside(&self, i: usize, m: usize) -> bool {
        let b = self.b;
        let Some(l) = dash_len(b, m) else {
            return false;
        };
        let (q, _) = skip_openers(b, self.skip_ws(m + l));
        if self.char_at(q).is_some_and(char::is_lowercase) {
            return true;
        }
        let lo = i.saturating_sub(2 * TOKEN_WINDOW).max(self.start);
        (lo..i).any(|p| dash_len(b, p).is_some() && (p == 0 || is_ascii_ws(b[p - 1])))
    }

    /// A footnote or citation marker right after the punctuation cluster `[i, j)` and its
    /// closers (ending at `k`), then whitespace and a capital: "guarantees.[3] Moscow",
    /// ".[4][5] The", "March.² Its", and, after a single period (`bare`), 1-3 digits:
    /// "in 2011.3 Its", "(see figure 4).12 Imports". Returns the marker's end.
    fn footnote_end(&self, i: usize, j: usize, k: usize, bare: bool) -> Option<usize> {
        let b = self.b;
        let n = b.len();
        let mut f = k;
        loop {
            if let Some(e) = bracket_note_end(b, f) {
                f = e;
            } else if let Some(l) = superscript_len(b, f) {
                f += l;
            } else {
                break;
            }
        }
        let mut digits_only = false;
        if f == k && bare && k == j {
            while f < n && f - k < 4 && b[f].is_ascii_digit() {
                f += 1;
            }
            if f == k || f - k > 3 {
                return None;
            }
            digits_only = true;
        }
        if f == k || f >= n || ws_len(self.text, f) == 0 {
            return None;
        }
        let m = self.skip_ws(f);
        // At a line break the lines decide ("rose 3.5\npercent" is one wrapped sentence).
        if m >= n || b[f..m].contains(&b'\n') {
            return None;
        }
        let (q, quote) = skip_openers(b, m);
        if !self.char_at(q).is_some_and(char::is_uppercase) {
            return None;
        }
        if !digits_only {
            return Some(f);
        }
        // Bare digits: "2011.3 Its" (a year, then a typical sentence starter), "figure 4).12",
        // "doubled.12" (a word of 2+ letters, not an abbreviation).
        if i == 0 {
            return None;
        }
        let p = b[i - 1];
        let ok = if p.is_ascii_digit() {
            let mut d = i - 1;
            while d > 0 && b[d - 1].is_ascii_digit() {
                d -= 1;
            }
            // a year ("in 2021.4 Moscow") before any capital; other numbers before a starter
            let year = i - d == 4 && matches!(b[d], b'1' | b'2');
            !(d > 0 && matches!(b[d - 1], b'.' | b',')) && (year || self.next_is_starter(q, quote))
        } else if p.is_ascii_alphabetic() {
            let lo = i.saturating_sub(TOKEN_WINDOW);
            let mut w0 = i;
            while w0 > lo && b[w0 - 1].is_ascii_alphabetic() {
                w0 -= 1;
            }
            let mut buf = [0u8; 12];
            i - w0 >= 2
                && (w0 == 0
                    || is_ascii_ws(b[w0 - 1])
                    || closer_len_before(b, w0).is_some()
                    || opener_len(b, w0 - 1).is_some())
                && lower_into(&b[w0..i], &mut buf).is_some_and(|lw| lookup(lw).is_none())
        } else {
            closer_len_before(b, i).is_some()
        };
        ok.then_some(f)
    }

    /// The word before the token at `t0` (in this sentence) starts in lower case.
    fn prev_word_lower(&self, t0: usize) -> bool {
        let b = self.b;
        let lo = t0.saturating_sub(TOKEN_WINDOW).max(self.start);
        let mut p = t0;
        while p > lo && is_ascii_ws(b[p - 1]) {
            p -= 1;
        }
        if p == t0 {
            return false;
        }
        let mut s = p;
        while s > lo && !is_ascii_ws(b[s - 1]) {
            s -= 1;
        }
        while s < p {
            match opener_len(b, s) {
                Some((l, _)) => s += l,
                None => break,
            }
        }
        s < p && b[s].is_ascii_lowercase()
    }

    /// "At 5 a.m. Mr. Smith went": a time in an introductory phrase (at most two words
    /// before the number), which doesn't end the sentence.
    fn intro_time(&self, t0: usize) -> bool {
        let b = self.b;
        let mut p = t0;
        while p > self.start && is_ascii_ws(b[p - 1]) {
            p -= 1;
        }
        while p > self.start && !is_ascii_ws(b[p - 1]) {
            p -= 1;
        }
        if p - self.start > 40 {
            return false;
        }
        let words = b[self.start..p].split(|c| is_ascii_ws(*c)).filter(|w| !w.is_empty()).count();
        words <= 2
    }

    /// `.` at `i` directly followed by a capitalised word: "Hello world.Today is".
    fn glued_boundary(&self, i: usize) -> bool {
        let b = self.b;
        let n = b.len();
        let j = i + 1;
        if i == 0 || j + 1 >= n {
            return false;
        }
        let p = b[i - 1];
        if !(p.is_ascii_lowercase() || p.is_ascii_digit())
            || !b[j].is_ascii_uppercase()
            || !b[j + 1].is_ascii_lowercase()
        {
            return false;
        }
        let lo = i.saturating_sub(TOKEN_WINDOW);
        let mut w0 = i;
        while w0 > lo && b[w0 - 1].is_ascii_alphabetic() {
            w0 -= 1;
        }
        if i - w0 == 1 {
            return false;
        }
        let mut buf = [0u8; 12];
        if let Some(lw) = lower_into(&b[w0..i], &mut buf) {
            if matches!(lookup(lw), Some(Kind::Title | Kind::Dual | Kind::Abbr | Kind::Word)) {
                return false;
            }
        }
        let mut s = i;
        while s > lo && !is_ascii_ws(b[s - 1]) {
            s -= 1;
        }
        let hi = (j + TOKEN_WINDOW).min(n);
        let mut e = j;
        while e < hi && !is_ascii_ws(b[e]) {
            e += 1;
        }
        !has_address_mark(&b[s..e])
    }
}

#[cfg(test)]
mod tests;
