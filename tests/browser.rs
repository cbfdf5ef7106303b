//! Browser tests (wasm-bindgen-test in headless Chromium): the real App mounted in a page,
//! driven by key events, and what it writes to localStorage and IndexedDB.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use annotator_core::document::{ArticleInput, Document};
use annotator_core::storage;
use sentence_annotator::platform::idb::Idb;
use sentence_annotator::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

async fn sleep(ms: u32) {
    gloo::timers::future::sleep(Duration::from_millis(u64::from(ms))).await;
}

/// Waits (up to 5 s) for an element to match `selector`.
async fn wait_for(selector: &str) -> web_sys::Element {
    for _ in 0..250 {
        if let Some(el) = document().query_selector(selector).unwrap() {
            return el;
        }
        sleep(20).await;
    }
    panic!("{selector} never appeared");
}

fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().body().unwrap().dispatch_event(&ev).unwrap();
}

/// Empties both stores, then stores `docs` in IndexedDB, as an earlier session would have.
async fn fresh_profile(docs: &[Document]) {
    local().clear().unwrap();
    let db = Idb::open().await.unwrap();
    let mut writes: Vec<(String, Option<String>)> =
        db.read_all().await.unwrap().into_keys().map(|k| (k, None)).collect();
    writes.extend(docs.iter().map(|d| (storage::doc_key(&d.id), Some(storage::encode_doc(d)))));
    db.write(&writes).unwrap().finished().await.unwrap();
}

/// What IndexedDB holds now.
async fn idb_all() -> std::collections::BTreeMap<String, String> {
    Idb::open().await.unwrap().read_all().await.unwrap()
}

/// Waits (up to 5 s) until IndexedDB holds what `cond` looks for.
async fn wait_idb(what: &str, cond: impl Fn(&std::collections::BTreeMap<String, String>) -> bool) {
    for _ in 0..100 {
        if cond(&idb_all().await) {
            return;
        }
        sleep(50).await;
    }
    panic!("IndexedDB never held {what}: {:?}", idb_all().await.keys().collect::<Vec<_>>());
}

/// Stores an imported article, as an earlier session would have, and mounts the App.
async fn mount_with_article(id: &str, text: &str) -> yew::AppHandle<App> {
    let doc = Document::from_input(ArticleInput { id: Some(id.into()), text: text.into(), ..Default::default() });
    fresh_profile(&[doc]).await;
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root).render();
    wait_for(&format!("[data-sentence='{id}:0']")).await;
    handle
}

#[wasm_bindgen_test]
async fn key_press_tags_the_focused_sentence_and_saves_it() {
    let root = mount_with_article("t1", "First claim here.\n\nSecond one there.").await;
    let first = wait_for("[data-sentence='t1:0']").await;
    assert_eq!(first.get_attribute("data-labels").as_deref(), Some(""));
    assert_eq!(first.get_attribute("aria-current").as_deref(), Some("true"));

    press("1");
    sleep(100).await;
    let first = wait_for("[data-sentence='t1:0']").await;
    assert_eq!(first.get_attribute("data-labels").as_deref(), Some("claim"));
    // Auto-advance moved the focus on.
    let second = wait_for("[data-sentence='t1:1']").await;
    assert_eq!(second.get_attribute("aria-current").as_deref(), Some("true"));

    // The label is in localStorage, in the document's own shard.
    let raw = local().get_item(&storage::ann_key("t1")).unwrap().expect("shard written");
    let shard = storage::decode_ann(&raw).unwrap();
    assert_eq!(shard.s[&0].labels, ["claim"]);
    assert!(shard.s[&0].updated > 0);

    press("d"); // denial on the second sentence
    sleep(100).await;
    let raw = local().get_item(&storage::ann_key("t1")).unwrap().unwrap();
    assert_eq!(storage::decode_ann(&raw).unwrap().s[&1].labels, ["denial"]);

    // Undo removes it again, in the page and in storage.
    press("u");
    sleep(100).await;
    let second = wait_for("[data-sentence='t1:1']").await;
    assert_eq!(second.get_attribute("data-labels").as_deref(), Some(""));
    let raw = local().get_item(&storage::ann_key("t1")).unwrap().unwrap();
    assert!(storage::decode_ann(&raw).unwrap().s[&1].labels.is_empty());
    root.destroy();
}

#[wasm_bindgen_test]
async fn keys_do_not_fire_while_typing() {
    let root = mount_with_article("t2", "Only sentence.").await;
    let note = wait_for("textarea[data-action='note']").await;
    let note: web_sys::HtmlElement = note.dyn_into().unwrap();
    note.focus().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("1");
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    note.dispatch_event(&ev).unwrap();
    sleep(100).await;
    let s = wait_for("[data-sentence='t2:0']").await;
    assert_eq!(s.get_attribute("data-labels").as_deref(), Some(""));
    root.destroy();
}

#[wasm_bindgen_test]
fn local_storage_wrapper_round_trip() {
    use annotator_core::storage::KeyValue;
    use sentence_annotator::platform::storage::Local;
    local().clear().unwrap();
    let l = Local::open().unwrap();
    l.set("sa/v1/test", "value").unwrap();
    assert_eq!(l.get("sa/v1/test").as_deref(), Some("value"));
    assert_eq!(l.keys(), ["sa/v1/test"]);
    let sizes = storage::key_sizes(&storage::snapshot(&l));
    assert_eq!(sizes.values().sum::<usize>(), 2 * ("sa/v1/test".len() + "value".len()));
    l.remove("sa/v1/test").unwrap();
    assert_eq!(l.get("sa/v1/test"), None);
}

/// The IndexedDB edge: a batch of puts and deletes lands whole, reads back whole and by key.
#[wasm_bindgen_test]
async fn indexeddb_batches_land_whole_and_read_back() {
    fresh_profile(&[]).await;
    let db = Idb::open().await.unwrap();
    let put = |k: &str, v: &str| (k.to_owned(), Some(v.to_owned()));
    db.write(&[put("sa/v1/order", "[]"), put("sa/v1/hist", "{}"), put("sa/v1/gold/x", "g")])
        .unwrap()
        .finished()
        .await
        .unwrap();
    db.write(&[put("sa/v1/order", "[\"a\"]"), ("sa/v1/hist".to_owned(), None)]).unwrap().finished().await.unwrap();
    let all = db.read_all().await.unwrap();
    let want: Vec<(&str, &str)> = vec![("sa/v1/gold/x", "g"), ("sa/v1/order", "[\"a\"]")];
    assert_eq!(all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(), want);
    let some = db.read_keys(&["sa/v1/order".to_owned(), "sa/v1/hist".to_owned()]).await.unwrap();
    assert_eq!(some["sa/v1/order"].as_deref(), Some("[\"a\"]"));
    assert_eq!(some["sa/v1/hist"], None);
    fresh_profile(&[]).await;
}

/// A profile of layout 1 (an article in localStorage) is moved on first open: the article is
/// in IndexedDB, and its localStorage copy is gone only after that.
#[wasm_bindgen_test]
async fn a_layout_1_article_moves_to_indexeddb() {
    fresh_profile(&[]).await;
    let doc =
        Document::from_input(ArticleInput { id: Some("l1".into()), text: "Old one.".into(), ..Default::default() });
    local().set_item(&storage::doc_key("l1"), &storage::encode_doc(&doc)).unwrap();
    local().set_item(storage::META_KEY, "{\"layout\":1}").unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root).render();
    wait_for("[data-sentence='l1:0']").await;
    wait_idb("the moved article", |all| all.get(&storage::doc_key("l1")) == Some(&storage::encode_doc(&doc))).await;
    for _ in 0..100 {
        if local().get_item(&storage::doc_key("l1")).unwrap().is_none() {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(local().get_item(&storage::doc_key("l1")).unwrap(), None, "the localStorage copy is removed");
    let meta = local().get_item(storage::META_KEY).unwrap().unwrap();
    assert!(meta.contains(&format!("\"layout\":{}", storage::LAYOUT)), "{meta}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn help_dialog_lists_the_key_table() {
    let root = mount_with_article("t3", "One sentence.").await;
    press("?");
    let dialog = wait_for("[data-panel='help']").await;
    let rows = dialog.query_selector_all("[data-help='keys'] tbody tr").unwrap().length() as usize;
    let table = annotator_core::keys::table(&annotator_core::labels::LabelSet::default_set());
    assert_eq!(rows, table.len());
    press("Escape");
    sleep(100).await;
    assert!(document().query_selector("[data-panel='help']").unwrap().is_none());
    root.destroy();
}

#[wasm_bindgen_test]
async fn pasted_text_becomes_a_stored_document() {
    let root = mount_with_article("t4", "Existing sentence.").await;
    let toggle: web_sys::HtmlElement = wait_for("[data-action='paste-toggle']").await.dyn_into().unwrap();
    toggle.click();
    let area: web_sys::HtmlTextAreaElement = wait_for("textarea[data-action='paste-text']").await.dyn_into().unwrap();
    area.set_value("date 2024-03-05 Pasted claim here. Another one.");
    let go: web_sys::HtmlElement = wait_for("[data-action='paste-import']").await.dyn_into().unwrap();
    go.click();
    sleep(150).await;
    let items = document().query_selector_all("[data-doc]").unwrap().length();
    assert_eq!(items, 2);
    wait_idb("two articles", |all| all.keys().filter(|k| k.starts_with("sa/v1/doc/")).count() == 2).await;
    let all = idb_all().await;
    let pasted = all.keys().find(|k| k.starts_with("sa/v1/doc/") && !k.ends_with("/t4")).unwrap();
    let raw = &all[pasted];
    let stored = storage::decode_doc(raw).unwrap();
    assert!(!(0..local().length().unwrap()).any(|i| local().key(i).unwrap().unwrap().starts_with("sa/v1/doc/")));
    assert_eq!(stored.date.as_deref(), Some("2024-03-05"));
    assert!(stored.text.contains("Pasted claim here."), "{raw}");
    root.destroy();
}

#[wasm_bindgen_test]
async fn label_colours_come_from_the_label_set_and_history_is_stored_in_segments() {
    // The page's own stylesheet is where the colour rules go (the test page has none).
    let style = document().create_element("style").unwrap();
    document().head().unwrap().append_child(&style).unwrap();
    let root = mount_with_article("t9", "One claim here.\n\nTwo there.").await;
    press("1");
    sleep(100).await;
    let tag = wait_for("[data-sentence='t9:0'] .tag").await;
    let css = web_sys::window().unwrap().get_computed_style(&tag).unwrap().unwrap();
    let colour = css.get_property_value("background-color").unwrap();
    // The default label set's claim colour (#0072B2), as the browser reports it.
    assert_eq!(colour, "rgb(0, 114, 178)");

    // One change: one segment and the index (in IndexedDB); no single history key.
    let applied = |n: u32| {
        move |all: &std::collections::BTreeMap<String, String>| {
            all.get(storage::history::HISTORY_INDEX_KEY).is_some_and(|i| i.contains(&format!("\"applied\":{n}")))
        }
    };
    wait_idb("the history index after a label", applied(1)).await;
    assert!(idb_all().await.contains_key(&storage::history::segment_key(0)));
    assert!(local().get_item(storage::history::OLD_HISTORY_KEY).unwrap().is_none());
    assert!(local().get_item(storage::history::HISTORY_INDEX_KEY).unwrap().is_none(), "not in localStorage");
    press("u");
    wait_idb("the history index after undo", applied(0)).await;
    root.destroy();
    style.remove();
}

/// What waits for the paint (ui/later.rs): the latest job of each kind, in slot order, once;
/// at once when asked (a page being hidden or left), else after the next frame.
#[wasm_bindgen_test]
async fn after_paint_runs_the_latest_job_of_each_kind_once() {
    use sentence_annotator::ui::later::{AfterPaint, Slot};
    use std::cell::RefCell;
    use std::rc::Rc;
    assert!(!document().hidden(), "a visible page (a hidden one runs each job at once)");
    let log = Rc::new(RefCell::new(Vec::<&str>::new()));
    let job = |name: &'static str| {
        let log = log.clone();
        move || log.borrow_mut().push(name)
    };
    let later = AfterPaint::default();
    later.set(Slot::Panels, job("panels"));
    later.set(Slot::Save, job("old save"));
    later.set(Slot::Save, job("save"));
    assert!(log.borrow().is_empty(), "nothing runs before the paint");
    later.run();
    assert_eq!(*log.borrow(), ["save", "panels"], "the latest of each, saving first");
    later.run();
    sleep(100).await;
    assert_eq!(log.borrow().len(), 2, "run once: the frame that was asked for finds nothing");

    later.set(Slot::Save, job("after the frame"));
    assert_eq!(log.borrow().len(), 2);
    sleep(200).await;
    assert_eq!(log.borrow().last(), Some(&"after the frame"));
}

/// A frame that does not come (WebKit paints none for a second or more while it loads, and a
/// page can be left meanwhile) does not hold back what waits for it: a timer runs the jobs,
/// once; a frame that comes in time runs them and the timer finds nothing.
#[wasm_bindgen_test]
async fn jobs_waiting_for_a_frame_that_never_comes_run_anyway_once() {
    use sentence_annotator::ui::later::next_frame;
    use std::cell::RefCell;
    use std::rc::Rc;
    let window: wasm_bindgen::JsValue = gloo::utils::window().into();
    let raf = wasm_bindgen::JsValue::from_str("requestAnimationFrame");
    let never = js_sys::Function::new_no_args("return 1;");
    js_sys::Reflect::set(&window, &raf, &never).unwrap();
    let log = Rc::new(RefCell::new(0u32));
    let bump = {
        let log = log.clone();
        move || *log.borrow_mut() += 1
    };
    next_frame(bump.clone());
    sleep(60).await;
    let early = *log.borrow();
    sleep(400).await;
    let late = *log.borrow();
    js_sys::Reflect::delete_property(wasm_bindgen::JsCast::unchecked_ref::<js_sys::Object>(&window), &raf).unwrap();
    assert_eq!(early, 0, "the frame is waited for a while first");
    assert_eq!(late, 1, "then the jobs run without it");

    next_frame(bump);
    sleep(400).await;
    assert_eq!(*log.borrow(), 2, "with frames: run once, by the frame or the timer");
}

/// The repaint after a pause of the keys (ui/later.rs): each poke moves the deadline, and
/// only the last poke's job runs, once.
#[wasm_bindgen_test]
async fn pause_runs_the_last_job_once_the_pokes_stop() {
    use sentence_annotator::ui::later::Pause;
    use std::cell::RefCell;
    use std::rc::Rc;
    let log = Rc::new(RefCell::new(Vec::<u32>::new()));
    let pause = Pause::new(150);
    for n in 1..=3 {
        let log = log.clone();
        pause.poke(move || log.borrow_mut().push(n));
        sleep(80).await;
    }
    assert!(log.borrow().is_empty(), "pokes 80 ms apart: the keys have not paused for 150 ms");
    sleep(250).await;
    assert_eq!(*log.borrow(), [3]);
    sleep(200).await;
    assert_eq!(*log.borrow(), [3], "once");
}

/// Lets the renders a key press queued (Yew renders in a microtask) run, but no frame.
async fn microtasks() {
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL)).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_key_that_opens_another_document_draws_its_head_in_the_same_frame() {
    let texts = [("hd-a", "Alpha headline\n\nAlpha one. Alpha two."), ("hd-b", "Beta headline\n\nBeta one. Beta two.")];
    let mut titles = std::collections::HashMap::new();
    let mut docs = Vec::new();
    for (id, text) in texts {
        let doc = Document::from_input(ArticleInput { id: Some(id.into()), text: text.into(), ..Default::default() });
        titles.insert(id.to_owned(), doc.title.clone());
        docs.push(doc);
    }
    fresh_profile(&docs).await;
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root).render();
    let first = wait_for("article[data-open-doc]").await.get_attribute("data-open-doc").unwrap();
    sleep(100).await;
    // "0" (none applies) on every sentence: auto-advance walks on, and after the last one
    // of the first document it opens the other. After each press, before any frame, the head
    // shows the document whose rows are drawn.
    let mut opened = first.clone();
    for _ in 0..8 {
        press("0");
        microtasks().await;
        let open = document().query_selector("article[data-open-doc]").unwrap().unwrap();
        let open = open.get_attribute("data-open-doc").unwrap();
        let title = document().query_selector("#article-title").unwrap().unwrap().text_content().unwrap_or_default();
        assert_eq!(Some(&title), titles.get(&open), "the head's title belongs to the drawn document {open}");
        opened = open;
        sleep(50).await;
    }
    assert_ne!(opened, first, "the keys went on to the other document");
    handle.destroy();
}

/// The rows marked as the focused sentence, and the rows that are the article's tab stop.
fn current_and_tab_stops() -> (Vec<String>, Vec<String>) {
    let keys = |selector: &str| {
        let list = document().query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .filter_map(|e| e.get_attribute("data-sentence"))
            .collect::<Vec<_>>()
    };
    (keys("[data-sentence][aria-current='true']"), keys("[data-sentence][tabindex='0']"))
}

#[wasm_bindgen_test]
async fn one_row_is_the_focused_sentence_and_the_tab_stop_after_each_key() {
    let root = mount_with_article("cr", "One here. Two there. Three now. Four then.").await;
    sleep(100).await;
    assert_eq!(current_and_tab_stops(), (vec!["cr:0".to_owned()], vec!["cr:0".to_owned()]));
    // A move: the row is marked in the key's render, before any frame; the tab stop follows
    // once the frame has painted.
    press("j");
    microtasks().await;
    assert_eq!(current_and_tab_stops().0, ["cr:1"], "marked before the frame");
    sleep(100).await;
    assert_eq!(current_and_tab_stops(), (vec!["cr:1".to_owned()], vec!["cr:1".to_owned()]));
    // A label that advances, and two keys before a frame: the last one's row keeps both.
    press("1");
    press("j");
    microtasks().await;
    sleep(100).await;
    assert_eq!(current_and_tab_stops(), (vec!["cr:3".to_owned()], vec!["cr:3".to_owned()]));
    let labelled = wait_for("[data-sentence='cr:1']").await;
    assert_eq!(labelled.get_attribute("data-labels").as_deref(), Some("claim"));
    // The keyboard focus is on the marked row.
    let active = document().active_element().and_then(|e| e.get_attribute("data-sentence"));
    assert_eq!(active.as_deref(), Some("cr:3"));
    root.destroy();
}
