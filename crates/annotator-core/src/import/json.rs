//! Articles from JSON: an array of article objects, a single one, or JSON Lines; and telling
//! an annotation export apart by its `format`. Read with serde visitors that keep only the
//! article fields, so a huge or hostile file costs memory in proportion to what is kept,
//! and a bad item stops the reading at once, with its place.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::error::{FormatField, ImportError, ImportErrorKind as Kind, JsonType, Place, WarningKind, Warnings};
use super::{Origin, Parsed};
use crate::document::ArticleInput;
use crate::export;

pub(super) enum JsonFail {
    /// Not JSON at all (a text file may still be an article): why.
    Syntax(Kind),
    /// JSON, but not what we read: always an error.
    Content(ImportError),
}

/// A JSON value of an article field, kept small: other values are only typed.
enum Val {
    Null,
    Str(String),
    Int(String),
    Other(JsonType),
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
                Ok(Val::Other(JsonType::Bool))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Val, E> {
                Ok(Val::Int(n.to_string()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Val, E> {
                Ok(Val::Int(n.to_string()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Val, E> {
                Ok(Val::Other(JsonType::Number))
            }
            fn visit_str<E>(self, s: &str) -> Result<Val, E> {
                Ok(Val::Str(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Val, E> {
                Ok(Val::Str(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Val, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Val::Other(JsonType::Array))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Val, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Val::Other(JsonType::Object))
            }
        }
        d.deserialize_any(V)
    }
}

impl Val {
    fn kind(&self) -> JsonType {
        match self {
            Val::Null => JsonType::Null,
            Val::Str(_) => JsonType::String,
            Val::Int(_) => JsonType::Number,
            Val::Other(t) => *t,
        }
    }
}

/// One JSON item: an object (its article fields) or something else (typed).
enum Entry {
    Item(Box<RawItem>),
    NotObject(JsonType),
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
                Ok(Entry::NotObject(JsonType::Array))
            }
            fn visit_unit<E>(self) -> Result<Entry, E> {
                Ok(Entry::NotObject(JsonType::Null))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Entry, E> {
                Ok(Entry::NotObject(JsonType::Bool))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Entry, E> {
                Ok(Entry::NotObject(JsonType::Number))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Entry, E> {
                Ok(Entry::NotObject(JsonType::Number))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Entry, E> {
                Ok(Entry::NotObject(JsonType::Number))
            }
            fn visit_str<E>(self, _: &str) -> Result<Entry, E> {
                Ok(Entry::NotObject(JsonType::String))
            }
        }
        d.deserialize_any(V)
    }
}

/// Turns a JSON item, the `n`-th of the file, into an article.
fn to_article(
    origin: &Origin,
    place: Place,
    n: usize,
    entry: Entry,
    warnings: &mut Warnings,
) -> Result<Option<ArticleInput>, ImportError> {
    let fail = |kind| origin.fail(Some(place), kind);
    let item = match entry {
        Entry::Item(item) => item,
        Entry::NotObject(found) => return Err(fail(Kind::NotAnObject { found })),
    };
    let RawItem { text, id, title, date, source, .. } = *item;
    let text = match text {
        Some(Val::Str(s)) => s,
        None | Some(Val::Null) => return Err(fail(Kind::TextMissing)),
        Some(v) => return Err(fail(Kind::NotAString { field: "text", found: v.kind() })),
    };
    let string = |field: &'static str, v: Option<Val>, ints: bool| -> Result<Option<String>, ImportError> {
        match v {
            None | Some(Val::Null) => Ok(None),
            Some(Val::Str(s)) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
            Some(Val::Int(s)) if ints => Ok(Some(s)),
            Some(v) => Err(fail(Kind::NotAString { field, found: v.kind() })),
        }
    };
    // Whole-number ids (common in datasets) are taken as their decimal text.
    let id = string("id", id, true)?;
    let title = string("title", title, false)?;
    let date = string("date", date, false)?;
    let source = string("source", source, false)?;
    if text.trim().is_empty() {
        warnings.push(Some(place), WarningKind::EmptyText);
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
    warnings: &'w mut Warnings<'a>,
    out: Vec<(Place, ArticleInput)>,
    error: Option<ImportError>,
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
            let place = Place::Item(n);
            match to_article(self.origin, place, n, entry, self.warnings) {
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

pub(super) fn parse_json_array<'a>(
    origin: &Origin<'a>,
    text: &str,
    warnings: &mut Warnings<'a>,
) -> Result<Parsed, JsonFail> {
    let mut seed = ArraySeed { origin, warnings, out: Vec::new(), error: None };
    let mut de = serde_json::Deserializer::from_str(text);
    let result = (&mut seed).deserialize(&mut de).and_then(|()| de.end());
    if let Some(e) = seed.error.take() {
        return Err(JsonFail::Content(e));
    }
    if let Err(e) = result {
        return Err(JsonFail::Syntax(Kind::BadJson((&e).into())));
    }
    if seed.out.is_empty() {
        return Err(JsonFail::Content(origin.fail(None, Kind::EmptyList)));
    }
    Ok(Parsed::Items(seed.out))
}

/// A top-level object: an export, a single article, or the first line of JSON Lines.
pub(super) fn parse_json_object_or_lines<'a>(
    origin: &Origin<'a>,
    text: &str,
    warnings: &mut Warnings<'a>,
) -> Result<Parsed, JsonFail> {
    let content = |kind| JsonFail::Content(origin.fail(None, kind));
    match serde_json::from_str::<Entry>(text) {
        Ok(Entry::Item(item)) => match &item.format {
            Some(Val::Str(f)) if f == export::FORMAT => {
                export::parse_export(text).map(|e| Parsed::Export(Box::new(e))).map_err(|e| content(Kind::Export(e)))
            }
            Some(f) if item.text.is_none() => Err(content(Kind::WrongFormat(match f {
                Val::Str(s) => FormatField::Text(s.clone()),
                other => FormatField::Other(other.kind()),
            }))),
            _ => {
                if item.text.is_none() {
                    return Err(content(Kind::NeitherArticleNorExport));
                }
                let article =
                    to_article(origin, Place::Object, 1, Entry::Item(item), warnings).map_err(JsonFail::Content)?;
                Ok(Parsed::Items(article.map(|a| vec![(Place::Object, a)]).unwrap_or_default()))
            }
        },
        // Text starting with `{` always deserializes to an object or fails; kept total anyway.
        Ok(Entry::NotObject(found)) => Err(JsonFail::Syntax(Kind::NotAnObject { found })),
        Err(whole) => {
            // JSON Lines: several lines, the first of them a JSON value on its own.
            // (a bad line anywhere, the first included, is skipped there, not fatal here).
            let lines: Vec<&str> = text.split('\n').filter(|l| !l.trim().is_empty()).collect();
            let some_ok = lines.iter().any(|l| serde_json::from_str::<IgnoredAny>(l).is_ok());
            if lines.len() >= 2 && some_ok {
                parse_json_lines(origin, text, warnings)
            } else {
                Err(JsonFail::Syntax(Kind::BadJson((&whole).into())))
            }
        }
    }
}

/// JSON Lines: one article per line. A line that cannot be read is named (once, by its
/// number) and skipped, and the others are kept; only a file with no readable line fails.
fn parse_json_lines<'a>(origin: &Origin<'a>, text: &str, warnings: &mut Warnings<'a>) -> Result<Parsed, JsonFail> {
    let mut out = Vec::new();
    let (mut n, mut bad) = (0, 0);
    let mut first_error = None;
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        n += 1;
        let place = Place::Line(i + 1);
        let read = serde_json::from_str::<Entry>(line)
            .map_err(|e| origin.fail(Some(place), Kind::BadJson((&e).into())))
            .and_then(|entry| to_article(origin, place, n, entry, warnings));
        match read {
            Ok(Some(a)) => out.push((place, a)),
            Ok(None) => {}
            Err(e) => {
                bad += 1;
                warnings.push(Some(place), WarningKind::BadLine(e.kind.clone()));
                first_error.get_or_insert(e);
            }
        }
    }
    if out.is_empty() {
        if let Some(e) = first_error {
            return Err(JsonFail::Content(e));
        }
    }
    if bad > 0 {
        warnings.push(None, WarningKind::KeptLines { kept: n - bad, total: n });
    }
    Ok(Parsed::Items(out))
}
