//! The pure core: text, segmentation, documents, annotations, import and export.
//! No yew, web-sys or gloo in here: everything is testable natively.

pub mod annotations;
pub mod document;
pub mod labels;
pub mod segment;
pub mod storage;
pub mod text;
