//! A sentence row's key (its `data-sentence`, `doc:index`) and the CSS text built from it, in
//! one place: the row draws the key, the article finds the focused row by it and reads a
//! clicked row's index back from it. A document id is the person's file name and may hold
//! colons, quotes, backslashes or line breaks. Apart from the browser, so tested natively.

/// The key of sentence `index` of document `doc`.
pub fn row_key(doc: &str, index: usize) -> String {
    format!("{doc}:{index}")
}

/// The sentence index in a row's key (after the last colon: a document id may hold colons).
pub fn row_index(key: &str) -> Option<usize> {
    key.rsplit_once(':')?.1.parse().ok()
}

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
    use super::{row_index, row_key, row_selector};

    #[test]
    fn a_key_gives_its_index_back() {
        assert_eq!(row_key("d", 3), "d:3");
        assert_eq!(row_index(&row_key("a:b.txt", 12)), Some(12));
        assert_eq!(row_index("no index"), None);
        assert_eq!(row_index("d:"), None);
    }

    #[test]
    fn a_key_becomes_a_quoted_css_string() {
        assert_eq!(row_selector("d:3"), "[data-sentence=\"d:3\"]");
        assert_eq!(row_selector("über 'x'.txt:12"), "[data-sentence=\"über 'x'.txt:12\"]");
        assert_eq!(row_selector("a\"b\\c:0"), "[data-sentence=\"a\\\"b\\\\c:0\"]");
        assert_eq!(row_selector("x\ny\t:1"), "[data-sentence=\"x\\a y\\9 :1\"]");
    }
}
