//! The team database's answers, typed: one struct per CouchDB answer the replicator reads
//! (`_session` asked, logged in to and out of, `_changes`, `_all_docs` with `keys`,
//! `_bulk_get`, `_bulk_docs`, and the `{"error", "reason"}` of a refusal), so the protocol code reads fields instead of walking
//! JSON by hand, and an answer that does not have its request's shape is one typed error
//! (`AnswerError`) naming the request and what was missing. Only what the replicator uses
//! is declared: other fields are ignored, as CouchDB and PouchDB Server add their own.
//! Documents inside the answers stay JSON values here: `doc::decode` reads them (their
//! format is the page's, docs/FORMAT.md §6).

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

/// Which answer could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Session,
    Changes,
    AllDocs,
    BulkGet,
    BulkDocs,
    Login,
    Logout,
}

impl Kind {
    /// The request's name, as CouchDB's documentation calls it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Session => "GET /_session",
            Kind::Changes => "_changes",
            Kind::AllDocs => "_all_docs",
            Kind::BulkGet => "_bulk_get",
            Kind::BulkDocs => "_bulk_docs",
            Kind::Login => "POST /_session",
            Kind::Logout => "DELETE /_session",
        }
    }
}

/// A 2xx answer whose body is not its request's answer (another shape, or not JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerError {
    pub kind: Kind,
    /// What did not fit, in serde's words ("missing field `results`").
    pub why: String,
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.why)
    }
}

impl std::error::Error for AnswerError {}

/// An answer of one kind of request.
pub trait Answer: DeserializeOwned {
    const KIND: Kind;

    /// Reads the answer from its JSON, already parsed.
    fn read(body: Value) -> Result<Self, AnswerError> {
        Self::deserialize(body).map_err(|e| AnswerError { kind: Self::KIND, why: e.to_string() })
    }
}

/// `GET /_session`: who the cookie (or its absence) is.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Session {
    #[serde(rename = "userCtx")]
    pub user_ctx: UserCtx,
}

/// The session's user: `name` is null when nobody is logged in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct UserCtx {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
}

impl UserCtx {
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}

impl Answer for Session {
    const KIND: Kind = Kind::Session;
}

/// `GET _changes?style=all_docs&include_docs=true&conflicts=true`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Changes {
    pub results: Vec<Change>,
    /// The position to ask from next time: a string in CouchDB 3, a number in PouchDB
    /// Server; kept as it is.
    #[serde(default)]
    pub last_seq: Option<Value>,
    /// Changes left after this batch (CouchDB 2+; absent in PouchDB Server).
    #[serde(default)]
    pub pending: Option<u64>,
}

/// One row of the changes feed.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Change {
    pub id: String,
    #[serde(default)]
    pub deleted: bool,
    /// The document (`include_docs`); an object, or null for some deletions.
    #[serde(default)]
    pub doc: Option<Value>,
    /// The leaf revisions (`style=all_docs`), the winning one first.
    #[serde(default)]
    pub changes: Vec<Rev>,
}

impl Change {
    /// The document, when the row carries one.
    pub fn doc(&self) -> Option<&Value> {
        self.doc.as_ref().filter(|d| d.is_object())
    }

    /// The row's (winning) revision, "" when none is listed.
    pub fn rev(&self) -> &str {
        self.changes.first().map_or("", |r| r.rev.as_str())
    }
}

/// `{"rev": …}`: a revision in a changes row, or an `_all_docs` row's `value`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Rev {
    pub rev: String,
}

impl Answer for Changes {
    const KIND: Kind = Kind::Changes;
}

/// `POST _all_docs?include_docs=true&conflicts=true` with `{"keys": […]}`: one row per key.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AllDocs {
    pub rows: Vec<AllDocsRow>,
}

/// A row: the document (`doc`), a deletion (`value.rev`, no `doc`), or not found (`error`,
/// neither).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AllDocsRow {
    pub key: String,
    #[serde(default)]
    pub value: Option<Rev>,
    #[serde(default)]
    pub doc: Option<Value>,
}

impl AllDocsRow {
    pub fn doc(&self) -> Option<&Value> {
        self.doc.as_ref().filter(|d| d.is_object())
    }
}

impl Answer for AllDocs {
    const KIND: Kind = Kind::AllDocs;
}

/// `POST _bulk_get` with `{"docs": [{"id", "rev"}]}`: per id, each revision asked for.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BulkGet {
    pub results: Vec<BulkGetResult>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BulkGetResult {
    #[serde(default)]
    pub docs: Vec<BulkGetDoc>,
}

/// One revision: `ok` holds the document, or an `error` says why not (ignored: a revision
/// gone meanwhile has nothing to merge).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BulkGetDoc {
    #[serde(default)]
    pub ok: Option<Value>,
}

impl Answer for BulkGet {
    const KIND: Kind = Kind::BulkGet;
}

impl BulkGet {
    /// Every revision that came, in order.
    pub fn docs(&self) -> impl Iterator<Item = &Value> {
        self.results.iter().flat_map(|r| r.docs.iter().filter_map(|d| d.ok.as_ref()))
    }
}

/// `POST _bulk_docs`: one row per document sent, in no particular order (PouchDB Server
/// lists refusals first).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct BulkDocs {
    pub rows: Vec<BulkDocsRow>,
}

/// Written (`rev`), or refused (`error`: `conflict`, `forbidden`, `unauthorized`, with a
/// `reason`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BulkDocsRow {
    pub id: String,
    #[serde(default)]
    pub rev: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl Answer for BulkDocs {
    const KIND: Kind = Kind::BulkDocs;
}

/// An answer that says whether its request went through (`{"ok": true, …}`).
pub trait Confirms {
    fn ok(&self) -> bool;
}

/// `POST /_session`: `{"ok": true, "name": …, "roles": […]}`; the answer also sets the
/// `AuthSession` cookie.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Login {
    pub ok: bool,
}

impl Answer for Login {
    const KIND: Kind = Kind::Login;
}

impl Confirms for Login {
    fn ok(&self) -> bool {
        self.ok
    }
}

/// `DELETE /_session`: `{"ok": true}`; the answer also expires the `AuthSession` cookie.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Logout {
    pub ok: bool,
}

impl Answer for Logout {
    const KIND: Kind = Kind::Logout;
}

impl Confirms for Logout {
    fn ok(&self) -> bool {
        self.ok
    }
}

/// The body of a refusal (any non-2xx answer): CouchDB's `{"error": …, "reason": …}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Refusal {
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl Refusal {
    /// Reads a refusal's body; one that is not CouchDB's (a proxy's page, nothing) reads as
    /// no error and no reason.
    pub fn read(body: &str) -> Refusal {
        serde_json::from_str(body).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<A: Answer>(json: &str) -> Result<A, AnswerError> {
        A::read(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn recorded_answers_read_as_their_types() {
        let s: Session = read(r#"{"ok":true,"userCtx":{"name":"cora","roles":["curator"]},"info":{}}"#).unwrap();
        assert_eq!(s.user_ctx.name.as_deref(), Some("cora"));
        assert!(s.user_ctx.has_role("curator") && !s.user_ctx.has_role("_admin"));
        let anon: Session = read(r#"{"ok":true,"userCtx":{"name":null,"roles":[]}}"#).unwrap();
        assert_eq!(anon.user_ctx, UserCtx::default());
        let c: Changes = read(
            r#"{"results":[{"seq":3,"id":"ann:m:d1","changes":[{"rev":"2-a"},{"rev":"1-b"}],"deleted":true,"doc":null},
            {"seq":4,"id":"gold:d1","changes":[],"doc":{"_id":"gold:d1"}}],"last_seq":4}"#,
        )
        .unwrap();
        assert_eq!((c.results[0].rev(), c.results[0].deleted, c.results[0].doc()), ("2-a", true, None));
        assert_eq!((c.results[1].rev(), c.results[1].deleted), ("", false));
        assert!(c.results[1].doc().is_some());
        assert_eq!((c.last_seq, c.pending), (Some(Value::from(4)), None));
        let a: AllDocs = read(
            r#"{"total_rows":2,"rows":[{"key":"a","error":"not_found"},{"id":"b","key":"b","value":{"rev":"2-x","deleted":true},"doc":null}]}"#,
        )
        .unwrap();
        assert_eq!((a.rows[0].value.as_ref(), a.rows[1].value.as_ref().map(|v| v.rev.as_str())), (None, Some("2-x")));
        let g: BulkGet = read(r#"{"results":[{"id":"x","docs":[{"ok":{"_id":"x"}},{"error":{"id":"x"}}]}]}"#).unwrap();
        assert_eq!(g.docs().count(), 1);
        let p: BulkDocs =
            read(r#"[{"id":"a","error":"forbidden","reason":"Only ben."},{"ok":true,"id":"b","rev":"1-c"}]"#).unwrap();
        assert_eq!(p.rows[0].reason.as_deref(), Some("Only ben."));
        assert_eq!((p.rows[1].rev.as_deref(), p.rows[1].error.as_deref()), (Some("1-c"), None));
        assert!(read::<Logout>(r#"{"ok":true}"#).unwrap().ok);
        assert!(read::<Login>(r#"{"ok":true,"name":"maria","roles":[]}"#).unwrap().ok);
    }

    #[test]
    fn an_answer_of_another_shape_is_a_typed_error_naming_its_request() {
        let e = read::<Changes>(r#"{"last_seq":0}"#).unwrap_err();
        assert_eq!(e.kind, Kind::Changes);
        assert!(e.to_string().starts_with("_changes: missing field `results`"), "{e}");
        assert_eq!(read::<BulkDocs>(r#"{"ok":true}"#).unwrap_err().kind, Kind::BulkDocs);
        assert_eq!(read::<Session>(r#"{"ok":true}"#).unwrap_err().kind, Kind::Session);
        assert_eq!(read::<AllDocs>(r#"{"rows":[{"id":"x"}]}"#).unwrap_err().kind, Kind::AllDocs);
        assert_eq!(read::<BulkGet>(r#"[]"#).unwrap_err().kind, Kind::BulkGet);
        assert!(read::<Session>(r#"{"userCtx":{"name":7}}"#).is_err());
    }

    #[test]
    fn a_refusal_gives_its_reason_and_anything_else_none() {
        let r = Refusal::read(r#"{"error":"forbidden","reason":"Only ben can write ann:ben:d1."}"#);
        assert_eq!(
            (r.error.as_deref(), r.reason.as_deref()),
            (Some("forbidden"), Some("Only ben can write ann:ben:d1."))
        );
        assert_eq!(Refusal::read("<html>Bad gateway</html>"), Refusal::default());
        assert_eq!(Refusal::read(""), Refusal::default());
    }
}
