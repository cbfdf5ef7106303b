//! The thin UI: one state (`state::State`, a `Reducible`) shared through a context, and
//! function components with small props. Only what the screen needs lives here.

pub mod announce;
pub mod app;
pub mod components;
pub mod exporter;
pub mod importer;
pub mod later;
pub mod persist;
pub mod startup;
pub mod state;
pub mod sync;
pub mod words;

pub use app::App;
