//! Bytes to text: UTF-8 with or without a byte order mark, UTF-16 LE/BE with one. Anything
//! else (binary files, UTF-32, other encodings, NULs) is refused with the reason, since a
//! wrongly decoded article would be annotated as garbage.

use super::error::ImportErrorKind;
use super::sniff::{looks_like_utf16, sniff_binary};

/// Decodes a text file. Binary files are refused by their content (magic numbers, NUL
/// bytes), whatever their extension.
pub(super) fn decode(bytes: &[u8]) -> Result<String, ImportErrorKind> {
    if let Some(kind) = sniff_binary(bytes) {
        return Err(ImportErrorKind::Binary(kind));
    }
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(ImportErrorKind::Utf32);
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_utf16(rest, u16::from_be_bytes)?
    } else {
        let (rest, offset) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            Some(rest) => (rest, 3),
            None => (bytes, 0),
        };
        if rest.contains(&0) {
            // ASCII text in UTF-16 has a NUL in every other byte.
            return Err(if looks_like_utf16(rest) {
                ImportErrorKind::Utf16WithoutBom
            } else {
                ImportErrorKind::NulBytes
            });
        }
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_owned(),
            Err(e) => return Err(ImportErrorKind::BadUtf8 { byte: e.valid_up_to() + offset }),
        }
    };
    if text.contains('\0') {
        return Err(ImportErrorKind::NulCharacters);
    }
    Ok(text)
}

/// UTF-16 after its byte order mark; positions in errors count the mark.
fn decode_utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ImportErrorKind> {
    if !body.len().is_multiple_of(2) {
        return Err(ImportErrorKind::Utf16OddLength);
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
            Err(_) => return Err(ImportErrorKind::Utf16LoneSurrogate { byte: 2 + 2 * pos }),
        }
    }
    Ok(out)
}
