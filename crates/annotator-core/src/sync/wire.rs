//! What the replication and the edge hand each other, sans IO: the request to send (method,
//! path, body, and how long the server may hold it), the answer as it came (status and
//! text), and the next step. Apart from the state machine (`replicator`) so the edge's side of
//! the contract reads in one place.

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    /// Not used by the replicator (set-up and tests create databases with it).
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A request for the edge to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Hand it back with the answer (`Replicator::handle`): a late answer to a request of
    /// an earlier start is ignored.
    pub ticket: u64,
    pub method: Method,
    /// Relative to the database URL (`_changes?…`), or to the server root when `root`
    /// (`_session`: the database URL without its last path segment).
    pub path: String,
    pub root: bool,
    /// JSON (`Content-Type: application/json`), when there is a body.
    pub body: Option<String>,
    /// 0 for an ordinary request. A listen (the long-held `_changes`): the server may hold
    /// it this long before answering, so the edge gives it that much more than its usual
    /// time limit, ends it itself after that (`Replicator::lapsed`), and aborts it when the
    /// replicator stops listening (any `next` that is not `Busy`, a stop).
    pub hold_ms: u64,
}

/// The server's answer: the HTTP status (0 when there was none: network error, timeout)
/// and the body's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

/// What the edge does next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Send(Request),
    /// Nothing to send before this time (ms since the epoch): set a timer, and call `next`
    /// when it fires, or earlier after a local change.
    Wait {
        until_ms: u64,
    },
    /// A request is out: wait for its answer.
    Busy,
    /// Off, or stopped by an error: nothing until `start`.
    Stopped,
}
