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

/// Rows a drawn window must still have on either side of the focus for a key press to keep
/// it (`keeps`): the key's frame draws no new rows, and the window moves just after it, with
/// the panels (see `ui::components::PanelState`). Twenty rows are more than half a screen,
/// so the middle of the screen never lies in a spacer while the focus is in view.
pub const KEEP_MARGIN: usize = 20;

/// Whether the drawn window `[from, to)` may stay for one frame with the focus at position
/// `at` of `len` shown sentences: `at` is inside it with `KEEP_MARGIN` rows to spare on each
/// side that is not the list's end.
pub fn keeps((from, to): (usize, usize), at: usize, len: usize) -> bool {
    to <= len
        && from <= at
        && at < to
        && (from == 0 || at - from >= KEEP_MARGIN)
        && (to == len || to - at > KEEP_MARGIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_press_keeps_the_window_while_the_focus_has_room() {
        let drawn = window_bounds(CHUNK + CHUNK / 2, 5000);
        assert!(keeps(drawn, 2 * CHUNK, 5000), "one chunk further: the window moves after the frame");
        assert!(keeps(drawn, drawn.1 - KEEP_MARGIN - 1, 5000));
        assert!(!keeps(drawn, drawn.1 - KEEP_MARGIN, 5000), "too near the end of the drawn rows");
        assert!(!keeps((CHUNK, CHUNK + WINDOW), CHUNK + KEEP_MARGIN - 1, 5000));
        assert!(keeps((0, WINDOW), 0, 5000), "the list's start needs no margin");
        assert!(keeps((5000 - WINDOW, 5000), 4999, 5000), "nor its end");
        assert!(!keeps((0, WINDOW), WINDOW, 5000), "outside");
        assert!(!keeps((0, WINDOW), 3, WINDOW - 1), "a window longer than the list is stale");
    }

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
