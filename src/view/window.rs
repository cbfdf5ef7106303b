//! Which sentences the article view draws: a window around the focus, moved in chunks, so
//! a key press costs the same in a 50- and a 5,000-sentence article. Plain Rust, tested
//! natively.

/// Sentences the article view renders at most; the window moves in steps of a chunk, so
/// most key presses leave it where it is, and a key costs the same in a 50- and a
/// 5,000-sentence article. A chunk of 40 keeps a screenful (about 30 sentences at 1400 px)
/// above and below the focus, and a move of the window draws 40 new rows, not 100
/// (measured: every drawn row costs each key press its share of the render and layout).
pub const CHUNK: usize = 40;
pub const WINDOW: usize = 3 * CHUNK;

/// The window `[from, to)` of positions (into the shown sentences) around position `at`.
pub fn window_bounds(at: usize, len: usize) -> (usize, usize) {
    if len <= WINDOW {
        return (0, len);
    }
    let from = (at.min(len - 1) / CHUNK).saturating_sub(1) * CHUNK;
    let to = (from + WINDOW).min(len);
    (to - WINDOW, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_follows_the_focus_in_chunks() {
        assert_eq!(window_bounds(0, 50), (0, 50));
        assert_eq!(window_bounds(0, 5000), (0, WINDOW));
        assert_eq!(window_bounds(CHUNK + CHUNK / 2, 5000), (0, WINDOW));
        assert_eq!(window_bounds(2 * CHUNK + CHUNK / 2, 5000), (CHUNK, CHUNK + WINDOW));
        assert_eq!(window_bounds(4999, 5000), (5000 - WINDOW, 5000));
        assert_eq!(window_bounds(5000, 5000), (5000 - WINDOW, 5000));
        for at in 0..1000 {
            let (a, b) = window_bounds(at, 1000);
            assert!(a <= at.min(999) && at.min(999) < b && b - a == WINDOW);
        }
    }
}
