//! Label colours into the page: the rules made by `core::palette` are appended to the
//! page's own stylesheet through the CSSOM (the CSP forbids inline style, not this).

use wasm_bindgen::JsCast;

use super::{js_error, window};

/// Appends `rules` to the first same-origin stylesheet of the page.
pub fn apply(rules: &[String]) -> Result<(), String> {
    let document = window()?.document().ok_or("no document")?;
    let sheets = document.style_sheets();
    let sheet = (0..sheets.length())
        .filter_map(|i| sheets.get(i))
        .filter_map(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
        .find(|s| s.css_rules().is_ok())
        .ok_or("the page's stylesheet is not loaded")?;
    for rule in rules {
        let at = sheet.css_rules().map_err(|e| js_error(&e))?.length();
        sheet.insert_rule_with_index(rule, at).map_err(|e| format!("label colours: {}", js_error(&e)))?;
    }
    Ok(())
}
