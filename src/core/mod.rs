//! The pure core: text, segmentation, documents, annotations, import and export.
//! No yew, web-sys or gloo in here: everything is testable natively.

pub mod annotations;
pub mod document;
pub mod export;
pub mod import;
pub mod keys;
pub mod labels;
pub mod segment;
pub mod session;
pub mod storage;
pub mod text;
