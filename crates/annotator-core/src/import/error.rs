//! Why a file could not be read, and what was skipped while reading it: typed, so the core
//! decides what went wrong and where, and the page alone words it (`view::words`), and tests
//! compare kinds rather than sentences.

use crate::export::{ExportError, JsonError};

/// A file (or the pasted text) refused whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// The file's name, or `PASTED`.
    pub file: String,
    /// Where in the file, when it is about one item of it.
    pub place: Option<Place>,
    pub kind: ImportErrorKind,
}

/// An item of a file, counted from 1 (CSV rows like a spreadsheet: the header is row 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The n-th element of a JSON array.
    Item(usize),
    /// Line n of JSON Lines.
    Line(usize),
    /// Row n of a CSV file.
    Row(usize),
    /// The single JSON object a file holds.
    Object,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportErrorKind {
    /// Larger than `limit` bytes.
    TooLarge { bytes: u64, limit: usize },
    /// A binary file, told by its first bytes.
    Binary(BinaryKind),
    /// UTF-32 (by its byte order mark), which is not read.
    Utf32,
    /// NUL bytes in every other place: UTF-16 text without a byte order mark.
    Utf16WithoutBom,
    /// NUL bytes: not text.
    NulBytes,
    /// NUL characters in the decoded text (or the pasted text): not text.
    NulCharacters,
    /// Not UTF-8 from this byte on (counted from the start of the file).
    BadUtf8 { byte: usize },
    /// UTF-16 with an odd number of bytes.
    Utf16OddLength,
    /// A lone surrogate in UTF-16 text, at this byte of the file.
    Utf16LoneSurrogate { byte: usize },
    /// Nothing at all.
    Empty,
    /// Only white space.
    OnlyWhitespace,
    /// A .json / .jsonl file whose text starts with neither `[` nor `{`.
    NotJson,
    /// Broken JSON (in a JSON Lines file: on the line `place`).
    BadJson(JsonError),
    /// An item that is not an object (without a place: a top-level value that is not one).
    NotAnObject { found: JsonType },
    /// An item without `text`.
    TextMissing,
    /// An item's field that must be a string (or, `id`, a whole number).
    NotAString { field: &'static str, found: JsonType },
    /// A JSON array without items.
    EmptyList,
    /// Every item was skipped.
    NoArticles,
    /// A JSON object whose `format` is not ours and that has no `text`.
    WrongFormat(FormatField),
    /// A JSON object with neither `text` nor `format`.
    NeitherArticleNorExport,
    /// An export, refused.
    Export(ExportError),
    /// A CSV quoted field runs to the end of the file.
    UnclosedQuote,
    /// A CSV row shorter than the `text` column (`fields` fields, the header `columns`).
    NoTextField { fields: usize, columns: usize },
    /// A .csv / .tsv file whose header has no `text` column: the columns it has.
    NoTextColumn { columns: Vec<String> },
    /// A line or row of the page's own JSONL or CSV view that cannot be read (what is
    /// wrong with it, the parser's words or the field's).
    BadViewRow(String),
    /// The page's own JSONL or CSV view without a sentence.
    EmptyView,
}

/// What a binary file looks like, by its magic number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryKind {
    Pdf,
    /// A ZIP archive that may be an Office or OpenDocument file.
    ZipOrOffice,
    Zip,
    Png,
    Jpeg,
    Gif,
    Gzip,
    WebAssembly,
    Elf,
    /// .doc, .xls (OLE2).
    OldOffice,
    SevenZip,
    Rar,
    Xz,
    Zstd,
    Ogg,
    Flac,
    Sqlite,
    /// `CA FE BA BE`: a Java class or a macOS universal binary.
    JavaOrMacOs,
    MacOs,
    Tiff,
    WebFont,
    Rtf,
    Bzip2,
    WebP,
    Wav,
    Avi,
    /// MP4, QuickTime, HEIC (`ftyp`).
    Mp4,
    Mp3,
    WindowsExe,
}

/// The type of a JSON value found where another was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// The `format` of a JSON object that is not ours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatField {
    Text(String),
    Other(JsonType),
}

/// Something skipped or guessed while reading a file that was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportWarning {
    /// The file's name, or `PASTED`.
    pub file: String,
    pub place: Option<Place>,
    pub kind: WarningKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WarningKind {
    /// An item with an empty `text`, skipped.
    EmptyText,
    /// An item whose id an earlier item (`first`) has, skipped.
    DuplicateId { id: String, first: Place },
    /// Text that starts like JSON but is not (why: `BadJson` or `NotAnObject`), read as one
    /// plain text article.
    ReadAsText(ImportErrorKind),
    /// A JSON Lines line that could not be read (why), skipped; the other lines are kept.
    BadLine(ImportErrorKind),
    /// JSON Lines with bad lines: `kept` of `total` lines were read.
    KeptLines { kept: usize, total: usize },
    /// This many more warnings, not listed.
    More(usize),
}

/// Warnings kept per file; the rest are counted.
const MAX_WARNINGS: usize = 20;

/// Collects a file's warnings, keeping the first `MAX_WARNINGS`.
pub(super) struct Warnings<'a> {
    file: &'a str,
    list: Vec<ImportWarning>,
    dropped: usize,
}

impl<'a> Warnings<'a> {
    pub(super) fn new(file: &'a str) -> Self {
        Warnings { file, list: Vec::new(), dropped: 0 }
    }

    pub(super) fn push(&mut self, place: Option<Place>, kind: WarningKind) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(ImportWarning { file: self.file.to_owned(), place, kind });
        } else {
            self.dropped += 1;
        }
    }

    pub(super) fn clear(&mut self) {
        self.list.clear();
        self.dropped = 0;
    }

    pub(super) fn finish(mut self) -> Vec<ImportWarning> {
        if self.dropped > 0 {
            let kind = WarningKind::More(self.dropped);
            self.list.push(ImportWarning { file: self.file.to_owned(), place: None, kind });
        }
        self.list
    }
}
