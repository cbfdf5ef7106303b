//! Time from the browser: epoch milliseconds, UTC timestamps, local date for file names.

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// RFC 3339 UTC, seconds precision: "2026-11-21T10:00:00Z".
pub fn utc_rfc3339() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.get_utc_full_year(),
        d.get_utc_month() + 1,
        d.get_utc_date(),
        d.get_utc_hours(),
        d.get_utc_minutes(),
        d.get_utc_seconds()
    )
}

/// Local (year, month, day, hour, minute, second), for export file names.
pub fn local_parts() -> [u32; 6] {
    let d = js_sys::Date::new_0();
    [d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes(), d.get_seconds()]
}
