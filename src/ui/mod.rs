//! The thin UI: one state (`state::State`, a `Reducible`) shared through a context, and
//! function components with small props. Only what the screen needs lives here.

pub mod app;
pub mod components;
pub mod exporter;
pub mod importer;
mod intake;
pub mod later;
pub mod persist;
pub mod startup;
pub mod state;
pub mod sync;
pub mod tabs;

pub use app::App;
