//! Turning the bytes of a dropped, picked or pasted file into articles or an annotation export.
//!
//! What a file holds is told by its content, the extension only breaking ties:
//! - a JSON object with `"format": "sentence-annotator"`: an export (`export::parse_export`);
//! - a JSON array of objects with `text` (and optional `id`, `title`, `date`, `source`), or a
//!   single such object: articles;
//! - JSON Lines, one such object per line (blank lines skipped): articles;
//! - CSV (or tab / semicolon separated) with a header row that has a `text` column, RFC 4180
//!   quoting: articles, one per row;
//! - anything else: one plain text article, the file's name as its source.
//!
//! Nothing here panics on any input; memory stays proportional to the input, which is at
//! most `MAX_FILE_BYTES`. Errors are whole sentences naming the file and the place (item,
//! line, row: all counted from 1, CSV rows like a spreadsheet, the header being row 1).

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::document::{file_stem, ArticleInput};
use super::export::{self, ExportV1};

/// Largest file read (checked before reading it, and again on the bytes).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Warnings kept per file; the rest are counted.
const MAX_WARNINGS: usize = 20;

/// Name used in messages about pasted text.
pub const PASTED: &str = "pasted text";

/// What a file turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Imported {
    Articles(Vec<ArticleInput>),
    Export(ExportV1),
}

/// Refuses a file larger than `MAX_FILE_BYTES` before reading it (`len` in bytes, as the
/// browser's `File.size` gives it).
pub fn check_size(name: &str, len: u64) -> Result<(), String> {
    if len > MAX_FILE_BYTES as u64 {
        let mb = len as f64 / (1024.0 * 1024.0);
        return Err(format!(
            "{name} is too large ({mb:.1} MB); files up to {} MB can be read",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// Decodes a text file: UTF-8 with or without BOM, UTF-16 LE/BE with BOM. Binary files are
/// refused by their content (magic numbers, NUL bytes), whatever their extension.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, String> {
    if let Some(kind) = sniff_binary(bytes) {
        return Err(format!("{name} looks like {kind}, not text"));
    }
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(format!("{name} is in UTF-32, which is not supported: save it as UTF-8"));
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16(name, rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_utf16(name, rest, u16::from_be_bytes)?
    } else {
        let (rest, offset) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            Some(rest) => (rest, 3),
            None => (bytes, 0),
        };
        if rest.contains(&0) {
            return Err(nul_message(name, rest));
        }
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_owned(),
            Err(e) => {
                return Err(format!(
                    "{name}: not valid UTF-8 at byte {} (is it in another encoding, such as Windows-1252? Save it as UTF-8)",
                    e.valid_up_to() + offset
                ))
            }
        }
    };
    if text.contains('\0') {
        return Err(format!("{name} looks like a binary file, not text (it contains NUL characters)"));
    }
    Ok(text)
}

fn nul_message(name: &str, bytes: &[u8]) -> String {
    // ASCII text in UTF-16 has a NUL in every other byte.
    let head = &bytes[..bytes.len().min(4096)];
    let even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let half = head.len() / 2;
    if half >= 4 && (even * 10 >= half * 8 && odd == 0 || odd * 10 >= half * 8 && even == 0) {
        format!("{name} looks like UTF-16 text without a byte order mark: save it as UTF-8")
    } else {
        format!("{name} looks like a binary file, not text (it contains NUL bytes)")
    }
}

fn decode_utf16(name: &str, body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !body.len().is_multiple_of(2) {
        return Err(format!("{name}: UTF-16 text with an odd number of bytes (the file is cut short)"));
    }
    let units = body.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(body.len() / 2);
    let mut pos = 0usize; // UTF-16 units read so far
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                out.push(c);
                pos += c.len_utf16();
            }
            Err(_) => return Err(format!("{name}: not valid UTF-16 (a lone surrogate at byte {})", 2 + 2 * pos)),
        }
    }
    Ok(out)
}

/// What kind of binary file `bytes` is, by its magic number.
fn sniff_binary(b: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or OpenDocument file)"),
        (b"PK\x05\x06", "a ZIP archive"),
        (b"PK\x07\x08", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\0asm", "a WebAssembly module"),
        (b"\x7FELF", "an ELF executable"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Microsoft Office file (.doc, .xls)"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"Rar!\x1A\x07", "a RAR archive"),
        (b"\xFD7zXZ\x00", "an xz archive"),
        (b"\x28\xB5\x2F\xFD", "a zstd archive"),
        (b"OggS\0", "an Ogg media file"),
        (b"fLaC", "a FLAC audio file"),
        (b"SQLite format 3\0", "an SQLite database"),
        (b"\xCA\xFE\xBA\xBE", "a Java class or macOS executable"),
        (b"\xCF\xFA\xED\xFE", "a macOS executable"),
        (b"\xCE\xFA\xED\xFE", "a macOS executable"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (b"wOFF", "a web font"),
        (b"wOF2", "a web font"),
        (b"{\\rtf", "a Rich Text (RTF) document: save it as plain text"),
    ];
    for (magic, kind) in MAGIC {
        if b.starts_with(magic) {
            return Some(kind);
        }
    }
    if b.len() >= 10 && b.starts_with(b"BZh") && b[3].is_ascii_digit() && &b[4..10] == b"1AY&SY" {
        return Some("a bzip2 archive");
    }
    if b.len() >= 12 && b.starts_with(b"RIFF") {
        match &b[8..12] {
            b"WEBP" => return Some("a WebP image"),
            b"WAVE" => return Some("a WAV audio file"),
            b"AVI " => return Some("an AVI video"),
            _ => {}
        }
    }
    if b.len() >= 12 && &b[4..8] == b"ftyp" {
        return Some("an MP4, QuickTime or HEIC media file");
    }
    if b.len() >= 5 && b.starts_with(b"ID3") && (2..=4).contains(&b[3]) && b[4] < 0x10 {
        return Some("an MP3 audio file");
    }
    if b.starts_with(b"MZ") && b[..b.len().min(64)].contains(&0) {
        return Some("a Windows executable");
    }
    None
}

/// Reads a file's bytes: articles or an export, with warnings (skipped items, duplicate ids).
pub fn parse_file(name: &str, bytes: &[u8]) -> Result<(Imported, Vec<String>), String> {
    check_size(name, bytes.len() as u64)?;
    let text = decode(name, bytes)?;
    parse_text(name, Some(name), &text)
}

/// Reads pasted text the same way (named "pasted text" in messages). Articles from it get
/// no source, and ids from their content when they give none.
pub fn parse_pasted(text: &str) -> Result<(Imported, Vec<String>), String> {
    check_size(PASTED, text.len() as u64)?;
    if text.contains('\0') {
        return Err(format!("the {PASTED} contains NUL characters: it is not text"));
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    parse_text(PASTED, None, text)
}

/// Collects warnings, keeping the first `MAX_WARNINGS`.
#[derive(Default)]
struct Warnings {
    list: Vec<String>,
    dropped: usize,
}

impl Warnings {
    fn push(&mut self, w: String) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(w);
        } else {
            self.dropped += 1;
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.dropped > 0 {
            self.list.push(format!("… and {} more warnings", self.dropped));
        }
        self.list
    }
}

/// Where the articles come from: the file (if any) and the naming of its items.
struct Origin<'a> {
    name: &'a str,
    file: Option<&'a str>,
}

impl Origin<'_> {
    fn extension(&self) -> String {
        let base = self.file.map_or("", |f| f.rsplit(['/', '\\']).next().unwrap_or(f));
        match base.rfind('.') {
            Some(i) if i > 0 => base[i + 1..].to_ascii_lowercase(),
            _ => String::new(),
        }
    }

    /// An id for the `n`-th item (1-based) without one: `<file stem>-<n>`; for pasted
    /// text none (the document derives one from its content).
    fn item_id(&self, n: usize) -> Option<String> {
        self.file.map(|f| format!("{}-{n}", file_stem(f)))
    }
}

fn parse_text(name: &str, file: Option<&str>, text: &str) -> Result<(Imported, Vec<String>), String> {
    let origin = Origin { name, file };
    let ext = origin.extension();
    let json_ext = ext == "json" || ext == "jsonl" || ext == "ndjson";
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if trimmed.trim_end().is_empty() {
        return Err(if text.is_empty() {
            format!("{name} is empty")
        } else {
            format!("{name} has no text (only white space)")
        });
    }
    let mut warnings = Warnings::default();
    let looks_json = trimmed.starts_with('{') || trimmed.starts_with('[');
    if looks_json || json_ext {
        let result = if trimmed.starts_with('[') {
            parse_json_array(&origin, text, &mut warnings)
        } else if trimmed.starts_with('{') {
            parse_json_object_or_lines(&origin, text, &mut warnings)
        } else {
            Err(JsonFail::Syntax(format!(
                "{name} is not JSON: it should hold an array of articles, JSON Lines or an export"
            )))
        };
        match result {
            Ok(Parsed::Items(items)) => return finish_articles(&origin, items, warnings),
            Ok(Parsed::Export(export)) => return Ok((Imported::Export(export), warnings.finish())),
            Err(JsonFail::Content(e)) => return Err(e),
            Err(JsonFail::Syntax(e)) if json_ext => return Err(e),
            // A text that merely starts with a bracket ("[Reuters] ..."): an article.
            Err(JsonFail::Syntax(e)) => {
                warnings = Warnings::default();
                warnings.push(format!("{e}; read as plain text instead"));
            }
        }
    }
    if let Some((delim, header)) = detect_csv(text, &ext) {
        let items = parse_csv(&origin, text, delim, &header, &mut warnings)?;
        return finish_articles(&origin, items, warnings);
    }
    let article = ArticleInput { source: file.map(str::to_owned), text: text.to_owned(), ..Default::default() };
    Ok((Imported::Articles(vec![article]), warnings.finish()))
}

/// Drops duplicate ids (keeping the first) and checks something is left.
fn finish_articles(
    origin: &Origin,
    items: Vec<(String, ArticleInput)>,
    mut warnings: Warnings,
) -> Result<(Imported, Vec<String>), String> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut out = Vec::with_capacity(items.len());
    for (place, item) in items {
        if let Some(id) = &item.id {
            if let Some(first) = seen.get(id) {
                warnings.push(format!(
                    "{}: id {id:?} of {place} is already used by {first}; kept the first, skipped {place}",
                    origin.name
                ));
                continue;
            }
            seen.insert(id.clone(), place);
        }
        out.push(item);
    }
    if out.is_empty() {
        return Err(format!("{} has no article with text", origin.name));
    }
    Ok((Imported::Articles(out), warnings.finish()))
}

/// Articles with the place they come from ("item 3", "line 7", "row 4"), or an export.
enum Parsed {
    Items(Vec<(String, ArticleInput)>),
    Export(ExportV1),
}

enum JsonFail {
    /// Not JSON at all (a text file may still be an article).
    Syntax(String),
    /// JSON, but not what we read: always an error.
    Content(String),
}

/// A JSON value of an article field, kept small: other values are only named.
enum Val {
    Null,
    Str(String),
    Int(String),
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Val {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Val;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Val, E> {
                Ok(Val::Null)
            }
            fn visit_none<E>(self) -> Result<Val, E> {
                Ok(Val::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Val, E> {
                Ok(Val::Other("true or false"))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Val, E> {
                Ok(Val::Int(n.to_string()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Val, E> {
                Ok(Val::Int(n.to_string()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Val, E> {
                Ok(Val::Other("a number"))
            }
            fn visit_str<E>(self, s: &str) -> Result<Val, E> {
                Ok(Val::Str(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Val, E> {
                Ok(Val::Str(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Val, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Val::Other("a list"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Val, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Val::Other("an object"))
            }
        }
        d.deserialize_any(V)
    }
}

impl Val {
    fn kind(&self) -> &'static str {
        match self {
            Val::Null => "null",
            Val::Str(_) => "a string",
            Val::Int(_) => "a number",
            Val::Other(k) => k,
        }
    }
}

/// One JSON item: an object (its article fields) or something else (named).
enum Entry {
    Item(Box<RawItem>),
    NotObject(&'static str),
}

#[derive(Default)]
struct RawItem {
    text: Option<Val>,
    id: Option<Val>,
    title: Option<Val>,
    date: Option<Val>,
    source: Option<Val>,
    format: Option<Val>,
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
                let mut item = RawItem::default();
                // Keys are data: "__proto__" and "constructor" are just ignored keys here.
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "text" => &mut item.text,
                        "id" => &mut item.id,
                        "title" => &mut item.title,
                        "date" => &mut item.date,
                        "source" => &mut item.source,
                        "format" => &mut item.format,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = Some(map.next_value::<Val>()?);
                }
                Ok(Entry::Item(Box::new(item)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Entry::NotObject("a list"))
            }
            fn visit_unit<E>(self) -> Result<Entry, E> {
                Ok(Entry::NotObject("null"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Entry, E> {
                Ok(Entry::NotObject("true or false"))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Entry, E> {
                Ok(Entry::NotObject("a number"))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Entry, E> {
                Ok(Entry::NotObject("a number"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Entry, E> {
                Ok(Entry::NotObject("a number"))
            }
            fn visit_str<E>(self, _: &str) -> Result<Entry, E> {
                Ok(Entry::NotObject("a string"))
            }
        }
        d.deserialize_any(V)
    }
}

/// Turns a JSON item into an article; `place` is "item 3" or "line 7".
fn to_article(
    origin: &Origin,
    place: &str,
    n: usize,
    entry: Entry,
    warnings: &mut Warnings,
) -> Result<Option<ArticleInput>, String> {
    let name = origin.name;
    let item = match entry {
        Entry::Item(item) => item,
        Entry::NotObject(kind) => {
            return Err(format!("{name}, {place}: expected an object with \"text\", found {kind}"))
        }
    };
    let RawItem { text, id, title, date, source, .. } = *item;
    let text = match text {
        Some(Val::Str(s)) => s,
        None | Some(Val::Null) => return Err(format!("{name}, {place}: \"text\" is missing")),
        Some(v) => return Err(format!("{name}, {place}: \"text\" must be a string, not {}", v.kind())),
    };
    let string = |field: &str, v: Option<Val>, ints: bool| -> Result<Option<String>, String> {
        match v {
            None | Some(Val::Null) => Ok(None),
            Some(Val::Str(s)) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
            Some(Val::Int(s)) if ints => Ok(Some(s)),
            Some(v) => Err(format!("{name}, {place}: {field:?} must be a string, not {}", v.kind())),
        }
    };
    // Whole-number ids (common in datasets) are taken as their decimal text.
    let id = string("id", id, true)?;
    let title = string("title", title, false)?;
    let date = string("date", date, false)?;
    let source = string("source", source, false)?;
    if text.trim().is_empty() {
        warnings.push(format!("{name}, {place}: empty \"text\", skipped"));
        return Ok(None);
    }
    Ok(Some(ArticleInput {
        id: id.or_else(|| origin.item_id(n)),
        source: source.or_else(|| origin.file.map(str::to_owned)),
        title,
        date,
        text,
    }))
}

/// Reads a top-level array, turning items into articles as they come (so a huge array of
/// bad items fails at the first, without holding them all).
struct ArraySeed<'o, 'w, 'a> {
    origin: &'o Origin<'a>,
    warnings: &'w mut Warnings,
    out: Vec<(String, ArticleInput)>,
    error: Option<String>,
}

impl<'de> Visitor<'de> for &mut ArraySeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of articles")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(entry) = seq.next_element::<Entry>()? {
            n += 1;
            let place = format!("item {n}");
            match to_article(self.origin, &place, n, entry, self.warnings) {
                Ok(Some(a)) => self.out.push((place, a)),
                Ok(None) => {}
                Err(e) => {
                    self.error = Some(e);
                    return Err(de::Error::custom("stopped"));
                }
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for &mut ArraySeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

fn parse_json_array(origin: &Origin, text: &str, warnings: &mut Warnings) -> Result<Parsed, JsonFail> {
    let mut seed = ArraySeed { origin, warnings, out: Vec::new(), error: None };
    let mut de = serde_json::Deserializer::from_str(text);
    let result = (&mut seed).deserialize(&mut de).and_then(|()| de.end());
    if let Some(e) = seed.error.take() {
        return Err(JsonFail::Content(e));
    }
    if let Err(e) = result {
        return Err(JsonFail::Syntax(format!("{}: not valid JSON: {}", origin.name, export::json_error(&e))));
    }
    if seed.out.is_empty() {
        return Err(JsonFail::Content(format!("{} holds no articles (an empty list)", origin.name)));
    }
    Ok(Parsed::Items(seed.out))
}

/// A top-level object: an export, a single article, or the first line of JSON Lines.
fn parse_json_object_or_lines(origin: &Origin, text: &str, warnings: &mut Warnings) -> Result<Parsed, JsonFail> {
    let name = origin.name;
    match serde_json::from_str::<Entry>(text) {
        Ok(Entry::Item(item)) => match &item.format {
            Some(Val::Str(f)) if f == export::FORMAT => {
                export::parse_export(text).map(Parsed::Export).map_err(|e| JsonFail::Content(format!("{name}: {e}")))
            }
            Some(f) if item.text.is_none() => Err(JsonFail::Content(format!(
                "{name} is not a Sentence Annotator export (its \"format\" is {})",
                match f {
                    Val::Str(s) => format!("{s:?}"),
                    other => other.kind().to_owned(),
                }
            ))),
            _ => {
                if item.text.is_none() {
                    return Err(JsonFail::Content(format!(
                        "{name} is a JSON object without \"text\" or \"format\": neither an article nor an export"
                    )));
                }
                let place = "the object".to_owned();
                let article = to_article(origin, &place, 1, Entry::Item(item), warnings).map_err(JsonFail::Content)?;
                Ok(Parsed::Items(article.map(|a| vec![(place, a)]).unwrap_or_default()))
            }
        },
        Ok(Entry::NotObject(_)) => unreachable_object(name),
        Err(whole) => {
            // JSON Lines: several lines, the first of them a JSON value on its own.
            let mut lines = text.split('\n').filter(|l| !l.trim().is_empty());
            let first_ok = lines.next().is_some_and(|l| serde_json::from_str::<IgnoredAny>(l).is_ok());
            if first_ok && lines.next().is_some() {
                parse_json_lines(origin, text, warnings)
            } else {
                Err(JsonFail::Syntax(format!("{name}: not valid JSON: {}", export::json_error(&whole))))
            }
        }
    }
}

/// Text starting with `{` always deserializes to an object or fails; kept total anyway.
fn unreachable_object(name: &str) -> Result<Parsed, JsonFail> {
    Err(JsonFail::Syntax(format!("{name}: not a JSON object")))
}

fn parse_json_lines(origin: &Origin, text: &str, warnings: &mut Warnings) -> Result<Parsed, JsonFail> {
    let name = origin.name;
    let mut out = Vec::new();
    let mut n = 0;
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        n += 1;
        let place = format!("line {}", i + 1);
        let entry = serde_json::from_str::<Entry>(line)
            .map_err(|e| JsonFail::Content(format!("{name}, {place}: not valid JSON: {}", export::json_error(&e))))?;
        if let Some(a) = to_article(origin, &place, n, entry, warnings).map_err(JsonFail::Content)? {
            out.push((place, a));
        }
    }
    Ok(Parsed::Items(out))
}

/// RFC 4180 records, one at a time; fields are kept as they are (CRLF inside quotes too).
struct CsvReader<'a> {
    s: &'a str,
    pos: usize,
    delim: u8,
}

/// A quoted field runs to the end of the file.
struct Unterminated;

impl<'a> CsvReader<'a> {
    fn new(s: &'a str, delim: u8) -> Self {
        CsvReader { s, pos: 0, delim }
    }

    /// End of the unquoted run from `i`: the next delimiter or line end.
    fn run_end(&self, i: usize) -> usize {
        let b = self.s.as_bytes();
        b[i..].iter().position(|&c| c == self.delim || c == b'\n' || c == b'\r').map_or(b.len(), |p| i + p)
    }

    fn next_record(&mut self) -> Option<Result<Vec<String>, Unterminated>> {
        let b = self.s.as_bytes();
        if self.pos >= b.len() {
            return None;
        }
        let mut fields = Vec::new();
        let mut i = self.pos;
        loop {
            let mut field = String::new();
            if b.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    let Some(q) = b[i..].iter().position(|&c| c == b'"').map(|p| i + p) else {
                        self.pos = b.len();
                        return Some(Err(Unterminated));
                    };
                    field.push_str(&self.s[i..q]);
                    if b.get(q + 1) == Some(&b'"') {
                        field.push('"');
                        i = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
            }
            // Unquoted text, or stray text after a closing quote (kept, leniently).
            let stop = self.run_end(i);
            field.push_str(&self.s[i..stop]);
            i = stop;
            fields.push(field);
            match b.get(i) {
                None => {
                    self.pos = b.len();
                    return Some(Ok(fields));
                }
                Some(&c) if c == self.delim => i += 1,
                Some(b'\r') => {
                    i += 1;
                    if b.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    self.pos = i;
                    return Some(Ok(fields));
                }
                Some(_) => {
                    self.pos = i + 1;
                    return Some(Ok(fields));
                }
            }
        }
    }
}

fn column_key(h: &str) -> String {
    h.trim().trim_start_matches('\u{FEFF}').to_lowercase()
}

/// A header row with a `text` column: its delimiter and columns. One column alone counts
/// only in a .csv / .tsv file (a text whose first line is "Text" is an article).
fn detect_csv(text: &str, ext: &str) -> Option<(u8, Vec<String>)> {
    let mut best: Option<(u8, Vec<String>)> = None;
    for delim in [b',', b'\t', b';'] {
        let mut r = CsvReader::new(text, delim);
        let header = loop {
            match r.next_record()? {
                Ok(rec) if rec.iter().all(|f| f.trim().is_empty()) => continue,
                Ok(rec) => break rec,
                Err(Unterminated) => return best,
            }
        };
        let header: Vec<String> = header.iter().map(|h| column_key(h)).collect();
        if !header.iter().any(|h| h == "text") {
            continue;
        }
        if header.len() < 2 && !matches!(ext, "csv" | "tsv") {
            continue;
        }
        if best.as_ref().is_none_or(|(_, b)| header.len() > b.len()) {
            best = Some((delim, header));
        }
    }
    best
}

fn parse_csv(
    origin: &Origin,
    text: &str,
    delim: u8,
    header: &[String],
    warnings: &mut Warnings,
) -> Result<Vec<(String, ArticleInput)>, String> {
    let name = origin.name;
    let col = |k: &str| header.iter().position(|h| h == k);
    let text_col = col("text").unwrap_or(0);
    let (id_col, title_col, date_col, source_col) = (col("id"), col("title"), col("date"), col("source"));
    let mut r = CsvReader::new(text, delim);
    let mut row = 0;
    let mut seen_header = false;
    let mut n = 0;
    let mut out = Vec::new();
    while let Some(rec) = r.next_record() {
        row += 1;
        let rec = rec.map_err(|_| format!("{name}, row {row}: a quoted field is never closed"))?;
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if !seen_header {
            seen_header = true;
            continue;
        }
        n += 1;
        let place = format!("row {row}");
        let Some(text) = rec.get(text_col) else {
            return Err(format!(
                "{name}, {place}: no \"text\" field (the row has {} fields, the header {})",
                rec.len(),
                header.len()
            ));
        };
        if text.trim().is_empty() {
            warnings.push(format!("{name}, {place}: empty \"text\", skipped"));
            continue;
        }
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        out.push((
            place,
            ArticleInput {
                id: get(id_col).or_else(|| origin.item_id(n)),
                source: get(source_col).or_else(|| origin.file.map(str::to_owned)),
                title: get(title_col),
                date: get(date_col),
                text: text.clone(),
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles(r: Result<(Imported, Vec<String>), String>) -> (Vec<ArticleInput>, Vec<String>) {
        match r {
            Ok((Imported::Articles(a), w)) => (a, w),
            Ok((Imported::Export(_), _)) => panic!("an export"),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn size_limit_names_file_and_limit() {
        assert!(check_size("a.txt", MAX_FILE_BYTES as u64).is_ok());
        let e = check_size("big.txt", MAX_FILE_BYTES as u64 + 1).unwrap_err();
        assert!(e.contains("big.txt") && e.contains("20 MB"), "{e}");
        assert!(check_size("huge", u64::MAX).is_err());
    }

    #[test]
    fn decodes_utf8_bom_and_utf16() {
        assert_eq!(decode("a", "héllo".as_bytes()).unwrap(), "héllo");
        assert_eq!(decode("a", b"\xEF\xBB\xBFhi").unwrap(), "hi");
        let mut le = vec![0xFF, 0xFE];
        le.extend("hé😀".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("a", &le).unwrap(), "hé😀");
        let mut be = vec![0xFE, 0xFF];
        be.extend("hé😀".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode("a", &be).unwrap(), "hé😀");
        let lone = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        assert!(decode("s.txt", &lone).unwrap_err().contains("lone surrogate at byte 4"));
        assert!(decode("s.txt", &[0xFF, 0xFE, b'a']).unwrap_err().contains("odd number"));
        let e = decode("x.txt", b"abc\xFFdef").unwrap_err();
        assert!(e.starts_with("x.txt: not valid UTF-8 at byte 3"), "{e}");
        let e = decode("x.txt", b"\xEF\xBB\xBFab\xC3").unwrap_err();
        assert!(e.contains("at byte 5"), "{e}");
    }

    #[test]
    fn binary_files_are_refused_by_content() {
        let cases: &[(&[u8], &str)] = &[
            (b"%PDF-1.7\n...", "PDF"),
            (b"PK\x03\x04\x14\x00", "ZIP"),
            (b"\x89PNG\r\n\x1a\n\0\0", "PNG"),
            (b"\xFF\xD8\xFF\xE0", "JPEG"),
            (b"GIF89a..", "GIF"),
            (b"\x1F\x8B\x08\x00", "gzip"),
            (b"\0asm\x01\0\0\0", "WebAssembly"),
            (b"\x7FELF\x02\x01", "ELF"),
            (b"hello\0world", "binary"),
            (b"h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0", "UTF-16"),
            (b"\xFF\xFE\0\0h\0\0\0", "UTF-32"),
            (b"\xFF\xFEh\0\0\0", "NUL"),
        ];
        for (bytes, want) in cases {
            let e = decode("x.txt", bytes).unwrap_err();
            assert!(e.contains(want) && e.starts_with("x.txt"), "{e} / {want}");
        }
        assert_eq!(decode("x.txt", b"%PDF-1.7").unwrap_err(), "x.txt looks like a PDF file, not text");
        // Text that merely starts like a magic number stays text.
        assert!(decode("x.txt", b"MZ said hello").is_ok());
        assert!(decode("x.txt", b"ID3 tags are metadata.").is_ok());
    }

    #[test]
    fn plain_text_is_one_article() {
        let (a, w) = articles(parse_file("000_x.txt", b" date 2022-02-01 Text here. More."));
        assert!(w.is_empty());
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].source.as_deref(), Some("000_x.txt"));
        assert_eq!(a[0].id, None);
        assert_eq!(a[0].text, " date 2022-02-01 Text here. More.");
        let (a, w) = articles(parse_file("r.txt", b"[Reuters] Moscow said on Monday."));
        assert_eq!(a[0].text, "[Reuters] Moscow said on Monday.");
        assert!(w[0].contains("read as plain text"), "{w:?}");
        let (a, _) = articles(parse_file("t.txt", b"Text\nA one-line title article."));
        assert_eq!(a.len(), 1);
        assert!(parse_file("e.txt", b"").unwrap_err().contains("e.txt is empty"));
        assert!(parse_file("e.txt", b" \n\t ").unwrap_err().contains("no text"));
        assert!(parse_file("e.txt", b"\xEF\xBB\xBF").unwrap_err().contains("e.txt"));
    }

    #[test]
    fn json_array_of_articles() {
        let json = r#"[{"id":"a","title":"T","date":"2022-01-02","text":"One."},
                      {"text":"Two.","__proto__":{"x":1},"constructor":"y","label":["claim"]},
                      {"id":7,"text":"Three.","source":"wire"},
                      {"id":"a","text":"Dup."},
                      {"text":"  "}]"#;
        let (a, w) = articles(parse_file("batch.json", json.as_bytes()));
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].id.as_deref(), Some("a"));
        assert_eq!(a[0].date.as_deref(), Some("2022-01-02"));
        assert_eq!(a[0].source.as_deref(), Some("batch.json"));
        assert_eq!(a[1].id.as_deref(), Some("batch-2"));
        assert_eq!(a[2].id.as_deref(), Some("7"));
        assert_eq!(a[2].source.as_deref(), Some("wire"));
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w.iter().any(|w| w.contains("item 4") && w.contains("item 1")), "{w:?}");
        assert!(w.iter().any(|w| w.contains("item 5") && w.contains("empty")), "{w:?}");

        let err = |j: &str| parse_file("b.json", j.as_bytes()).unwrap_err();
        assert!(err(r#"[{"text":"a"},{"title":"x"}]"#).contains("item 2: \"text\" is missing"));
        assert!(err(r#"[{"text":1}]"#).contains("item 1: \"text\" must be a string"));
        assert!(err(r#"[{"text":"a","title":["x"]}]"#).contains("\"title\" must be a string, not a list"));
        assert!(err(r#"[{"text":"a"}, 3]"#).contains("item 2: expected an object"));
        assert!(err("[]").contains("no articles"));
        assert!(err(r#"[{"text":"a"}"#).contains("not valid JSON"));
        let e = err(r#"[{"text":"\ud800"}]"#);
        assert!(e.contains("surrogate") && !e.contains("item") && e.contains("line 1"), "{e}");
        let e = err(r#"[{"text":"a\udc00b"}]"#);
        assert!(e.contains("surrogate"), "{e}");
        let deep = err(&("[".repeat(100_000)));
        assert!(deep.contains("not valid JSON"), "{deep}");
        let balanced = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(err(&balanced).contains("item 1: expected an object"));
        let deep_field = format!("[{{\"text\":\"a\",\"x\":{}{}}}]", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse_file("b.json", deep_field.as_bytes()).is_ok());
        let deep_export = format!("{{\"format\":{}1{}}}", "[".repeat(200), "]".repeat(200));
        assert!(parse_file("b.json", deep_export.as_bytes()).unwrap_err().contains("b.json"));
    }

    #[test]
    fn json_lines_and_single_object() {
        let jsonl = "{\"text\":\"One.\"}\r\n\n{\"id\":\"x\",\"text\":\"Two.\"}\n";
        let (a, _) = articles(parse_file("feed.jsonl", jsonl.as_bytes()));
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].id.as_deref(), Some("feed-1"));
        assert_eq!(a[1].id.as_deref(), Some("x"));
        let e = parse_file("feed.jsonl", b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n{oops}\n").unwrap_err();
        assert!(e.starts_with("feed.jsonl, line 3: not valid JSON"), "{e}");
        let e = parse_file("feed.jsonl", b"{\"text\":\"a\"}\n\n{\"title\":\"b\"}\n").unwrap_err();
        assert!(e.contains("line 3: \"text\" is missing"), "{e}");
        let (a, _) = articles(parse_file("one.json", br#"{"text":"Only.","title":"T"}"#));
        assert_eq!(a[0].title.as_deref(), Some("T"));
        assert!(parse_file("o.json", br#"{"format":"other"}"#)
            .unwrap_err()
            .contains("not a Sentence Annotator export"));
        assert!(parse_file("o.json", br#"{"a":1}"#).unwrap_err().contains("neither"));
        assert!(parse_file("o.json", b"{ broken").unwrap_err().contains("not valid JSON"));
        assert!(parse_file("o.json", b"plain words").unwrap_err().contains("not JSON"));
    }

    #[test]
    fn exports_are_recognised_by_content() {
        let json = r#"{"format":"sentence-annotator","version":1,"labels":["claim"],"documents":[]}"#;
        assert!(matches!(parse_file("whatever.txt", json.as_bytes()), Ok((Imported::Export(_), _))));
        let newer = r#"{"format":"sentence-annotator","version":3,"documents":[]}"#;
        let e = parse_file("n.json", newer.as_bytes()).unwrap_err();
        assert!(e.starts_with("n.json: ") && e.contains("newer Sentence Annotator (version 3)"), "{e}");
        assert!(matches!(parse_pasted(json), Ok((Imported::Export(_), _))));
    }

    #[test]
    fn csv_with_quotes_and_crlf() {
        let csv = "id,title,text,extra\r\n1,\"T, one\",\"He said \"\"no\"\",\r\nthen left.\",x\r\n\r\n,,Second.,\r\n3,,,\r\n1,,Dup.\r\n";
        let (a, w) = articles(parse_file("data.csv", csv.as_bytes()));
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].id.as_deref(), Some("1"));
        assert_eq!(a[0].title.as_deref(), Some("T, one"));
        assert_eq!(a[0].text, "He said \"no\",\r\nthen left.");
        assert_eq!(a[1].id.as_deref(), Some("data-2"));
        assert_eq!(a[1].source.as_deref(), Some("data.csv"));
        assert!(w.iter().any(|w| w.contains("row 5") && w.contains("empty")), "{w:?}");
        assert!(w.iter().any(|w| w.contains("row 6") && w.contains("row 2")), "{w:?}");
        let e = parse_file("d.csv", b"title,text\nA,\"open").unwrap_err();
        assert!(e.contains("d.csv, row 2: a quoted field is never closed"), "{e}");
        let e = parse_file("d.csv", b"title,text\nonly-title\n").unwrap_err();
        assert!(e.contains("row 2: no \"text\""), "{e}");
        let (a, _) = articles(parse_file("d.tsv", b"Title\tText\nA\tTab separated."));
        assert_eq!(a[0].text, "Tab separated.");
        let (a, _) = articles(parse_file("one.csv", b"text\nFirst.\nSecond."));
        assert_eq!(a.len(), 2);
        let (a, _) = articles(parse_pasted("title,text\nX,Pasted row."));
        assert_eq!(a[0].id, None);
        assert_eq!(a[0].source, None);
    }

    #[test]
    fn pasted_text() {
        let (a, _) = articles(parse_pasted("Some article. Pasted."));
        assert_eq!(a[0].source, None);
        assert!(parse_pasted("  ").unwrap_err().contains("pasted text"));
        assert!(parse_pasted("a\0b").is_err());
    }

    #[test]
    fn huge_lines_and_nul_are_fine() {
        let long = "word ".repeat(2 * 1024 * 1024);
        let (a, _) = articles(parse_file("long.txt", long.as_bytes()));
        assert_eq!(a[0].text.len(), long.len());
        let jsonl = format!("{{\"text\":\"{long}\"}}\n{{\"text\":\"b\"}}\n");
        let (a, _) = articles(parse_file("long.jsonl", jsonl.as_bytes()));
        assert_eq!(a.len(), 2);
        let many = format!("[{}{{}}]", "{\"text\":\"a\"},".repeat(10));
        assert!(parse_file("m.json", many.as_bytes()).unwrap_err().contains("item 11"));
    }
}
