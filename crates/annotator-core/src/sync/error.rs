//! What can go wrong talking to the team database, in words for the person
//! (`[data-sync-status]` and its message, docs/FORMAT.md §4), the status the page shows, and a
//! catch-up's progress (`[data-sync-pulled]`). A typed
//! error at the boundary: the replicator maps every HTTP answer here, and the edge only
//! shows it. A document conflict (409) is no error: the replicator merges and retries.

use std::fmt;

use super::answer::{AnswerError, Refusal};

/// The sync status the page shows (`[data-sync-status]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not started, or stopped.
    Off,
    /// Pulling or pushing.
    Syncing,
    /// In step with the server, waiting for the next poll or a change.
    Idle,
    /// The server does not answer: retried with growing delays.
    Offline,
    /// Stopped by an error the person must act on (`Replicator::error`), or a refused
    /// document while the rest goes on.
    Error,
}

/// A catch-up under way (more changes wait on the server than one answer brings, as in a
/// first pull): what the page shows while it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatchUp {
    /// Changes pulled since it began.
    pub pulled: u64,
    /// Changes the server said still wait, when it says (CouchDB does).
    pub waiting: Option<u64>,
}

impl Status {
    /// The value of `data-sync-status`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Off => "off",
            Status::Syncing => "syncing",
            Status::Idle => "idle",
            Status::Offline => "offline",
            Status::Error => "error",
        }
    }
}

/// An error of the sync, from an HTTP answer or its absence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// 401: not logged in, or the session expired (log in again via `_session`).
    Unauthorized(String),
    /// 403: the server refused (the design document's reason).
    Forbidden(String),
    /// 404: no database at the configured URL.
    NotFound,
    /// No answer, or a gateway's 502/503/504: retried.
    Unreachable,
    /// 413 or 507: a request too large, or the server out of space.
    Quota,
    /// The logged-in user is not the page's annotator (their documents would be refused).
    OtherUser { session: String, annotator: String },
    /// The page has no annotator name: there is no document of one's own to write.
    NoName,
    /// Any other status.
    Server { status: u16, reason: String },
    /// An answer that cannot be read: not JSON, or not its request's answer (an
    /// `answer::AnswerError`, in words).
    BadAnswer(String),
}

impl SyncError {
    /// Worth retrying by itself (with backoff); the others wait for the person.
    pub fn transient(&self) -> bool {
        matches!(self, SyncError::Unreachable) || matches!(self, SyncError::Server { status, .. } if *status >= 500)
    }

    /// The error of a non-2xx answer (`status` 0: no answer at all). `body` is CouchDB's
    /// `{"error": …, "reason": …}` when there is one.
    pub fn from_answer(status: u16, body: &str) -> SyncError {
        let reason = Refusal::read(body).reason.unwrap_or_default();
        match status {
            0 | 502..=504 => SyncError::Unreachable,
            401 => SyncError::Unauthorized(reason),
            403 => SyncError::Forbidden(reason),
            404 => SyncError::NotFound,
            413 | 507 => SyncError::Quota,
            _ => SyncError::Server { status, reason },
        }
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let with = |f: &mut fmt::Formatter<'_>, head: &str, reason: &str| {
            if reason.is_empty() {
                write!(f, "{head}")
            } else {
                write!(f, "{head} ({reason})")
            }
        };
        match self {
            SyncError::Unauthorized(r) => with(f, "401: not logged in to the team database, or the session expired", r),
            SyncError::Forbidden(r) => with(f, "403: the team database refused the change", r),
            SyncError::NotFound => write!(f, "404: there is no team database at this address"),
            SyncError::Unreachable => write!(f, "the team database is unreachable; retrying"),
            SyncError::Quota => write!(f, "the team database is full or the change too large (quota)"),
            SyncError::OtherUser { session, annotator } => write!(
                f,
                "logged in as {session}, but the annotator name is {annotator}: log in as {annotator} or change the name"
            ),
            SyncError::NoName => write!(f, "set an annotator name before syncing"),
            SyncError::Server { status, reason } => with(f, &format!("{status}: the team database failed"), reason),
            SyncError::BadAnswer(why) => write!(f, "the team database gave an answer that cannot be read: {why}"),
        }
    }
}

impl std::error::Error for SyncError {}

impl From<AnswerError> for SyncError {
    fn from(e: AnswerError) -> SyncError {
        SyncError::BadAnswer(e.to_string())
    }
}

/// Delays between retries while the server is down: doubling from `base_ms` up to `cap_ms`,
/// back to nothing after a success. Never zero, so the page never spins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base_ms: u64,
    pub cap_ms: u64,
    failures: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { base_ms: 1_000, cap_ms: 60_000, failures: 0 }
    }
}

impl Backoff {
    pub fn new(base_ms: u64, cap_ms: u64) -> Backoff {
        Backoff { base_ms: base_ms.max(1), cap_ms: cap_ms.max(base_ms.max(1)), failures: 0 }
    }

    /// One more failure: the delay before the next try.
    pub fn fail(&mut self) -> u64 {
        self.failures = self.failures.saturating_add(1);
        self.base_ms.saturating_mul(1u64 << (self.failures - 1).min(32)).min(self.cap_ms)
    }

    pub fn succeed(&mut self) {
        self.failures = 0;
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_errors_in_words() {
        let table: [(u16, &str, SyncError); 7] = [
            (0, "", SyncError::Unreachable),
            (
                401,
                r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#,
                SyncError::Unauthorized("Name or password is incorrect.".into()),
            ),
            (
                403,
                r#"{"error":"forbidden","reason":"Only ben can write ann:ben:d1."}"#,
                SyncError::Forbidden("Only ben can write ann:ben:d1.".into()),
            ),
            (404, r#"{"error":"not_found","reason":"missing"}"#, SyncError::NotFound),
            (413, "", SyncError::Quota),
            (503, "", SyncError::Unreachable),
            (500, "oops", SyncError::Server { status: 500, reason: String::new() }),
        ];
        for (status, body, want) in table {
            assert_eq!(SyncError::from_answer(status, body), want, "{status}");
        }
        assert!(SyncError::Unauthorized(String::new()).to_string().starts_with("401"));
        assert!(
            SyncError::Forbidden("x".into()).to_string().contains("403")
                && SyncError::NotFound.to_string().contains("404")
        );
        assert!(SyncError::Unreachable.transient() && !SyncError::NotFound.transient());
    }

    #[test]
    fn backoff_doubles_up_to_its_cap_and_resets() {
        let mut b = Backoff::new(1_000, 8_000);
        let delays: Vec<u64> = (0..6).map(|_| b.fail()).collect();
        assert_eq!(delays, [1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
        b.succeed();
        assert_eq!(b.fail(), 1_000);
        let mut z = Backoff::new(0, 0);
        assert!(z.fail() > 0, "never a busy loop");
        for _ in 0..100 {
            z.fail();
        }
    }
}

#[cfg(test)]
mod status_tests {
    use super::Status;

    #[test]
    fn the_statuses_are_the_specs_in_its_order() {
        let all = [Status::Off, Status::Syncing, Status::Idle, Status::Offline, Status::Error];
        assert_eq!(all.map(Status::name), ["off", "syncing", "idle", "offline", "error"]);
    }
}
