//! View helpers: what the screen needs computed (chart counts, the drawn window), apart
//! from the domain and from the browser. No yew or web-sys here, so they are tested natively.

pub mod css;
pub mod doc_filter;
pub mod hints;
pub mod tally;
pub mod window;
