//! Team sync with a CouchDB database (docs/FORMAT.md §6), the protocol half: pure, sans IO,
//! tested natively with answers recorded from a real server (`tests/data/sync/`). The
//! browser edge only sends the requests this module asks for and hands back the answers;
//! localStorage stays the page's truth, and nothing here ever blocks a key press.
//!
//! Split by concern:
//! - `answer`: the server's answers as types, one per request, and their typed error;
//! - `ids`: document ids (`ann:<annotator>:<doc>`, `gold:<doc>`, `article:<doc>`);
//! - `doc`: the documents' JSON (sheets of records, articles), decoding, content hashes;
//! - `merge`: two copies of a sheet become one, per sentence, latest change wins;
//! - `conflict`: a CouchDB conflict's revisions merged, the losing ones deleted;
//! - `error`: the status the page shows and the errors in words; backoff delays;
//! - `checkpoint`: what the page keeps between visits (`sa/v1/sync`);
//! - `replicator`: the state machine that decides every request;
//! - `wire`: the request it asks for, the answer it is fed, the next step;
//! - `login`: logging in and out (`_session`), which the person does, not the machine;
//! - `told`: what changed in the page's work since the replicator was last told;
//! - `apply`: sheets placed on the page's documents (own records, gold, colleagues' layers).
//!
//! **Driving it from the edge** (`platform`, with `fetch` and timers):
//! 1. On start-up, read `sa/v1/sync` (`Checkpoint::decode`) and make
//!    `Replicator::new(Config::new(annotator), db_url, checkpoint)`.
//! 2. Tell it the page's own work: `Told::changes(session.sync_work())`, each `Tell` to
//!    `Replicator::tell` (`set_own(doc, records, orphans, done, bounds, now)` for every
//!    document with records, a done mark or boundaries of its own, `SheetBounds::of` the
//!    document; a curator's `set_gold` and `set_article` are sent, imported articles only).
//!    Do the same after every change, of records or of boundaries: only what changed is
//!    told, and the replicator compares hashes. Nothing is sent that the server already
//!    has, even after a reload.
//! 3. Log in when asked (`login::login_request`, its answer read by `login_answer`; the
//!    browser keeps the cookie; never store the password), then `start(now)`.
//! 4. Loop on `next(now)`: `Send(req)`: fetch `db_url + "/" + req.path` (or the server root,
//!    the database URL without its last segment, when `req.root`) with `req.method`,
//!    `req.body` as JSON, credentials included; hand the answer (status, 0 when there was
//!    none, and body) to `handle(req.ticket, response, now)`, apply the events in order
//!    (`Event`: own records and gold merged per sentence with the sheet, `apply::place`d on
//!    the document; colleagues' sheets as read-only layers, `apply::layer_doc`; articles added
//!    (`Document::from_input`); an `Own` or `Gold` for a document the page does not have
//!    yet is kept until its article arrives), and on `Event::Checkpoint` save
//!    `checkpoint().encode()` under `sa/v1/sync` after the changes it follows), then call
//!    `next` again. `Wait { until_ms }`: set a timer, and call `next` when it fires or right
//!    after a local change. `Busy`: an answer is due. `Stopped`: show the error.
//! 5. Show `status().name()` in `[data-sync-status]` and `error()` in words. `stop()` ends it;
//!    ending the session too is `login::logout_request` (its answer: `logout_answer`).
//!
//! What travels: one document per annotator and article (their records, done mark and its
//! time, their sentence boundaries when they are not the segmenter's and their time), one
//! gold document per article, one per imported article; docs/FORMAT.md §6. Own sheets with
//! later boundaries move the page's sentences (`Session::apply_synced`); a colleague's other
//! boundaries are a boundary disagreement in review mode.

pub mod answer;
pub mod apply;
pub mod checkpoint;
pub mod conflict;
pub mod doc;
pub mod error;
pub mod ids;
pub mod login;
pub mod merge;
pub mod replicator;
pub mod told;
pub mod wire;
// Property tests: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use answer::AnswerError;
pub use checkpoint::{Checkpoint, Known, SYNC_KEY};
pub use conflict::{resolve, Resolution};
pub use doc::{content_hash, decode, encode, Body, DecodeError, Remote, Sheet, SheetBounds};
pub use error::{Backoff, CatchUp, Status, SyncError};
pub use ids::DocId;
pub use login::{login_answer, login_request, logout_answer, logout_request};
pub use merge::{merge_all, merge_sheets};
pub use replicator::{Config, Event, Method, Replicator, Request, Response, Step};
pub use told::{Tell, Told, Work};
