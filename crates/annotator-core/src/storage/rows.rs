//! The compact shard form of the person's own annotations (`sa/v1/ann/<doc id>` and
//! `sa/v1/gold/<doc id>`, docs/FORMAT.md §3, layout 3).
//!
//! Why: these keys live in localStorage, whose quota counts characters (about 5.2 M UTF-16
//! units per origin in Chromium), and a project's own decisions must fit there with room to
//! spare: 100,000 decided sentences. A record as a JSON object took about 78 characters (the
//! key names, the 13-digit time, the span's brackets, the label's name again and again); as
//! one row of a text table it takes about 23: the index and the time as differences from the
//! row before, in base 36, the labels and the suggestion as positions in the shard's own list
//! of names, the span as its distance from the row before and its length. Free text (notes,
//! an odd fingerprint) goes beside the table, so a row needs no escaping. Rows read back to
//! exactly the records written (property test), and layout 2's JSON shards still read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::AnnShard;
use crate::annotations::{Annotation, DocAnnotations};

/// The shard as stored: either form. `r` present: the rows of layout 3; else `s`, layout 2's
/// records by index.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    seg: String,
    /// Layout 2: records by sentence index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    s: Option<DocAnnotations>,
    /// The names the rows refer to by position: labels and suggestions.
    #[serde(rename = "L", default, skip_serializing_if = "Vec::is_empty")]
    names: Vec<String>,
    /// Layout 3: one row per record, each ended by `;`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    r: Option<String>,
    /// Notes by sentence index.
    #[serde(rename = "n", default, skip_serializing_if = "BTreeMap::is_empty")]
    notes: BTreeMap<usize, String>,
    /// Fingerprints that are not plain letters and digits, by sentence index (the row says `~`).
    #[serde(rename = "H", default, skip_serializing_if = "BTreeMap::is_empty")]
    odd: BTreeMap<usize, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    o: Vec<(usize, Annotation)>,
}

/// The shard in layout 3's form (JSON with a table of rows).
pub fn encode(shard: &AnnShard) -> String {
    let mut out = Stored { seg: shard.seg.clone(), o: shard.o.clone(), ..Default::default() };
    let mut rows = String::with_capacity(24 * shard.s.len());
    let mut prev = Prev::default();
    for (&index, a) in shard.s.iter() {
        let mut fields: [String; 6] = Default::default();
        fields[0] = base36((index as i128) - prev.index - 1, true);
        let mut labels: Vec<String> =
            a.labels.iter().map(|l| base36(name_at(&mut out.names, l) as i128, false)).collect();
        if a.none {
            labels.push("-".into());
        }
        fields[1] = labels.join(".");
        if a.unsure {
            fields[1].push('?');
        }
        fields[2] = base36(i128::from(a.updated) - prev.t, true);
        fields[3] = if plain(&a.fingerprint) {
            a.fingerprint.clone()
        } else {
            out.odd.insert(index, a.fingerprint.clone());
            "~".into()
        };
        if let Some((start, end)) = a.span {
            let (start, end) = (start as i128, end as i128);
            fields[4] = format!("{}.{}", base36(start - prev.end, true), base36(end - start, true));
            prev.end = end;
        }
        if let Some(g) = &a.suggested {
            fields[5] = base36(name_at(&mut out.names, g) as i128, false);
        }
        if !a.note.is_empty() {
            out.notes.insert(index, a.note.clone());
        }
        let used = fields.iter().rposition(|f| !f.is_empty()).map_or(0, |i| i + 1);
        rows.push_str(&fields[..used].join(","));
        rows.push(';');
        prev.index = index as i128;
        prev.t = i128::from(a.updated);
    }
    out.r = Some(rows);
    serde_json::to_string(&out).unwrap_or_default()
}

/// Either form back to the shard.
pub fn decode(json: &str) -> Result<AnnShard, String> {
    decode_form(json).map(|(shard, _)| shard)
}

/// Either form back to the shard, and whether it was layout 2's JSON records (`Form::Json`).
pub fn decode_form(json: &str) -> Result<(AnnShard, Form), String> {
    let stored: Stored = serde_json::from_str(json).map_err(|e| format!("unreadable annotations: {e}"))?;
    let Some(rows) = stored.r else {
        return Ok((AnnShard { seg: stored.seg, s: stored.s.unwrap_or_default(), o: stored.o }, Form::Json));
    };
    let mut s = DocAnnotations::new();
    let mut prev = Prev::default();
    if rows.is_empty() {
        return Ok((AnnShard { seg: stored.seg, s, o: stored.o }, Form::Rows));
    }
    let body = rows.strip_suffix(';').ok_or("unreadable annotations: the rows do not end with ';'")?;
    for (n, row) in body.split(';').enumerate() {
        let bad = |what: &str| format!("unreadable annotations: row {} ({row:?}): {what}", n + 1);
        let mut fields = row.split(',');
        let mut next = || fields.next().unwrap_or("");
        let index = prev.index + 1 + number(next(), true).ok_or_else(|| bad("index"))?;
        let index = usize::try_from(index).map_err(|_| bad("index"))?;
        let mut a = Annotation::default();
        let mut labels = next();
        if let Some(l) = labels.strip_suffix('?') {
            a.unsure = true;
            labels = l;
        }
        for part in labels.split('.').filter(|p| !p.is_empty()) {
            if part == "-" {
                a.none = true;
            } else {
                a.labels.push(name(&stored.names, part).ok_or_else(|| bad("label"))?);
            }
        }
        let t = prev.t + number(next(), true).ok_or_else(|| bad("time"))?;
        a.updated = u64::try_from(t).map_err(|_| bad("time"))?;
        a.fingerprint = match next() {
            "~" => stored.odd.get(&index).cloned().ok_or_else(|| bad("fingerprint"))?,
            h => h.to_owned(),
        };
        let span = next();
        if !span.is_empty() {
            let (from, len) = span.split_once('.').ok_or_else(|| bad("span"))?;
            let start = prev.end + number(from, true).ok_or_else(|| bad("span"))?;
            let end = start + number(len, true).ok_or_else(|| bad("span"))?;
            let to_usize = |x: i128| usize::try_from(x).map_err(|_| bad("span"));
            a.span = Some((to_usize(start)?, to_usize(end)?));
            prev.end = end;
        }
        let g = next();
        if !g.is_empty() {
            a.suggested = Some(name(&stored.names, g).ok_or_else(|| bad("suggestion"))?);
        }
        if !next().is_empty() {
            return Err(bad("too many fields"));
        }
        if let Some(note) = stored.notes.get(&index) {
            a.note = note.clone();
        }
        if s.insert(index, a).is_some() {
            return Err(bad("index repeated"));
        }
        prev.index = index as i128;
        prev.t = t;
    }
    Ok((AnnShard { seg: stored.seg, s, o: stored.o }, Form::Rows))
}

/// The form a shard was stored in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Layout 2: JSON records by index (`s`).
    Json,
    /// Layout 3: the rows (`r`).
    Rows,
}

/// What the next row's differences are taken from.
struct Prev {
    index: i128,
    t: i128,
    end: i128,
}

impl Default for Prev {
    fn default() -> Prev {
        Prev { index: -1, t: 0, end: 0 }
    }
}

/// The position of `name` in the shard's names, added when new.
fn name_at(names: &mut Vec<String>, name: &str) -> usize {
    match names.iter().position(|n| n == name) {
        Some(i) => i,
        None => {
            names.push(name.to_owned());
            names.len() - 1
        }
    }
}

fn name(names: &[String], digits: &str) -> Option<String> {
    let i = usize::try_from(number(digits, false)?).ok()?;
    names.get(i).cloned()
}

/// A fingerprint the row can hold as it is: ASCII letters and digits (every fingerprint this
/// page writes is 8 hex digits).
fn plain(h: &str) -> bool {
    h != "~" && h.bytes().all(|b| b.is_ascii_alphanumeric())
}

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// `n` in base 36, lower case; with `blank_zero`, 0 is the empty string (the usual difference).
fn base36(n: i128, blank_zero: bool) -> String {
    if n == 0 {
        return if blank_zero { String::new() } else { "0".into() };
    }
    let mut digits = Vec::new();
    let mut m = n.unsigned_abs();
    while m > 0 {
        digits.push(DIGITS[(m % 36) as usize]);
        m /= 36;
    }
    if n < 0 {
        digits.push(b'-');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// Reads `base36`; at most 26 digits (beyond any `u64` difference), so it cannot overflow.
fn number(s: &str, blank_zero: bool) -> Option<i128> {
    if s.is_empty() {
        return blank_zero.then_some(0);
    }
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    if digits.is_empty() || digits.len() > 26 {
        return None;
    }
    let mut n: i128 = 0;
    for b in digits.bytes() {
        let d = DIGITS.iter().position(|&x| x == b)?;
        n = n * 36 + d as i128;
    }
    Some(if neg { -n } else { n })
}

#[cfg(test)]
#[path = "rows_tests.rs"]
mod tests;
