//! Randomness from the browser, for what must differ between two pages opened the same way
//! (a fresh page's generated annotator name): `Math.random`, never a fixed seed.

/// A random 16-bit number.
pub fn u16() -> u16 {
    (js_sys::Math::random() * 65536.0) as u16
}
