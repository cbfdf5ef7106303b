//! CouchDB document ids of the team database (docs/FORMAT.md §6): which kind of document an
//! id names, and whose it is, must be readable from the id alone, because CouchDB's
//! `validate_doc_update` sees only `_id` on a deletion and the changes feed names documents
//! before their bodies are read. The design document (`couchdb/design.json`) parses ids the
//! same way; `tests/couch_validate.mjs` checks both agree.
//!
//! - `ann:<annotator>:<doc id>`: one annotator's work on one article;
//! - `gold:<doc id>`: the gold labels (adjudication) of one article;
//! - `article:<doc id>`: an imported article's text and metadata.
//!
//! The annotator's name is escaped (`%` as `%25`, `:` as `%3A`) so the first `:` after it
//! ends it whatever the name; the article id follows unescaped (it may hold `:`).

use std::fmt;

/// What a team document is, parsed from its id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocId {
    /// `ann:<annotator>:<doc>`
    Ann { annotator: String, doc: String },
    /// `gold:<doc>`
    Gold { doc: String },
    /// `article:<doc>`
    Article { doc: String },
}

const ANN: &str = "ann:";
const GOLD: &str = "gold:";
const ARTICLE: &str = "article:";

fn escape(name: &str) -> String {
    name.replace('%', "%25").replace(':', "%3A")
}

fn unescape(s: &str) -> String {
    s.replace("%3A", ":").replace("%25", "%")
}

impl DocId {
    pub fn ann(annotator: &str, doc: &str) -> DocId {
        DocId::Ann { annotator: annotator.to_owned(), doc: doc.to_owned() }
    }

    pub fn gold(doc: &str) -> DocId {
        DocId::Gold { doc: doc.to_owned() }
    }

    pub fn article(doc: &str) -> DocId {
        DocId::Article { doc: doc.to_owned() }
    }

    /// Parses a CouchDB `_id`; `None` for anything else (design documents, strangers).
    pub fn parse(id: &str) -> Option<DocId> {
        if let Some(rest) = id.strip_prefix(ANN) {
            let (name, doc) = rest.split_once(':')?;
            if name.is_empty() || doc.is_empty() {
                return None;
            }
            return Some(DocId::Ann { annotator: unescape(name), doc: doc.to_owned() });
        }
        if let Some(doc) = id.strip_prefix(GOLD).filter(|d| !d.is_empty()) {
            return Some(DocId::gold(doc));
        }
        id.strip_prefix(ARTICLE).filter(|d| !d.is_empty()).map(DocId::article)
    }

    /// The article this document is about.
    pub fn doc(&self) -> &str {
        match self {
            DocId::Ann { doc, .. } | DocId::Gold { doc } | DocId::Article { doc } => doc,
        }
    }

    /// The `type` field its body carries.
    pub fn kind(&self) -> &'static str {
        match self {
            DocId::Ann { .. } => "ann",
            DocId::Gold { .. } => "gold",
            DocId::Article { .. } => "article",
        }
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocId::Ann { annotator, doc } => write!(f, "{ANN}{}:{doc}", escape(annotator)),
            DocId::Gold { doc } => write!(f, "{GOLD}{doc}"),
            DocId::Article { doc } => write!(f, "{ARTICLE}{doc}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_whatever_the_names() {
        for (name, doc) in [("maria", "d1"), ("a:b", "x:y"), ("50%3A", "%3A"), ("Émile", "003_5e"), ("%", ":")] {
            let id = DocId::ann(name, doc);
            assert_eq!(DocId::parse(&id.to_string()), Some(id.clone()), "{id}");
        }
        assert_eq!(DocId::ann("a:b", "d").to_string(), "ann:a%3Ab:d");
        assert_eq!(DocId::parse("gold:d:1"), Some(DocId::gold("d:1")));
        assert_eq!(DocId::parse("article:d"), Some(DocId::article("d")));
        for stranger in ["_design/sentence-annotator", "ann:", "ann:x", "ann::d", "ann:x:", "gold:", "note:x", ""] {
            assert_eq!(DocId::parse(stranger), None, "{stranger}");
        }
    }

    #[test]
    fn ids_sort_by_kind_then_names() {
        let mut ids = vec![DocId::article("a"), DocId::gold("a"), DocId::ann("b", "a"), DocId::ann("a", "b")];
        ids.sort();
        assert_eq!(ids, [DocId::ann("a", "b"), DocId::ann("b", "a"), DocId::gold("a"), DocId::article("a")]);
    }
}
