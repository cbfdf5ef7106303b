//! View helpers: what the screen needs computed (chart counts, the drawn window) and the
//! words it shows (the core returns typed reasons; `words` and `announce` word them), apart
//! from the domain and from the browser. No yew or web-sys here, so they are tested natively.

pub mod announce;
pub mod css;
pub mod doc_filter;
pub mod hints;
pub mod readings;
pub mod tally;
pub mod window;
pub mod words;
