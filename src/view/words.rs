//! The sentences the page shows for what the core reports as data: import and export
//! refusals, import warnings, refused label sets, the sync's and the offline worker's state. The core says what went wrong and where; the words are the
//! page's, here in one place (the end-to-end tests read some of them: the file's name, the
//! 20 MB limit, "newer"). Plain Rust over core types, so the native tests include this file
//! (tests/native/words.rs) and pin the sentences.

use annotator_core::export::{ExportError, JsonError, JsonProblem, SentenceProblem, TableError, FORMAT, VERSION};
use annotator_core::import::{
    BinaryKind, FormatField, ImportError, ImportErrorKind, ImportWarning, JsonType, Place, WarningKind, PASTED,
};
use annotator_core::keys;
use annotator_core::labels::{LabelError, LabelSet, MAX_LABELS};
use annotator_core::session::Filter;

/// An annotation in words: "claim, denial, unsure" ("no label" when it has none), with
/// its note when asked.
pub fn annotation(a: &annotator_core::annotations::Annotation, with_note: bool) -> String {
    let mut s = if a.none {
        "none of the labels".to_owned()
    } else if a.labels.is_empty() {
        "no label".to_owned()
    } else {
        a.labels.join(", ")
    };
    if a.unsure {
        s.push_str(", unsure");
    }
    if with_note && !a.note.is_empty() {
        s.push_str(&format!(", note “{}”", a.note));
    }
    s
}

/// What the page tells the person after an action of the screen's own (split mode, the
/// filter prefix) or one whose words are not the session's event's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note<'a> {
    SplitLeft,
    SplitMode {
        gaps: usize,
    },
    NothingToSplit,
    FilterPrefix,
    Showing(&'a Filter),
    NoSuchFilter,
    DocumentRemoved(&'a str),
    LayerRemoved(&'a str),
    BoundariesAdopted {
        name: &'a str,
        dropped: &'a [String],
    },
    LabelsRestored {
        source: &'a str,
        count: usize,
    },
    /// A key pressed while a panel covers the article: the panel's name in words.
    PanelHoldsKeys(&'a str),
    /// A split of a decided sentence: its decision stays on the first part (`labels`: its
    /// labels in words, or "none"), the second part (sentence `index + 2`) is undecided.
    SplitKept {
        index: usize,
        labels: &'a str,
    },
}

/// A [`Note`] in words.
pub fn note(n: &Note) -> String {
    match n {
        Note::SplitLeft => "Split mode left".into(),
        Note::SplitMode { gaps } => {
            format!("Split mode: {gaps} gaps; left and right arrows choose, Enter splits, Escape leaves")
        }
        Note::NothingToSplit => "This sentence is one word: there is nothing to split".into(),
        Note::FilterPrefix => format!("Filter: {}", keys::filter_keys_help()),
        Note::Showing(f) => format!("Showing: {}", f.name()),
        Note::NoSuchFilter => "No filter has that key: all sentences as before".into(),
        Note::DocumentRemoved(title) => format!("“{title}” removed."),
        Note::LayerRemoved(name) => format!("{name}'s annotations removed."),
        Note::BoundariesAdopted { name, dropped } => {
            let names = dropped.iter().map(|l| format!("“{l}”")).collect::<Vec<_>>().join(", ");
            format!(
                "{name}'s boundaries adopted; one label per sentence, so {names} was dropped (Ctrl+Z brings it back)."
            )
        }
        Note::LabelsRestored { source, count } => {
            format!("{source}: its label set ({count} labels) and guidelines restored.")
        }
        Note::PanelHoldsKeys(panel) => format!("The {panel} is open: Escape closes it, then the keys act again"),
        Note::SplitKept { index, labels } => format!(
            "Split: sentence {} keeps “{labels}”; the second part, sentence {}, is undecided.",
            index + 1,
            index + 2
        ),
    }
}

/// `part` of `whole` in whole percent, rounded once: every figure of the page that shows
/// this share shows the same number (0 when `whole` is 0).
pub fn percent(part: usize, whole: usize) -> usize {
    if whole == 0 {
        0
    } else {
        (part * 200 + whole) / (2 * whole)
    }
}

/// A share (0 to 1) in whole percent, rounded as [`percent`] rounds (halves up; the share
/// of 7 in 40, 0.175 as an f32, is a hair under it and still says 18).
pub fn share_percent(share: f32) -> usize {
    (f64::from(share.clamp(0.0, 1.0)) * 100.0 + 1e-4).round() as usize
}

/// A name cut to `max` characters (the last one an ellipsis) for a heading or a chart's
/// caption; the whole name goes in its title.
pub fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        let mut s: String = name.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The source named for articles another tab imported.
pub const OTHER_TAB: &str = "another tab";

/// The message after an import of articles: how many were added, how many were there already.
pub fn articles_added(source: &str, added: usize, kept: usize) -> String {
    let mut text = format!("{source}: {added} article(s) added");
    if kept > 0 {
        text.push_str(&format!(", {kept} already present (kept with their labels)"));
    }
    text + "."
}

/// Several imports of articles in a row, said as one message: "3 files imported: 5
/// article(s) added."
pub fn files_imported(files: usize, added: usize, kept: usize) -> String {
    articles_added(&format!("{files} files imported"), added, kept)
}

/// Articles of an import that a full store could not take, by file: "big.jsonl (300
/// articles) could not be stored: …". They stay listed in this tab; nothing stored before is
/// lost.
pub fn articles_not_stored(files: &[(String, usize)]) -> String {
    let named: Vec<String> = files
        .iter()
        .map(|(file, n)| {
            let file = if file.is_empty() { "an import" } else { file.as_str() };
            format!("{file} ({n} article{})", if *n == 1 { "" } else { "s" })
        })
        .collect();
    format!(
        "{} could not be stored: the browser's storage for this page is full. The articles stay in this tab \
         until it is closed and saving is retried with your next change; nothing stored before is lost. Free \
         space (remove documents) or export your work.",
        named.join(", ")
    )
}

/// The same message shown again, counted instead of repeated.
pub fn repeated(text: &str, times: u32) -> String {
    if times > 1 {
        format!("{text} (×{times})")
    } else {
        text.to_owned()
    }
}

/// A refused label file or label set: what is wrong, and for a key the table holds, what
/// that key does already ("key \"s\" is not a free single key: s splits the sentence…").
pub fn label_error(e: &LabelError) -> String {
    match e {
        LabelError::NotValid(why) => format!("label file is not valid: {why}"),
        LabelError::NoLabels => "label file defines no labels".into(),
        LabelError::TooMany(n) => format!("{n} labels; a label set holds at most {MAX_LABELS}"),
        LabelError::BadName(name) => format!("label name {name:?} must be 1-40 letters, digits, '-' or '_'"),
        LabelError::Twice(name) => format!("label {name:?} is defined twice"),
        LabelError::KeyNotFree { label, key } => {
            let taken = keys::table(&LabelSet::default()).into_iter().find(|b| b.keys().iter().any(|k| k == key));
            match taken {
                Some(b) => {
                    format!("label {label:?}: key {key:?} is not a free single key ({key} is “{}”)", b.description)
                }
                None => format!("label {label:?}: key {key:?} is not a free single key"),
            }
        }
        LabelError::KeyTwice(key) => format!("key {key:?} is used by two labels"),
        LabelError::BadColour { label, colour } => format!("label {label:?}: colour {colour:?} is not #rrggbb"),
    }
}

/// A refused file (or paste), in one sentence that names it.
pub fn import_error(e: &ImportError) -> String {
    use ImportErrorKind as K;
    let name = &e.file;
    // "name, item 3": the place of an item, when the error is about one.
    let at = match e.place {
        Some(p) => format!("{name}, {}", place(p)),
        None => name.clone(),
    };
    match &e.kind {
        K::TooLarge { bytes, limit } => {
            // Tenths of a megabyte in integers: float formatting would add 11 KB to the page.
            let tenths = (*bytes * 10 + 512 * 1024) / (1024 * 1024);
            let mb = format!("{}.{}", tenths / 10, tenths % 10);
            format!("{name} is too large ({mb} MB); files up to {} MB can be read", limit / (1024 * 1024))
        }
        K::Binary(kind) => format!("{name} looks like {}, not text", binary(*kind)),
        K::Utf32 => format!("{name} is in UTF-32, which is not supported: save it as UTF-8"),
        K::Utf16WithoutBom => format!("{name} looks like UTF-16 text without a byte order mark: save it as UTF-8"),
        K::NulBytes => format!("{name} looks like a binary file, not text (it contains NUL bytes)"),
        K::NulCharacters if name == PASTED => format!("the {PASTED} contains NUL characters: it is not text"),
        K::NulCharacters => format!("{name} looks like a binary file, not text (it contains NUL characters)"),
        K::BadUtf8 { byte } => format!(
            "{name}: not valid UTF-8 at byte {byte} (is it in another encoding, such as Windows-1252? Save it as UTF-8)"
        ),
        K::Utf16OddLength => format!("{name}: UTF-16 text with an odd number of bytes (the file is cut short)"),
        K::Utf16LoneSurrogate { byte } => format!("{name}: not valid UTF-16 (a lone surrogate at byte {byte})"),
        K::Empty => format!("{name} is empty"),
        K::OnlyWhitespace => format!("{name} has no text (only white space)"),
        K::NotJson => format!("{name} is not JSON: it should hold an array of articles, JSON Lines or an export"),
        // A JSON Lines line is named once: its own line and column are left out.
        K::BadJson(j) if matches!(e.place, Some(Place::Line(_))) => {
            format!("{at}: not valid JSON: {}", json(&JsonError { line: 0, ..j.clone() }))
        }
        K::BadJson(j) => format!("{at}: not valid JSON: {}", json(j)),
        K::NotAnObject { .. } if e.place.is_none() => format!("{name}: not a JSON object"),
        K::NotAnObject { found } => format!("{at}: expected an object with \"text\", found {}", json_type(*found)),
        K::TextMissing => format!("{at}: \"text\" is missing"),
        K::NotAString { field, found } => format!("{at}: {field:?} must be a string, not {}", json_type(*found)),
        K::EmptyList => format!("{name} holds no articles (an empty list)"),
        K::NoArticles => format!("{name} has no article with text"),
        K::WrongFormat(f) => {
            let found = match f {
                FormatField::Text(s) => format!("{s:?}"),
                FormatField::Other(t) => json_type(*t).to_owned(),
            };
            format!("{name} is not a Sentence Annotator export (its \"format\" is {found})")
        }
        K::NeitherArticleNorExport => {
            format!("{name} is a JSON object without \"text\" or \"format\": neither an article nor an export")
        }
        K::Export(x) => format!("{name}: {}", export_error(x)),
        K::UnclosedQuote => format!("{at}: a quoted field is never closed"),
        K::NoTextField { fields, columns } => {
            format!("{at}: no \"text\" field (the row has {fields} fields, the header {columns})")
        }
        K::BadViewRow(why) => format!("{at}: not a line of this page's JSONL or CSV export ({why})"),
        K::EmptyView => format!("{name} is a JSONL or CSV export of this page without a sentence"),
        K::NoTextColumn { columns } => format!(
            "{name} has no \"text\" column (its columns: {}); name the column that holds the articles \"text\"",
            columns.join(", ")
        ),
    }
}

/// Something skipped while reading a file, in one sentence that names it.
pub fn import_warning(w: &ImportWarning) -> String {
    let name = &w.file;
    let here = w.place.map(place).unwrap_or_default();
    match &w.kind {
        WarningKind::EmptyText => format!("{name}, {here}: empty \"text\", skipped"),
        WarningKind::DuplicateId { id, first } => {
            format!("{name}: id {id:?} of {here} is already used by {}; kept the first, skipped {here}", place(*first))
        }
        WarningKind::ReadAsText(why) => {
            let why = ImportError { file: name.clone(), place: w.place, kind: why.clone() };
            format!("{}; read as plain text instead", import_error(&why))
        }
        WarningKind::BadLine(why) => {
            // The same words as a refusal of that line, then what happened to it.
            let e = ImportError { file: name.clone(), place: w.place, kind: why.clone() };
            format!("{}; skipped", import_error(&e))
        }
        WarningKind::KeptLines { kept, total } => format!("{name}: {kept} of {total} lines imported"),
        WarningKind::More(n) => format!("… and {n} more warnings"),
    }
}

/// A refused export (the file's name is the caller's to add).
pub fn export_error(e: &ExportError) -> String {
    match e {
        ExportError::NotJson(j) => format!("not a valid JSON export: {}", json(j)),
        ExportError::NoFormat => format!("not a Sentence Annotator export (no \"format\": {FORMAT:?})"),
        ExportError::WrongFormat(f) => format!("not a Sentence Annotator export (its format is {f:?})"),
        ExportError::NoVersion => "the export has no \"version\"".to_owned(),
        ExportError::NewerVersion(v) => format!(
            "this export was made by a newer Sentence Annotator (version {v}); this page reads version {VERSION}"
        ),
        ExportError::UnknownVersion(v) => format!("unknown export version {v}; this page reads version {VERSION}"),
        ExportError::Damaged(j) => format!("the export is damaged: {}", json(j)),
        ExportError::EmptyId { position } => format!("document {position} of the export has an empty id"),
        ExportError::DuplicateId(id) => format!("document {id:?} appears twice in the export"),
        ExportError::Sentence { doc, index, problem } => {
            let at = format!("document {doc:?}, sentence {index}");
            match problem {
                SentenceProblem::IndexNotIncreasing { after } => {
                    format!("{at}: sentence indices must increase (after {after})")
                }
                SentenceProblem::OutsideText { start, end, chars } => {
                    format!("{at}: offsets {start}..{end} do not fit in the text ({chars} characters)")
                }
                SentenceProblem::Overlaps => format!("{at}: overlaps the sentence before it"),
                SentenceProblem::TextMismatch { start, end } => {
                    format!("{at}: the text at {start}..{end} is not the sentence's text")
                }
                SentenceProblem::UnknownLabel(l) => format!("{at}: label {l:?} is not in the export's label list"),
                SentenceProblem::RepeatedLabel(l) => format!("{at}: label {l:?} is given twice"),
            }
        }
    }
}

/// A JSONL or CSV export of the page that could not be put back (the file's name is the
/// caller's to add).
pub fn view_error(e: &TableError) -> String {
    match e {
        TableError::MissingDocuments { count, first } => {
            let ids = first.iter().map(|i| format!("{i:?}")).collect::<Vec<_>>().join(", ");
            let more = if *count > first.len() { format!(" and {} more", count - first.len()) } else { String::new() };
            format!(
                "not imported: it annotates {count} document{} this page does not have ({ids}{more}). A JSONL or CSV \
                 export holds sentences, not whole articles: import the articles (or the JSON export) first, then this file",
                if *count == 1 { "" } else { "s" }
            )
        }
        TableError::SeveralAnnotators(names) => format!(
            "not imported: it holds the work of several annotators ({}); import each annotator's own export",
            names.join(", ")
        ),
        TableError::Mismatch(x) => format!(
            "not imported: its sentences do not fit this page's text of the article ({}); was the article changed?",
            export_error(x)
        ),
    }
}

/// What an export downloaded: its files, and for a CSV how many of its cells start like a
/// spreadsheet formula (the CSV keeps every cell exact, so the person is told instead).
/// The sync's catch-up under way (a first pull of a team's work).
pub fn catching_up(pulled: u64, waiting: Option<u64>) -> String {
    let more = match waiting {
        Some(w) => format!("{} more waiting on the server", grouped(w)),
        None => "more coming".to_owned(),
    };
    format!("Catching up: {} changes pulled, {more}.", grouped(pulled))
}

/// `n` with a comma between groups of three digits (4,200).
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A file dropped while the open article is shown first and the rest of the corpus is read.
pub fn still_loading() -> String {
    "The stored articles are still being read: drop the file again in a moment (nothing was imported).".to_owned()
}

/// A second export asked for while one is being written.
pub fn export_running() -> String {
    "An export is being written (its progress is in the toolbar): the next one can start when it ends.".to_owned()
}

pub fn exported(names: &[String], formula_cells: usize) -> String {
    let mut text = format!("Exported {}.", names.join(" and "));
    if names.len() > 1 {
        text.push_str(" If the browser asks, allow this page to download several files.");
    }
    if formula_cells > 0 {
        text.push_str(&format!(
            " {formula_cells} cell{} of the CSV start{} with =, +, - or @, which a spreadsheet may run as a formula: \
             the CSV keeps the text exact, so open it in a spreadsheet by importing it with every column as Text.",
            if formula_cells == 1 { "" } else { "s" },
            if formula_cells == 1 { "s" } else { "" },
        ));
    }
    text
}

/// "item 3", "line 7", "row 4" (counted from 1), "the object".
fn place(p: Place) -> String {
    match p {
        Place::Item(n) => format!("item {n}"),
        Place::Line(n) => format!("line {n}"),
        Place::Row(n) => format!("row {n}"),
        Place::Object => "the object".to_owned(),
    }
}

/// A JSON error in plain words, with its line and column.
fn json(e: &JsonError) -> String {
    let msg = match &e.problem {
        JsonProblem::TooDeep => "nested too deeply".to_owned(),
        JsonProblem::BadEscape(m) => format!("{m}: a \\u escape that is not a character (a lone surrogate?)"),
        JsonProblem::Other(m) => m.clone(),
    };
    if e.line > 0 {
        format!("{msg} (line {}, column {})", e.line, e.column)
    } else {
        msg
    }
}

fn json_type(t: JsonType) -> &'static str {
    match t {
        JsonType::Null => "null",
        JsonType::Bool => "true or false",
        JsonType::Number => "a number",
        JsonType::String => "a string",
        JsonType::Array => "a list",
        JsonType::Object => "an object",
    }
}

fn binary(kind: BinaryKind) -> &'static str {
    use BinaryKind as B;
    match kind {
        B::Pdf => "a PDF file",
        B::ZipOrOffice => "a ZIP archive (or a Word, Excel or OpenDocument file)",
        B::Zip => "a ZIP archive",
        B::Png => "a PNG image",
        B::Jpeg => "a JPEG image",
        B::Gif => "a GIF image",
        B::Gzip => "a gzip archive",
        B::WebAssembly => "a WebAssembly module",
        B::Elf => "an ELF executable",
        B::OldOffice => "an old Microsoft Office file (.doc, .xls)",
        B::SevenZip => "a 7-Zip archive",
        B::Rar => "a RAR archive",
        B::Xz => "an xz archive",
        B::Zstd => "a zstd archive",
        B::Ogg => "an Ogg media file",
        B::Flac => "a FLAC audio file",
        B::Sqlite => "an SQLite database",
        B::JavaOrMacOs => "a Java class or macOS executable",
        B::MacOs => "a macOS executable",
        B::Tiff => "a TIFF image",
        B::WebFont => "a web font",
        B::Rtf => "a Rich Text (RTF) document: save it as plain text",
        B::Bzip2 => "a bzip2 archive",
        B::WebP => "a WebP image",
        B::Wav => "a WAV audio file",
        B::Avi => "an AVI video",
        B::Mp4 => "an MP4, QuickTime or HEIC media file",
        B::Mp3 => "an MP3 audio file",
        B::WindowsExe => "a Windows executable",
    }
}

/// A team sync error in words, for the message next to `[data-sync-status]` (docs/FORMAT.md §4,
/// Team sync): what went wrong and what to do. The status codes stay in the sentence (people
/// search them).
pub fn sync_error(e: &annotator_core::sync::SyncError) -> String {
    use annotator_core::sync::SyncError as E;
    let with = |head: &str, reason: &str| {
        if reason.is_empty() {
            format!("{head}.")
        } else {
            format!("{head} (the server says: {reason}).")
        }
    };
    match e {
        E::Unauthorized(r) => with(
            "401: not logged in to the team database, or the name or password is wrong: type your password and start the sync again",
            r,
        ),
        E::Forbidden(r) => with("403: the team database refused a change; the rest goes on", r),
        E::NotFound => "404: there is no team database at this address: check the sync URL.".to_owned(),
        E::Unreachable => {
            "The team database is unreachable (offline): your work is kept here and sent when it answers again."
                .to_owned()
        }
        E::Quota => "The team database is full or the change too large (quota): ask its administrator.".to_owned(),
        E::OtherUser { session, annotator } => format!(
            "Logged in as {session}, but the annotator name is {annotator}: log in as {annotator} or change the name."
        ),
        E::NoName => "Set your annotator name before syncing: it is your name on the team database.".to_owned(),
        E::Server { status, reason } => with(&format!("{status}: the team database failed"), reason),
        E::BadAnswer(why) => format!("The team database gave an answer that cannot be read: {why}."),
    }
}

/// Logging out failed (Stop sync, Log out): the session may still be open in this browser.
pub fn logout_error(e: &annotator_core::sync::SyncError) -> String {
    use annotator_core::sync::SyncError as E;
    match e {
        E::Unreachable => "Not logged out: the team database is unreachable. Log out again when it answers.".to_owned(),
        other => format!("Not logged out: {}", sync_error(other)),
    }
}

/// Offline use, in one sentence (the side panel's `data-offline` line).
pub fn offline_status(s: &annotator_core::offline::OfflineStatus) -> String {
    use annotator_core::offline::{OfflineStatus as O, Unavailable as U};
    match s {
        O::Starting => "Offline use: getting ready…".to_owned(),
        O::Ready => {
            "Offline use: ready. The page opens without network now; the browser's menu can install it as an app."
                .to_owned()
        }
        O::Unavailable(U::NotSecure) => {
            "Offline use: not available here (the page must be served over https, or from localhost).".to_owned()
        }
        O::Unavailable(U::NoServiceWorker) => {
            "Offline use: not available in this browser (it offers no service worker here).".to_owned()
        }
        O::Failed(why) => format!("Offline use: not available ({why}). The page works while online."),
    }
}

/// Whether the browser keeps the annotations (the side panel's `data-storage-persist` line).
pub fn persist_status(s: &annotator_core::offline::PersistStatus) -> &'static str {
    use annotator_core::offline::PersistStatus as P;
    match s {
        P::Asking => "Storage: asking the browser…",
        P::Granted => "Storage: persistent. The browser keeps the annotations until you clear this site's data.",
        P::Denied => "Storage: may be cleared by the browser when space runs low. Export your work regularly.",
        P::Unsupported => {
            "Storage: may be cleared by the browser (it cannot promise to keep it). Export your work regularly."
        }
    }
}

/// Shown to Safari and to every browser on iPhone and iPad (all WebKit), which delete a site's
/// storage after 7 days of use without a visit to it.
pub const SEVEN_DAYS: &str = "Safari (and every browser on iPhone and iPad) deletes this page's data after 7 days \
without a visit: export your annotations or sync them, or add the page to the home screen, which keeps them.";

/// A size in bytes as people read it: `512 bytes`, `12 KB`, `3.4 MB`, `1.2 GB` (1024-based).
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * 1024;
    const GB: u64 = MB * 1024;
    let one_decimal = |n: u64, unit: u64| {
        let tenths = (n * 10 + unit / 2) / unit;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    match bytes {
        b if b < KB => format!("{b} bytes"),
        b if b < MB => format!("{} KB", (b + KB / 2) / KB),
        b if b < GB => format!("{} MB", one_decimal(b, MB)),
        b => format!("{} GB", one_decimal(b, GB)),
    }
}

/// The localStorage meter: the person's own work against its quota (about 5.2 M UTF-16
/// units, two bytes each).
pub fn local_meter(used: u64, capacity: u64) -> String {
    let percent = (used * 100).checked_div(capacity).unwrap_or(0).min(100);
    format!("Your labels (localStorage): {} of about {} ({percent}%)", size(used), size(capacity))
}

/// The IndexedDB meter: what the browser counts against the page's share of the disk
/// (`navigator.storage.estimate()`: the corpus, layers and history in IndexedDB, and the
/// offline copy of the page), or that it does not say.
pub fn idb_meter(estimate: Option<(u64, u64)>) -> String {
    match estimate {
        Some((usage, quota)) if quota > 0 => {
            let percent = (usage.saturating_mul(100) / quota).min(100);
            format!(
                "Articles, layers and history (IndexedDB, with the offline copy): {} of {} ({percent}%)",
                size(usage),
                size(quota)
            )
        }
        _ => "Articles, layers and history (IndexedDB): this browser does not say how much is used".to_owned(),
    }
}
