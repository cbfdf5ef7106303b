//! Case-insensitive search in sentence text: the filter (which sentences match) and the
//! highlighting (where) share one matcher, so every shown sentence has a highlight.

/// Case-insensitive containment (Unicode lowercase).
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_ascii() && hay.is_ascii() {
        let h = hay.as_bytes();
        let n = needle.as_bytes();
        return n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    // The same matching as the highlighting, so every shown sentence has a highlight.
    needle.is_empty() || !match_ranges(hay, needle).is_empty()
}

/// Byte ranges of case-insensitive matches of `needle` in `hay` (for highlighting).
pub fn match_ranges(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let needle = needle.trim();
    if needle.is_empty() {
        return Vec::new();
    }
    let lower_needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = hay.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        let mut k = 0;
        while k < lower_needle.len() && j < chars.len() {
            let mut low = chars[j].1.to_lowercase();
            let mut ok = true;
            for c in low.by_ref() {
                if k < lower_needle.len() && lower_needle[k] == c {
                    k += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            if !ok {
                break;
            }
            j += 1;
        }
        if k == lower_needle.len() && j > i {
            let end = chars.get(j).map_or(hay.len(), |c| c.0);
            out.push((chars[i].0, end));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_matches() {
        assert!(contains_ci("Hello World", "world"));
        assert_eq!(match_ranges("Ab ab AB", "ab"), [(0, 2), (3, 5), (6, 8)]);
        assert_eq!(match_ranges("Straße", "STRASSE").len(), 0);
        assert_eq!(match_ranges("ÉCOLE école", "école"), [(0, 6), (7, 13)]);
        assert!(match_ranges("x", " ").is_empty());
    }
}
