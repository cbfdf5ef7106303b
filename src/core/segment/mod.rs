//! Sentence segmentation (placeholder: being replaced by the rule-based segmenter).

/// Name and version of the rules; goes into exports and storage.
pub const SEGMENTER: &str = "sa-rules@1";

/// A sentence as a byte range into the normalised text, trimmed of surrounding whitespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Splits normalised text into sentences: ordered, non-overlapping, non-empty, trimmed.
pub fn segment(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        if c == '\n' {
            if let Some(s) = start.take() {
                out.push(trim(text, s, i));
            }
        }
    }
    if let Some(s) = start {
        out.push(trim(text, s, text.len()));
    }
    out
}

fn trim(text: &str, s: usize, e: usize) -> Span {
    let t = text[s..e].trim_end();
    Span { start: s, end: s + t.len() }
}
