//! Telling a binary file by its first bytes (magic numbers), whatever its extension: a PDF
//! or a ZIP archive dropped by mistake gets a message saying so, not a page of garbage.

use super::error::BinaryKind;

/// What kind of binary file `b` is, by its magic number.
pub(super) fn sniff_binary(b: &[u8]) -> Option<BinaryKind> {
    use BinaryKind as K;
    const MAGIC: &[(&[u8], BinaryKind)] = &[
        (b"%PDF-", K::Pdf),
        (b"PK\x03\x04", K::ZipOrOffice),
        (b"PK\x05\x06", K::Zip),
        (b"PK\x07\x08", K::Zip),
        (b"\x89PNG\r\n\x1a\n", K::Png),
        (b"\xFF\xD8\xFF", K::Jpeg),
        (b"GIF87a", K::Gif),
        (b"GIF89a", K::Gif),
        (b"\x1F\x8B", K::Gzip),
        (b"\0asm", K::WebAssembly),
        (b"\x7FELF", K::Elf),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", K::OldOffice),
        (b"7z\xBC\xAF\x27\x1C", K::SevenZip),
        (b"Rar!\x1A\x07", K::Rar),
        (b"\xFD7zXZ\x00", K::Xz),
        (b"\x28\xB5\x2F\xFD", K::Zstd),
        (b"OggS\0", K::Ogg),
        (b"fLaC", K::Flac),
        (b"SQLite format 3\0", K::Sqlite),
        (b"\xCA\xFE\xBA\xBE", K::JavaOrMacOs),
        (b"\xCF\xFA\xED\xFE", K::MacOs),
        (b"\xCE\xFA\xED\xFE", K::MacOs),
        (b"II*\0", K::Tiff),
        (b"MM\0*", K::Tiff),
        (b"wOFF", K::WebFont),
        (b"wOF2", K::WebFont),
        (b"{\\rtf", K::Rtf),
    ];
    for (magic, kind) in MAGIC {
        if b.starts_with(magic) {
            return Some(*kind);
        }
    }
    if b.len() >= 10 && b.starts_with(b"BZh") && b[3].is_ascii_digit() && &b[4..10] == b"1AY&SY" {
        return Some(K::Bzip2);
    }
    if b.len() >= 12 && b.starts_with(b"RIFF") {
        match &b[8..12] {
            b"WEBP" => return Some(K::WebP),
            b"WAVE" => return Some(K::Wav),
            b"AVI " => return Some(K::Avi),
            _ => {}
        }
    }
    if b.len() >= 12 && &b[4..8] == b"ftyp" {
        return Some(K::Mp4);
    }
    if b.len() >= 5 && b.starts_with(b"ID3") && (2..=4).contains(&b[3]) && b[4] < 0x10 {
        return Some(K::Mp3);
    }
    if b.starts_with(b"MZ") && b[..b.len().min(64)].contains(&0) {
        return Some(K::WindowsExe);
    }
    None
}

/// Bytes with NULs in them that look like ASCII text in UTF-16 (without a byte order mark):
/// a NUL in nearly every other byte, and none in between.
pub(super) fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let half = head.len() / 2;
    half >= 4 && (even * 10 >= half * 8 && odd == 0 || odd * 10 >= half * 8 && even == 0)
}
