//! Packing of stored article text, 15 bits to a character: localStorage's quota counts
//! UTF-16 units, so packed bytes stored nearly twice the text of plain JSON. Layout 1 kept
//! articles packed in localStorage; layout 2 keeps them as plain JSON in IndexedDB, and a
//! packed value (moved there unchanged) is still read.

/// Marker of a packed value: `~1<byte count>:` then the characters.
pub(super) const PACKED: &str = "~1";
/// Packed characters are U+0800 + a 15-bit value: one UTF-16 unit each, never a surrogate.
const PACK_BASE: u32 = 0x0800;

/// Packs bytes into characters of 15 bits each (what layout 1 stored; tests write it).
#[cfg(test)]
pub fn pack(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
    out.push_str(PACKED);
    out.push_str(&bytes.len().to_string());
    out.push(':');
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(pack_char((acc >> bits) & 0x7FFF));
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        out.push(pack_char((acc << (15 - bits)) & 0x7FFF));
    }
    out
}

#[cfg(test)]
fn pack_char(v: u32) -> char {
    // PACK_BASE + v < 0x8800: a valid scalar value outside the surrogate range.
    char::from_u32(PACK_BASE + v).unwrap_or('\u{FFFD}')
}

/// The inverse of `pack`, checking everything (a damaged value is an error, not a panic).
pub fn unpack(raw: &str) -> Result<String, String> {
    let rest = raw.strip_prefix(PACKED).ok_or("not a packed value")?;
    let (len, body) = rest.split_once(':').ok_or("packed value without length")?;
    let len: usize = len.parse().map_err(|_| "packed value with a bad length")?;
    let mut bytes = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in body.chars() {
        let v = u32::from(c)
            .checked_sub(PACK_BASE)
            .filter(|v| *v <= 0x7FFF)
            .ok_or("packed value with a foreign character")?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && bytes.len() < len {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bytes.len() != len {
        return Err("packed value is truncated".into());
    }
    String::from_utf8(bytes).map_err(|_| "packed value is not UTF-8".into())
}

// proptest is a native dev-dependency only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod pack_props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn pack_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let packed = pack(&bytes);
            // Only checked for UTF-8 on the way out: compare the bit stream itself.
            match String::from_utf8(bytes.clone()) {
                Ok(s) => prop_assert_eq!(unpack(&packed).unwrap(), s),
                Err(_) => prop_assert!(unpack(&packed).is_err()),
            }
            prop_assert!(packed.encode_utf16().count() <= 16 + (bytes.len() * 8).div_ceil(15) + 1);
            prop_assert!(packed.chars().skip(2).all(|c| !(0xD800..=0xDFFF).contains(&u32::from(c))));
        }

        #[test]
        fn unpack_never_panics(s in "\\PC*") {
            let _ = unpack(&format!("~1{s}"));
        }
    }
}
