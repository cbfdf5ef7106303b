//! The document model: an article's normalised text, its metadata and its sentences.

use serde::{Deserialize, Serialize};

use super::segment::{self, Span};
use super::text;

/// An article as it arrives, before segmentation (from a file, the bundled corpus or an export).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub text: String,
}

/// One sentence: a byte span into the document text and the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub source: String,
    pub title: String,
    pub date: Option<String>,
    /// Normalised text (docs/FORMAT.md §5); every offset refers to it.
    pub text: String,
    pub sentences: Vec<Sentence>,
    /// The person edited its sentence boundaries (split or joined sentences), or they came
    /// from an export that had them: they are stored with it and kept whatever the
    /// segmenter says (docs/FORMAT.md §3, `sa/v1/bounds/<doc>`).
    pub edited: bool,
    /// Milliseconds since the Unix epoch of the last change of its boundaries (an edit, its
    /// undo or redo, an adoption, the same annotator's boundaries from another browser); 0:
    /// never changed, or unknown. The team sync sends it with the boundaries (`Sheet::bounds_t`)
    /// so the latest boundaries win between two browsers of one annotator.
    pub edited_t: u64,
}

/// Longest title derived from the text when the source gives none (a headline is far shorter).
const TITLE_MAX: usize = 300;

impl Document {
    /// Builds a document: normalises the text, takes a `date YYYY-MM-DD` prefix off, derives
    /// a stable id and a title, and segments it.
    pub fn from_input(input: ArticleInput) -> Document {
        let normalised = text::normalise(&input.text);
        let (prefix_date, body) = split_date_prefix(&normalised);
        let body = body.to_owned();
        let date = input.date.filter(|d| !d.trim().is_empty()).or(prefix_date);
        let id = input
            .id
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .or_else(|| input.source.as_deref().map(file_stem).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| content_id(&body));
        let sentences = sentences_with_paragraphs(&body, &segment::segment(&body));
        let title = input
            .title
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| derive_title(&body, &sentences));
        let source = input.source.unwrap_or_else(|| format!("{id}.txt"));
        Document { id, source, title, date, text: body, sentences, edited: false, edited_t: 0 }
    }

    /// Rebuilds a document with known sentence spans (an import of an export, which keeps
    /// its own sentences even if our segmenter would now split differently). `text` must be
    /// normalised already and the spans valid byte ranges on char boundaries.
    pub fn with_spans(
        id: String,
        source: String,
        title: String,
        date: Option<String>,
        text: String,
        spans: &[Span],
    ) -> Document {
        let sentences = sentences_with_paragraphs(&text, spans);
        let edited = spans != segment::segment(&text).as_slice();
        Document { id, source, title, date, text, sentences, edited, edited_t: 0 }
    }

    /// The same document with other sentence boundaries (a split or a join, or their undo);
    /// `edited` says whether they are the segmenter's. The time of the change is the caller's
    /// to set (`edited_t` is kept).
    pub fn with_boundaries(&self, spans: &[Span], edited: bool) -> Document {
        Document { sentences: sentences_with_paragraphs(&self.text, spans), edited, ..self.clone() }
    }

    pub fn spans(&self) -> Vec<Span> {
        self.sentences.iter().map(|s| Span { start: s.start, end: s.end }).collect()
    }

    pub fn sentence_text(&self, index: usize) -> &str {
        let s = &self.sentences[index];
        &self.text[s.start..s.end]
    }

    /// The input that rebuilds this document: the one conversion back, for storage of
    /// imported articles, the undo of a removal and the team sync's article documents. An
    /// empty source is left out (`from_input` then names the file after the id).
    pub fn to_input(&self) -> ArticleInput {
        ArticleInput {
            id: Some(self.id.clone()),
            source: Some(self.source.clone()).filter(|s| !s.is_empty()),
            title: Some(self.title.clone()),
            date: self.date.clone(),
            text: self.text.clone(),
        }
    }
}

/// docs/FORMAT.md §5: after optional whitespace, `date YYYY-MM-DD ` becomes the date and leaves the text.
pub fn split_date_prefix(text: &str) -> (Option<String>, &str) {
    let rest = text.trim_start();
    let Some(after) = rest.strip_prefix("date ") else {
        return (None, text);
    };
    let after = after.trim_start_matches([' ', '\t']);
    let b = after.as_bytes();
    let is_date = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || b[10].is_ascii_whitespace());
    if !is_date {
        return (None, text);
    }
    (Some(after[..10].to_owned()), after[10..].trim_start())
}

/// File name without directories and extension ("a/b/000_x.txt" -> "000_x").
pub fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(i) if i > 0 => base[..i].to_owned(),
        _ => base.to_owned(),
    }
}

/// An id derived from the content: stable across reloads and machines.
pub fn content_id(text: &str) -> String {
    format!("doc-{:016x}", text::fnv1a64(text.as_bytes()))
}

/// Paragraphs are separated by blank lines; a sentence belongs to the paragraph it starts in.
fn sentences_with_paragraphs(text: &str, spans: &[Span]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(spans.len());
    let mut paragraph = 0;
    let mut prev_end = 0;
    for (i, span) in spans.iter().enumerate() {
        if i > 0 && text[prev_end..span.start].matches('\n').count() >= 2 {
            paragraph += 1;
        }
        out.push(Sentence { start: span.start, end: span.end, paragraph });
        prev_end = span.end;
    }
    out
}

/// The headline (the first line of the first sentence), whole: a list or a chart that has
/// no room cuts it for display only, so exports and sync carry it as written.
fn derive_title(text: &str, sentences: &[Sentence]) -> String {
    let first = sentences.first().map_or("", |s| &text[s.start..s.end]);
    let first = first.lines().next().unwrap_or("");
    if first.is_empty() {
        return "Untitled".to_owned();
    }
    // A pathological "headline" (a whole article on one line) is cut at a word, without
    // an ellipsis (the text is the source's).
    if first.chars().count() > TITLE_MAX {
        let cut: String = first.chars().take(TITLE_MAX).collect();
        return cut.rsplit_once(' ').map_or(cut.clone(), |(a, _)| a.to_owned());
    }
    first.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefix_is_metadata() {
        let doc = Document::from_input(ArticleInput {
            source: Some("000_x.txt".into()),
            text: " date 2022-02-01 Amid mounting tensions. Second one.".into(),
            ..Default::default()
        });
        assert_eq!(doc.date.as_deref(), Some("2022-02-01"));
        assert!(doc.text.starts_with("Amid"));
        assert_eq!(doc.id, "000_x");
        assert_eq!(doc.source, "000_x.txt");
    }

    #[test]
    fn no_prefix_when_not_a_date() {
        assert_eq!(split_date_prefix("date night is fun").0, None);
        assert_eq!(split_date_prefix("date 2022-02-011x").0, None);
        assert_eq!(split_date_prefix("date 2022-02-01").0.as_deref(), Some("2022-02-01"));
        assert_eq!(split_date_prefix("\n date 2022-02-01\nText").1, "Text");
    }

    #[test]
    fn ids_prefer_source_then_content() {
        let a = Document::from_input(ArticleInput { text: "Hello.".into(), ..Default::default() });
        let b = Document::from_input(ArticleInput { text: "Hello.".into(), ..Default::default() });
        assert_eq!(a.id, b.id);
        assert!(a.id.starts_with("doc-"));
        let c = Document::from_input(ArticleInput {
            id: Some(" given ".into()),
            source: Some("x/y.json".into()),
            text: "Hello.".into(),
            ..Default::default()
        });
        assert_eq!(c.id, "given");
        assert_eq!(file_stem("dir\\name.tar.txt"), "name.tar");
        assert_eq!(file_stem(".hidden"), ".hidden");
    }

    #[test]
    fn paragraphs_follow_blank_lines_and_crlf_is_normalised() {
        let doc = Document::from_input(ArticleInput {
            text: "\u{FEFF}Headline\r\n\r\nFirst para. Still first.\r\nSecond line.\r\n\r\nLast.".into(),
            ..Default::default()
        });
        assert!(!doc.text.contains('\r'));
        let paras: Vec<usize> = doc.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paras.first(), Some(&0));
        assert_eq!(paras.last(), Some(&2));
        assert_eq!(doc.title, "Headline");
        for i in 0..doc.sentences.len() {
            assert!(!doc.sentence_text(i).is_empty());
        }
    }

    #[test]
    fn the_title_is_the_headline_whole() {
        let long = "word ".repeat(30) + "end.";
        let doc = Document::from_input(ArticleInput { text: long.clone() + " More.", ..Default::default() });
        assert_eq!(doc.title, long, "no cut, no ellipsis: display cuts, exports do not");
        let huge = "word ".repeat(200) + "end.";
        let doc = Document::from_input(ArticleInput { text: huge, ..Default::default() });
        assert!(doc.title.chars().count() <= TITLE_MAX && !doc.title.contains('…'));
    }
}
