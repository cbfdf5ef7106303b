//! Text normalisation and offset conversions.
//!
//! Internally every span is a byte range into the normalised UTF-8 text (cheap slicing).
//! Exports speak Unicode code points (Python slicing), the DOM speaks UTF-16 units.

/// docs/FORMAT.md §5: BOM removed, CRLF and CR become LF. Nothing else changes.
pub fn normalise(raw: &str) -> String {
    normalise_line_ends(raw.strip_prefix('\u{FEFF}').unwrap_or(raw)).text
}

/// A text with CRLF and lone CR turned into LF, and where it lost bytes, so that byte
/// offsets into the original can follow (`offset`).
pub struct LineEnds {
    pub text: String,
    /// Byte offsets in the original of the CRs dropped (those of a CRLF), ascending.
    dropped: Vec<usize>,
}

impl LineEnds {
    /// Where byte `pos` of the original is in `text`: a lone CR became LF (same length),
    /// the CR of a CRLF went.
    pub fn offset(&self, pos: usize) -> usize {
        pos - self.dropped.partition_point(|&r| r < pos)
    }
}

/// CRLF and lone CR become LF; nothing else changes (a U+FEFF stays: `normalise` takes a
/// leading one off a whole file, but inside a text it is content).
pub fn normalise_line_ends(raw: &str) -> LineEnds {
    let mut dropped = Vec::new();
    if !raw.contains('\r') {
        return LineEnds { text: raw.to_owned(), dropped };
    }
    let mut text = String::with_capacity(raw.len());
    let mut from = 0;
    while let Some(i) = raw[from..].find('\r').map(|i| from + i) {
        text.push_str(&raw[from..i]);
        text.push('\n');
        from = i + 1;
        if raw[from..].starts_with('\n') {
            dropped.push(i);
            from += 1;
        }
    }
    text.push_str(&raw[from..]);
    LineEnds { text, dropped }
}

/// Number of code points in `text[..byte]`. `byte` must be a char boundary.
pub fn byte_to_char(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Number of UTF-16 units in `text[..byte]`. `byte` must be a char boundary.
pub fn byte_to_utf16(text: &str, byte: usize) -> usize {
    text[..byte].chars().map(char::len_utf16).sum()
}

/// Byte offset of the `cp`-th code point (or `None` past the end).
pub fn char_to_byte(text: &str, cp: usize) -> Option<usize> {
    if cp == 0 {
        return Some(0);
    }
    let mut n = 0;
    for (i, _) in text.char_indices() {
        if n == cp {
            return Some(i);
        }
        n += 1;
    }
    (n == cp).then_some(text.len())
}

/// Converts many ascending byte offsets to code points in one pass (export of long texts).
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        Self { text, byte: 0, chars: 0 }
    }

    /// Code point index of `byte`; calls must come with non-decreasing `byte`.
    pub fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// 64-bit FNV-1a: stable across machines and versions (document ids, sentence fingerprints).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A short fingerprint of a sentence's text, stored beside its labels so labels can
/// re-attach by text when segmentation changes.
pub fn fingerprint(sentence: &str) -> String {
    format!("{:08x}", (fnv1a64(sentence.as_bytes()) >> 32) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_bom_and_line_ends() {
        assert_eq!(normalise("\u{FEFF}a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalise("a\r\r\nb"), "a\n\nb");
        assert_eq!(normalise("plain"), "plain");
        // A BOM elsewhere than at the start is content, not an encoding mark.
        assert_eq!(normalise("a\u{FEFF}b"), "a\u{FEFF}b");
    }

    #[test]
    fn line_ends_move_offsets_along() {
        let raw = "\u{FEFF}a\r\nb\rc\r\r\nd";
        let n = normalise_line_ends(raw);
        assert_eq!(n.text, "\u{FEFF}a\nb\nc\n\nd");
        // Every char boundary of the original maps onto the same character of the text.
        for (i, c) in raw.char_indices() {
            let j = n.offset(i);
            let d = n.text[j..].chars().next().unwrap();
            assert!(d == c || (c == '\r' && d == '\n'), "{i}: {c:?} -> {d:?}");
        }
        assert_eq!(n.offset(raw.len()), n.text.len());
        assert_eq!(normalise_line_ends("plain").offset(3), 3);
    }

    #[test]
    fn conversions_on_wide_characters() {
        let t = "a😀é\u{301}中שָׁ b";
        for (byte, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            let cp = byte_to_char(t, byte);
            assert_eq!(char_to_byte(t, cp), Some(byte));
            let utf16: usize = t[..byte].encode_utf16().count();
            assert_eq!(byte_to_utf16(t, byte), utf16);
        }
        assert_eq!(byte_to_char(t, t.len()), t.chars().count());
        assert_eq!(char_to_byte(t, t.chars().count() + 1), None);
        let mut counter = CharCounter::new(t);
        assert_eq!(counter.at(1), 1);
        assert_eq!(counter.at(5), 2);
        assert_eq!(counter.at(t.len()), t.chars().count());
    }

    #[test]
    fn fingerprint_is_stable() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint("This report is not true."), fingerprint("This report is not true."));
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("x").len(), 8);
    }
}
