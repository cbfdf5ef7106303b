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

/// Rows a drawn window must have on either side of the focus to stay after the key's frame
/// too (`stays`), where the window around the focus (`window_bounds`) has forty or more: a
/// focus going back and forth over a chunk's edge (tag a sentence, go back up to it) would
/// otherwise draw forty rows anew and drop forty on every key that crosses it (`k` and `j`
/// alternating there: 28 to 34 ms of main-thread time a key before, 13 to 15 after;
/// docs/DEVELOPMENT.md, Performance). Thirty rows are a screenful at 1400 px, and the side
/// the focus moves towards is the one that shrinks, so the screen never shows a spacer while
/// the focus is in view.
pub const STAY_MARGIN: usize = 30;
// More room than a key's frame needs, less than the window around the focus gives.
const _: () = assert!(STAY_MARGIN > KEEP_MARGIN && STAY_MARGIN < CHUNK);

/// Whether the drawn window `[from, to)` may stay for one frame with the focus at position
/// `at` of `len` shown sentences: `at` is inside it with `KEEP_MARGIN` rows to spare on each
/// side that is not the list's end.
pub fn keeps(drawn: (usize, usize), at: usize, len: usize) -> bool {
    room(drawn, at, len, KEEP_MARGIN)
}

/// Whether the drawn window may stay with the focus at `at` once the key's frame is over:
/// `STAY_MARGIN` rows to spare on each side that is not the list's end.
pub fn stays(drawn: (usize, usize), at: usize, len: usize) -> bool {
    room(drawn, at, len, STAY_MARGIN)
}

fn room((from, to): (usize, usize), at: usize, len: usize, margin: usize) -> bool {
    to <= len && from <= at && at < to && (from == 0 || at - from >= margin) && (to == len || to - at > margin)
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
    fn a_focus_going_back_and_forth_over_a_chunk_edge_keeps_the_window() {
        let edge = 3 * CHUNK;
        assert_ne!(window_bounds(edge - 1, 5000), window_bounds(edge, 5000), "an edge between two windows");
        for at in [edge - 1, edge, edge + 1] {
            let drawn = window_bounds(at, 5000);
            for near in at.saturating_sub(9)..at + 10 {
                assert!(stays(drawn, near, 5000), "{near} in {drawn:?}");
            }
        }
        // every window around the focus lets it stay where it is drawn
        for at in 0..5000 {
            assert!(stays(window_bounds(at, 5000), at, 5000), "{at}");
        }
        // it moves before the focus comes nearer than STAY_MARGIN to an edge that is not the end
        let drawn = (CHUNK, CHUNK + WINDOW);
        assert!(stays(drawn, drawn.1 - STAY_MARGIN - 1, 5000));
        assert!(!stays(drawn, drawn.1 - STAY_MARGIN, 5000));
        assert!(!stays(drawn, drawn.0 + STAY_MARGIN - 1, 5000));
        assert!(stays((0, WINDOW), 0, 5000) && stays((5000 - WINDOW, 5000), 4999, 5000));
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
