//! CSS text the page builds from data: the selector of a sentence's row, whose key holds a
//! document id, which is the person's file name and may hold quotes, backslashes or line
//! breaks. Apart from the browser, so it is tested natively.

/// The selector of the row of sentence `key` (`doc:index`): `[data-sentence="…"]`, the key
/// as a CSS string.
pub fn row_selector(key: &str) -> String {
    let mut s = String::with_capacity(key.len() + 20);
    s.push_str("[data-sentence=\"");
    for c in key.chars() {
        match c {
            '"' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            // A code point escape ends at a space, which the string does not keep.
            c if c.is_control() => s.push_str(&format!("\\{:x} ", u32::from(c))),
            c => s.push(c),
        }
    }
    s.push_str("\"]");
    s
}

#[cfg(test)]
mod tests {
    use super::row_selector;

    #[test]
    fn a_key_becomes_a_quoted_css_string() {
        assert_eq!(row_selector("d:3"), "[data-sentence=\"d:3\"]");
        assert_eq!(row_selector("über 'x'.txt:12"), "[data-sentence=\"über 'x'.txt:12\"]");
        assert_eq!(row_selector("a\"b\\c:0"), "[data-sentence=\"a\\\"b\\\\c:0\"]");
        assert_eq!(row_selector("x\ny\t:1"), "[data-sentence=\"x\\a y\\9 :1\"]");
    }
}
