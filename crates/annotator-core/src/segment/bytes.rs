//! The segmenter's byte-level scanners: whitespace, terminators, closing and opening
//! quotes and brackets, dashes, footnote and citation marks, bullets and list markers,
//! abbreviation shapes. Each looks at the bytes around one position and says what is there,
//! so the rules in the parent module read as rules, not as byte arithmetic.

use super::*;

#[inline]
pub(super) fn is_ascii_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Byte length of the whitespace char at `p` (0 if none). Matches `char::is_whitespace`.
pub(super) fn ws_len(text: &str, p: usize) -> usize {
    let b = text.as_bytes();
    let c = b[p];
    if c < 0x80 {
        return usize::from(is_ascii_ws(c));
    }
    if !matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        return 0;
    }
    match text.get(p..).and_then(|s| s.chars().next()) {
        Some(ch) if ch.is_whitespace() => ch.len_utf8(),
        _ => 0,
    }
}

/// What kind of sentence punctuation `term_len` found.
pub(super) enum Term {
    Ellipsis,
    Strong,
    Cjk,
}

/// Multi-byte sentence punctuation at `p`: `…`, `‼`, `⁇`, `⁈`, `⁉`, `。`, `！`, `？`.
pub(super) fn term_len(b: &[u8], p: usize) -> Option<(usize, Term)> {
    if p + 2 >= b.len() {
        return None;
    }
    match (b[p], b[p + 1], b[p + 2]) {
        (0xE2, 0x80, 0xA6) => Some((3, Term::Ellipsis)),
        (0xE2, 0x80, 0xBC) | (0xE2, 0x81, 0x87..=0x89) => Some((3, Term::Strong)),
        // 。 ！ ？ ． ｡
        (0xE3, 0x80, 0x82) | (0xEF, 0xBC, 0x81 | 0x9F | 0x8E) | (0xEF, 0xBD, 0xA1) => Some((3, Term::Cjk)),
        _ => None,
    }
}

/// Sentence punctuation ending exactly at `e`.
pub(super) fn ends_with_terminal(b: &[u8], e: usize) -> bool {
    matches!(b[e - 1], b'.' | b'!' | b'?') || (e >= 3 && term_len(b, e - 3).is_some())
}

/// Sentence-final punctuation at `p` (for wrapped lines): `.`/`?`/`!` followed by a space,
/// a closer or the line end, or any `…`-like char.
pub(super) fn is_final_punct_at(b: &[u8], p: usize) -> bool {
    match b[p] {
        b'.' | b'!' | b'?' => p + 1 >= b.len() || is_ascii_ws(b[p + 1]) || closer_len(b, p + 1).is_some(),
        0xE2 | 0xE3 | 0xEF => term_len(b, p).is_some(),
        _ => false,
    }
}

/// Closing quote or bracket at `p`.
pub(super) fn closer_len(b: &[u8], p: usize) -> Option<usize> {
    match *b.get(p)? {
        b'"' | b'\'' | b')' | b']' | b'}' => Some(1),
        0xC2 if b.get(p + 1) == Some(&0xBB) => Some(2), // »
        0xE2 if b.get(p + 1) == Some(&0x80) && matches!(b.get(p + 2), Some(0x99 | 0x9D | 0xBA)) => {
            Some(3) // ’ ” ›
        }
        0xE3 if b.get(p + 1) == Some(&0x80) && matches!(b.get(p + 2), Some(0x8D | 0x8F)) => Some(3),
        0xEF if b.get(p + 1) == Some(&0xBC) && b.get(p + 2) == Some(&0x89) => Some(3), // ）
        _ => None,
    }
}

/// Closing quote or bracket ending exactly at `e`.
pub(super) fn closer_len_before(b: &[u8], e: usize) -> Option<usize> {
    if matches!(b[e - 1], b'"' | b'\'' | b')' | b']' | b'}') {
        return Some(1);
    }
    if e >= 2 && closer_len(b, e - 2) == Some(2) {
        return Some(2);
    }
    if e >= 3 && closer_len(b, e - 3) == Some(3) {
        return Some(3);
    }
    None
}

/// Opening quote or bracket at `p`: (length, is a quote).
pub(super) fn opener_len(b: &[u8], p: usize) -> Option<(usize, bool)> {
    match *b.get(p)? {
        b'"' | b'\'' => Some((1, true)),
        b'(' | b'[' | b'{' => Some((1, false)),
        0xC2 if b.get(p + 1) == Some(&0xAB) => Some((2, true)), // «
        0xC2 if matches!(b.get(p + 1), Some(0xA1 | 0xBF)) => Some((2, false)), // ¡ ¿
        0xE2 if b.get(p + 1) == Some(&0x80) && matches!(b.get(p + 2), Some(0x98 | 0x9C | 0xB9)) => {
            Some((3, true)) // ‘ “ ‹
        }
        _ => None,
    }
}

/// Skips opening quotes/brackets at `p`; returns the position after them and whether the
/// first of them is a quote (a quotation opens a sentence; a bracket before a quote is a
/// defined term or a ticker: `Ltd. ("the Company")`).
pub(super) fn skip_openers(b: &[u8], mut p: usize) -> (usize, bool) {
    let quote = opener_len(b, p).is_some_and(|(_, q)| q);
    while let Some((l, _)) = opener_len(b, p) {
        p += l;
    }
    (p, quote)
}

/// An em dash, en dash, `--` or a hyphen standing alone (` - `) at `p`.
pub(super) fn dash_len(b: &[u8], p: usize) -> Option<usize> {
    match b.get(p..p + 2)? {
        b"--" => Some(2),
        [b'-', b' '] if p > 0 && b[p - 1] == b' ' => Some(1),
        [0xE2, 0x80] if matches!(b.get(p + 2), Some(0x93 | 0x94)) => Some(3),
        _ => None,
    }
}

/// A citation marker at `p`: `[` 1-12 ASCII digits, letters, commas, hyphens or spaces
/// (with a letter or digit) `]`: `[3]`, `[4, 5]`, `[a]`, `[citation needed]`... not `[...]`.
pub(super) fn bracket_note_end(b: &[u8], p: usize) -> Option<usize> {
    if b.get(p) != Some(&b'[') {
        return None;
    }
    let mut q = p + 1;
    let mut alnum = false;
    while q < b.len() && q - p <= 20 {
        match b[q] {
            b']' => return (alnum && q > p + 1).then_some(q + 1),
            c if c.is_ascii_alphanumeric() => alnum = true,
            b',' | b'-' | b' ' => {}
            _ => return None,
        }
        q += 1;
    }
    None
}

/// A superscript digit at `p` (¹ ² ³ ⁰ ⁴-⁹): a footnote marker.
pub(super) fn superscript_len(b: &[u8], p: usize) -> Option<usize> {
    match b.get(p..p + 2)? {
        [0xC2, 0xB2 | 0xB3 | 0xB9] => Some(2),
        [0xE2, 0x81] if matches!(b.get(p + 2), Some(0xB0 | 0xB4..=0xB9)) => Some(3),
        _ => None,
    }
}

/// An ASCII or full-width digit at `p`.
pub(super) fn digit_at(b: &[u8], p: usize) -> bool {
    b.get(p).is_some_and(u8::is_ascii_digit) || matches!(b.get(p..p + 3), Some([0xEF, 0xBC, 0x90..=0x99]))
}

/// A list bullet at `p` (•, ‣, ⁃, ◦, ▪, ●, ○, ■, ►, ▸, ✓, ✔).
pub(super) fn bullet_len(b: &[u8], p: usize) -> Option<usize> {
    if p + 2 >= b.len() || b[p] != 0xE2 {
        return None;
    }
    match (b[p + 1], b[p + 2]) {
        (0x80, 0xA2 | 0xA3)
        | (0x81, 0x83)
        | (0x97, 0xA6 | 0x8F | 0x8B)
        | (0x96, 0xAA | 0xA0 | 0xBA | 0xB8)
        | (0x9C, 0x93 | 0x94) => Some(3),
        _ => None,
    }
}

/// Roman numerals a list counts with, in order (value = index + 1).
pub(super) const ROMAN: [&str; 12] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];

/// Value of a roman numeral body in one case (`iv`, `IV`).
pub(super) fn roman_value(body: &[u8]) -> Option<u32> {
    if body.is_empty() || body.len() > 4 || !body.iter().all(|c| matches!(c | 0x20, b'i' | b'v' | b'x')) {
        return None;
    }
    let lower = body.iter().all(u8::is_ascii_lowercase);
    if !lower && !body.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let pos = ROMAN.iter().position(|r| r.as_bytes().eq_ignore_ascii_case(body))?;
    Some(pos as u32 + 1)
}

/// The shape of a list marker at `p`, followed by whitespace: `(`? body `.` | `.)` | `)`,
/// the body 1-3 digits or 1-4 ASCII letters (`(` wants `)`). Returns (body range, style, end).
pub(super) fn marker_shape(b: &[u8], p: usize) -> Option<(usize, usize, Style, usize)> {
    let n = b.len();
    let wrapped = b.get(p) == Some(&b'(');
    let s = p + usize::from(wrapped);
    let mut q = s;
    while q < n && q - s < 5 && b[q].is_ascii_alphanumeric() {
        q += 1;
    }
    // Most words end in a letter or a space: rejected before anything else.
    if q == s || !matches!(b.get(q), Some(b'.' | b')')) {
        return None;
    }
    let body = &b[s..q];
    let digits = body.iter().all(u8::is_ascii_digit);
    if body.is_empty()
        || (digits && body.len() > 3)
        || (!digits && (body.len() > 4 || !body.iter().all(u8::is_ascii_alphabetic)))
    {
        return None;
    }
    let rest = &b[q..];
    let (style, len) = if wrapped {
        if rest.first() == Some(&b')') {
            (Style::Wrapped, 1)
        } else {
            return None;
        }
    } else if rest.starts_with(b".)") {
        (Style::DotParen, 2)
    } else if rest.first() == Some(&b'.') {
        (Style::Dot, 1)
    } else if rest.first() == Some(&b')') {
        (Style::Paren, 1)
    } else {
        return None;
    };
    let e = q + len;
    (e < n && is_ascii_ws(b[e])).then_some((s, q, style, e))
}

/// A list marker opening a list at `p`: `1.`, `1.)`, `1)`, `(1)`, `a.`, `a)`, `(a)`, `A)`,
/// `i.)`, `(ii)`, `IV)`. A capital letter with a bare `.` is an initial, not a marker, except
/// `I.` (roman one: it opens a list only when `II.` follows, `Segmenter::begin`); a lone `i`
/// counts as roman one. Returns (marker, end).
pub(super) fn parse_marker(b: &[u8], p: usize) -> Option<(Marker, usize)> {
    // Called for every sentence: a capitalised word ("The") is rejected at once.
    let c0 = *b.get(p)?;
    if !(c0 == b'(' || c0.is_ascii_alphanumeric())
        || (c0.is_ascii_uppercase() && b.get(p + 1).is_some_and(u8::is_ascii_lowercase))
    {
        return None;
    }
    let (s, q, style, e) = marker_shape(b, p)?;
    let body = &b[s..q];
    let seq_value = if body[0].is_ascii_digit() {
        let v = body.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0'));
        (Seq::Num, v)
    } else if body.len() == 1 && !matches!(body[0], b'i' | b'I') {
        let c = body[0];
        if c.is_ascii_uppercase() {
            if style == Style::Dot {
                return None;
            }
            (Seq::Upper, u32::from(c - b'A') + 1)
        } else {
            (Seq::Lower, u32::from(c - b'a') + 1)
        }
    } else {
        // `i`/`I` and the multi-letter numerals (`V.`, `X.` alone were letters above).
        let v = roman_value(body)?;
        if body[0].is_ascii_uppercase() {
            (Seq::RomanUpper, v)
        } else {
            (Seq::RomanLower, v)
        }
    };
    Some((Marker { seq: seq_value.0, value: seq_value.1, style }, e))
}

/// The list marker `want` at `p` (a `v.` after `u.` is a letter; after `iv.`, roman five).
/// Returns its end.
pub(super) fn marker_is(b: &[u8], p: usize, want: Marker) -> Option<usize> {
    // Called at every space of a sentence that opened a list: the first byte decides most.
    let c = *b.get(p + usize::from(want.style == Style::Wrapped))?;
    let v = want.value;
    let first_ok = match want.seq {
        Seq::Num => c.is_ascii_digit(),
        Seq::Lower => v <= 26 && c == b'a' + (v - 1) as u8,
        Seq::Upper => v <= 26 && c == b'A' + (v - 1) as u8,
        Seq::RomanLower => matches!(c, b'i' | b'v' | b'x'),
        Seq::RomanUpper => matches!(c, b'I' | b'V' | b'X'),
    };
    if !first_ok || (want.style == Style::Wrapped) != (b[p] == b'(') {
        return None;
    }
    let (s, q, style, e) = marker_shape(b, p)?;
    if style != want.style {
        return None;
    }
    let body = &b[s..q];
    let ok = match want.seq {
        Seq::Num => body[0].is_ascii_digit() && body.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0')) == v,
        Seq::Lower => body.len() == 1 && v <= 26 && body[0] == b'a' + (v - 1) as u8,
        Seq::Upper => body.len() == 1 && v <= 26 && body[0] == b'A' + (v - 1) as u8,
        Seq::RomanLower => body[0].is_ascii_lowercase() && roman_value(body) == Some(v),
        Seq::RomanUpper => body[0].is_ascii_uppercase() && roman_value(body) == Some(v),
    };
    ok.then_some(e)
}

/// 1-3 digits, a single ASCII letter or a roman numeral: a list marker before `.`.
pub(super) fn is_marker_token(t: &[u8]) -> bool {
    (1..=3).contains(&t.len()) && t.iter().all(u8::is_ascii_digit)
        || t.len() == 1 && t[0].is_ascii_alphabetic()
        || roman_value(t).is_some()
}

/// Letters-and-dots abbreviation with 2+ parts of 1-3 letters: U.S, a.m, Ph.D, U.S.A.
pub(super) fn is_dotted_abbr(t: &[u8]) -> bool {
    let mut parts = 0;
    for part in t.split(|c| *c == b'.') {
        if part.is_empty() || part.len() > 3 || !part.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// E-mail address or URL.
pub(super) fn has_address_mark(t: &[u8]) -> bool {
    t.iter().any(|c| matches!(c, b'@' | b'/')) || t.windows(4).any(|w| w.eq_ignore_ascii_case(b"www."))
}

/// Lowercase copy of a short ASCII token into `buf`.
pub(super) fn lower_into<'b>(t: &[u8], buf: &'b mut [u8; 12]) -> Option<&'b [u8]> {
    if t.len() > buf.len() {
        return None;
    }
    let out = &mut buf[..t.len()];
    out.copy_from_slice(t);
    out.make_ascii_lowercase();
    Some(out)
}
