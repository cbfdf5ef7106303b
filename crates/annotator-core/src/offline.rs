//! Offline use and storage durability as plain data (docs/ARCHITECTURE.md, Offline use): what
//! the page learnt about its service worker and about the browser's promise to keep
//! localStorage. The browser calls are in `platform::offline`, the words in `view::words`; this
//! module is the shared vocabulary, so the wording can be pinned by native tests.

/// Whether the service worker (static/sw.js) serves the page's files when there is no network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OfflineStatus {
    /// Registration has not finished yet.
    Starting,
    /// A worker is active: after this visit the page opens without network.
    Ready,
    /// The browser offers no service worker here.
    Unavailable(Unavailable),
    /// Registration was refused; the browser's message.
    Failed(String),
}

/// Why the browser offers no service worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// Not a secure context (plain http:// other than localhost): browsers allow workers only
    /// over https, or on 127.0.0.1 / localhost.
    NotSecure,
    /// The browser has no `navigator.serviceWorker` (too old, or disabled, e.g. in some private
    /// windows).
    NoServiceWorker,
}

/// Whether the browser promised to keep the page's storage (`navigator.storage.persist()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PersistStatus {
    /// Not asked yet.
    Asking,
    /// Storage is persistent: the browser clears it only when the person says so.
    Granted,
    /// "Best effort": the browser may clear it under storage pressure (or, Safari, after 7 days
    /// without a visit).
    Denied,
    /// The browser has no StorageManager (`navigator.storage`), or the call failed.
    Unsupported,
}

impl PersistStatus {
    /// The value of the page's `data-storage-persist` hook.
    pub fn hook(&self) -> &'static str {
        match self {
            PersistStatus::Asking => "asking",
            PersistStatus::Granted => "granted",
            PersistStatus::Denied => "denied",
            PersistStatus::Unsupported => "unsupported",
        }
    }
}

impl OfflineStatus {
    /// The value of the page's `data-offline` hook.
    pub fn hook(&self) -> &'static str {
        match self {
            OfflineStatus::Starting => "starting",
            OfflineStatus::Ready => "ready",
            OfflineStatus::Unavailable(_) => "unavailable",
            OfflineStatus::Failed(_) => "error",
        }
    }
}

/// Whether a user agent string is WebKit's without being Chromium's: Safari on macOS, and every
/// browser on iPhone and iPad (all of them are WebKit there, whatever their name). WebKit deletes
/// all script-writable storage of a site (localStorage included) after 7 days of use of the
/// browser without a visit to it, unless the page was added to the home screen.
pub fn deletes_after_seven_days(user_agent: &str) -> bool {
    let ua = user_agent;
    let webkit = ua.contains("AppleWebKit/");
    let apple = ua.contains("Macintosh") || ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod");
    let ios_browser = ua.contains("CriOS/") || ua.contains("FxiOS/") || ua.contains("EdgiOS/");
    let blink = ua.contains("Chrome/") || ua.contains("Chromium/") || ua.contains("Edg/") || ua.contains("OPR/");
    webkit && apple && (ios_browser || !blink) && !ua.contains("Android")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_day_rule_is_webkit_on_apple() {
        let safari_mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
        let safari_ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        let chrome_ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1";
        let chrome_mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36";
        let chrome_linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/123.0.0.0 Safari/537.36";
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36";
        assert!(deletes_after_seven_days(safari_mac));
        assert!(deletes_after_seven_days(safari_ios));
        assert!(deletes_after_seven_days(chrome_ios));
        assert!(!deletes_after_seven_days(chrome_mac));
        assert!(!deletes_after_seven_days(chrome_linux));
        assert!(!deletes_after_seven_days(firefox));
        assert!(!deletes_after_seven_days(android));
        assert!(!deletes_after_seven_days(""));
    }

    #[test]
    fn hooks() {
        assert_eq!(PersistStatus::Granted.hook(), "granted");
        assert_eq!(PersistStatus::Denied.hook(), "denied");
        assert_eq!(PersistStatus::Unsupported.hook(), "unsupported");
        assert_eq!(OfflineStatus::Ready.hook(), "ready");
        assert_eq!(OfflineStatus::Failed("x".into()).hook(), "error");
        assert_eq!(OfflineStatus::Unavailable(Unavailable::NotSecure).hook(), "unavailable");
    }
}
