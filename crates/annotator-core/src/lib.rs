//! The pure core: text, segmentation, documents, annotations, import and export.
//! No yew, web-sys or gloo in here: everything is testable natively.

pub mod agreement;
pub mod annotations;
pub mod boundaries;
pub mod document;
pub mod export;
pub mod history;
pub mod import;
pub mod keys;
pub mod labels;
pub mod layers;
pub mod offline;
pub mod palette;
pub mod reattach;
pub mod search;
pub mod segment;
pub(crate) mod serde_util;
pub mod session;
pub mod settings;
pub mod storage;
pub mod suggest;
pub mod sync;
pub mod text;
