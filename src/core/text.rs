//! Text normalisation and offset conversions.
//!
//! Internally every span is a byte range into the normalised UTF-8 text (cheap slicing).
//! Exports speak Unicode code points (Python slicing), the DOM speaks UTF-16 units.

/// docs/FORMAT.md §5: BOM removed, CRLF and CR become LF. Nothing else changes.
pub fn normalise(raw: &str) -> String {
    let s = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    if !s.contains('\r') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
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
