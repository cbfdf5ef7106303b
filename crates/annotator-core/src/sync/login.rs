//! Logging in to the team database and out of it: CouchDB's cookie session (`_session` at
//! the server root), the requests and the reading of their answers. Not part of the
//! replicator's loop: the person does them (Start with a password logs in; Stop sync and
//! Log out end the session, docs/FORMAT.md §4), and the replicator only asks who is logged
//! in. The browser keeps the `AuthSession` cookie the login's answer sets, and drops it when
//! the logout's answer expires it; the password is never stored.

use serde_json::json;

use super::answer::{self, Answer};
use super::error::SyncError;
use super::replicator::{Method, Request, Response};

/// The request that logs `name` in (`POST /_session`). Then `Replicator::start`.
pub fn login_request(name: &str, password: &str) -> Request {
    let body = json!({ "name": name, "password": password }).to_string();
    Request { ticket: 0, method: Method::Post, path: "_session".into(), root: true, body: Some(body), hold_ms: 0 }
}

/// The request that ends the session (`DELETE /_session`): after it the browser's cookie
/// no longer names anyone, whatever the replicator does.
pub fn logout_request() -> Request {
    Request { ticket: 0, method: Method::Delete, path: "_session".into(), root: true, body: None, hold_ms: 0 }
}

/// Reads the answer to `login_request`: `Ok` when the server took the name and password (a
/// wrong one is `SyncError::Unauthorized`, with the server's reason).
pub fn login_answer(response: &Response) -> Result<(), SyncError> {
    session_answer::<answer::Login>(response)
}

/// Reads the answer to `logout_request`: `Ok` when the session is over.
pub fn logout_answer(response: &Response) -> Result<(), SyncError> {
    session_answer::<answer::Logout>(response)
}

/// Both answers are `{"ok": true, …}` when they went through.
fn session_answer<A: Answer + answer::Confirms>(response: &Response) -> Result<(), SyncError> {
    if !(200..300).contains(&response.status) {
        return Err(SyncError::from_answer(response.status, &response.body));
    }
    let body = serde_json::from_str(&response.body).map_err(|e| SyncError::BadAnswer(e.to_string()))?;
    let a = A::read(body)?;
    if a.ok() {
        Ok(())
    } else {
        Err(answer::AnswerError { kind: A::KIND, why: "not ok".into() }.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Response {
        Response { status, body: body.into() }
    }

    #[test]
    fn the_requests_go_to_the_server_roots_session() {
        let login = login_request("maria", "pw \"x\"");
        assert_eq!((login.method, login.path.as_str(), login.root), (Method::Post, "_session", true));
        let body: serde_json::Value = serde_json::from_str(login.body.as_deref().unwrap()).unwrap();
        assert_eq!(body, json!({"name": "maria", "password": "pw \"x\""}));
        let out = logout_request();
        assert_eq!((out.method, out.path.as_str(), out.root, out.body), (Method::Delete, "_session", true, None));
    }

    #[test]
    fn the_answers_read_as_done_or_an_error_in_words() {
        assert_eq!(login_answer(&answer(200, r#"{"ok":true,"name":"maria","roles":[]}"#)), Ok(()));
        assert_eq!(
            login_answer(&answer(401, r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#)),
            Err(SyncError::Unauthorized("Name or password is incorrect.".into()))
        );
        assert_eq!(logout_answer(&answer(200, r#"{"ok":true}"#)), Ok(()));
        assert_eq!(logout_answer(&answer(0, "")), Err(SyncError::Unreachable));
        assert_eq!(logout_answer(&answer(502, "<html>")), Err(SyncError::Unreachable));
        assert!(
            matches!(logout_answer(&answer(200, r#"{"ok":false}"#)), Err(SyncError::BadAnswer(why)) if why.contains("DELETE /_session"))
        );
        assert!(matches!(logout_answer(&answer(200, "[]")), Err(SyncError::BadAnswer(_))));
        assert!(matches!(logout_answer(&answer(200, "<html>")), Err(SyncError::BadAnswer(_))));
    }
}
