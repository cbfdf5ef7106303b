//! Work a key press must not wait for (docs/ARCHITECTURE.md, A key press): the frame that shows
//! the change comes first, then what only has to happen soon (saving), and what waits until the
//! keys pause (repainting far-off suggestions). Each helper is armed at most once per burst of
//! key presses, so a press costs a time stamp, not a new JavaScript closure and timer.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

type Job = Box<dyn FnOnce()>;

thread_local! {
    /// The jobs waiting for the next animation frame, and the one callback that runs them:
    /// a key press that asks for the frame twice (scrolling the focus into view, then the
    /// saver's wait for the paint) makes no closure and asks the browser once.
    static FRAME: RefCell<Vec<Job>> = const { RefCell::new(Vec::new()) };
    static FRAME_CALLBACK: Closure<dyn FnMut()> = Closure::new(run_frame);
    /// The timer that runs the jobs when the frame is late (`FRAME_LATE_MS`), while armed.
    static FALLBACK: std::cell::Cell<Option<i32>> = const { std::cell::Cell::new(None) };
}

/// How long the jobs wait for a frame before they run without one. A visible page can go
/// without frames for a second or more (WebKit while it loads or when its window is covered)
/// and still be closed or reloaded then: saving must not wait for a frame that late, or the
/// writes start as the page is left and IndexedDB aborts them.
const FRAME_LATE_MS: i32 = 150;

fn run_frame() {
    if let Some(handle) = FALLBACK.with(|f| f.take()) {
        gloo::utils::window().clear_timeout_with_handle(handle);
    }
    let jobs = FRAME.with(|q| std::mem::take(&mut *q.borrow_mut()));
    for job in jobs {
        job();
    }
}

/// Runs `f` in the next animation frame, once (or `FRAME_LATE_MS` later without one).
pub fn next_frame(f: impl FnOnce() + 'static) {
    let first = FRAME.with(|q| {
        let mut q = q.borrow_mut();
        q.push(Box::new(f));
        q.len() == 1
    });
    if first {
        let window = gloo::utils::window();
        let asked = FRAME_CALLBACK.with(|c| {
            let callback = c.as_ref().unchecked_ref();
            let asked = window.request_animation_frame(callback).is_ok();
            // Whichever comes first runs the jobs: the frame, or this timer (no frames to wait
            // for, or a frame too late). The same callback serves both; the frame clears the timer.
            let late = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(callback, if asked { FRAME_LATE_MS } else { 0 })
                .ok();
            FALLBACK.with(|f| f.set(late));
            asked || late.is_some()
        });
        if !asked {
            // Neither could be armed: the jobs run in a task of their own rather than never
            // (not inside the caller, which may be a render).
            Timeout::new(0, run_frame).forget();
        }
    }
}

/// Runs `f` once the next frame has painted (an animation frame, then a task): the page
/// shows the change first, and the layout is clean then, so measuring it forces nothing.
pub fn after_paint(f: impl FnOnce() + 'static) {
    next_frame(move || {
        Timeout::new(0, f).forget();
    });
}

/// What waits for the paint, one job of each kind (`AfterPaint::set`), run in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Writing the latest state to storage.
    Save = 0,
    /// Bringing the panels' copy of the state up to date (app.rs).
    Panels = 1,
}

/// The jobs to run once the page has painted, the latest of each kind: an older one it
/// replaces is dropped (the latest state holds every change of the older ones). One frame
/// callback and one task serve them all.
#[derive(Clone, Default)]
pub struct AfterPaint(Rc<RefCell<[Option<Job>; 2]>>);

impl AfterPaint {
    /// Runs `job` after the next frame (a task after it), or at once when the page is hidden
    /// (a hidden page has no frames; a page hidden while a job waits calls `run`, see the
    /// App's `visibilitychange` listener). Replaces the slot's job still waiting.
    pub fn set(&self, slot: Slot, job: impl FnOnce() + 'static) {
        let waiting = {
            let mut jobs = self.0.borrow_mut();
            let waiting = jobs.iter().any(Option::is_some);
            jobs[slot as usize] = Some(Box::new(job));
            waiting
        };
        if waiting {
            return;
        }
        if gloo::utils::document().hidden() {
            self.run();
            return;
        }
        let this = self.clone();
        after_paint(move || this.run());
    }

    /// Runs the waiting jobs now (also when the page is being hidden or left).
    pub fn run(&self) {
        let jobs = std::mem::take(&mut *self.0.borrow_mut());
        for job in jobs.into_iter().flatten() {
            job();
        }
    }
}

/// Calls its job once the keys have paused for `ms`: each `poke` moves the deadline, and the
/// one timer re-arms itself for the rest of the pause instead of being made again per press.
#[derive(Clone)]
pub struct Pause(Rc<RefCell<PauseInner>>);

struct PauseInner {
    ms: u32,
    last: f64,
    armed: bool,
    job: Option<Job>,
}

impl Pause {
    pub fn new(ms: u32) -> Pause {
        Pause(Rc::new(RefCell::new(PauseInner { ms, last: 0.0, armed: false, job: None })))
    }

    /// `job` runs `ms` after the last poke (replacing a job still waiting).
    pub fn poke(&self, job: impl FnOnce() + 'static) {
        let arm = {
            let mut p = self.0.borrow_mut();
            p.last = js_sys::Date::now();
            p.job = Some(Box::new(job));
            !std::mem::replace(&mut p.armed, true)
        };
        if arm {
            let ms = self.0.borrow().ms;
            self.arm(ms);
        }
    }

    fn arm(&self, ms: u32) {
        let this = self.clone();
        Timeout::new(ms, move || this.fire()).forget();
    }

    fn fire(&self) {
        let (rest, job) = {
            let mut p = self.0.borrow_mut();
            let waited = js_sys::Date::now() - p.last;
            if waited + 1.0 < f64::from(p.ms) {
                (Some((f64::from(p.ms) - waited).ceil() as u32), None)
            } else {
                p.armed = false;
                (None, p.job.take())
            }
        };
        match (rest, job) {
            (Some(ms), _) => self.arm(ms),
            (None, Some(job)) => job(),
            (None, None) => {}
        }
    }
}
