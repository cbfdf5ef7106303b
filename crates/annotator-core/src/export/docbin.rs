//! spaCy's binary corpus (`.spacy`, a `DocBin`), written by the page itself so a person
//! training a text classifier needs neither a converter nor spaCy to make it
//! (docs/FORMAT.md §2, "Files for other tools"). One `Doc` per decided sentence, its
//! `cats` a score per label (1.0 for its labels, 0.0 for the others: "none applies" is all
//! zeros); undecided sentences are left out, having no answer to learn from.
//!
//! The file is what spaCy's `DocBin.to_bytes` makes: a zlib stream of one MessagePack map
//! (`version`, `attrs`, `tokens`, `spaces`, `lengths`, `strings`, `cats`, `flags`,
//! `span_groups`, `user_data`). Tokens are split at white space only (spaCy aligns its
//! own tokens to them when training); each token is stored as the 64-bit MurmurHash2 of its
//! UTF-8 text (seed 1: spaCy's string hash), its text listed in `strings`. The zlib stream
//! uses stored (uncompressed) blocks: valid for every zlib reader, and no compressor here.
//! `user_data` holds the sentence's place (`document_id`, `sentence_index`, `start`, `end`)
//! and `annotator`, so each `Doc` can be traced back.

use std::collections::BTreeSet;

use super::ExportV1;

/// spaCy's attribute id of ORTH (`spacy.attrs.ORTH`), the one attribute stored per token.
const ORTH: u64 = 65;

/// spaCy's string hash: MurmurHash64A of the UTF-8 bytes, seed 1.
pub(crate) fn murmur64a(data: &[u8]) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h: u64 = 1 ^ (data.len() as u64).wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let mut k = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, b) in tail.iter().enumerate() {
            h ^= u64::from(*b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// White-space tokens with spaCy's trailing-space flags: a token is a run of non-white-space
/// characters, followed by one space it owns; other white space is a token of its own. The
/// tokens with their spaces give back the text exactly.
pub(crate) fn tokens(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let ws = rest.starts_with(char::is_whitespace);
        let len = rest.find(|c: char| c.is_whitespace() != ws).unwrap_or(rest.len());
        let (tok, after) = rest.split_at(len);
        if ws {
            out.push((tok, false));
            rest = after;
        } else if let Some(after_space) = after.strip_prefix(' ') {
            out.push((tok, true));
            rest = after_space;
        } else {
            out.push((tok, false));
            rest = after;
        }
    }
    out
}

/// A MessagePack writer for the few types the file needs.
struct Pack(Vec<u8>);

impl Pack {
    fn head(&mut self, small: u8, small_max: usize, codes: [u8; 3], n: usize) {
        if n <= small_max {
            self.0.push(small | n as u8);
        } else if codes[0] != 0 && n <= 0xff {
            self.0.extend([codes[0], n as u8]);
        } else if n <= 0xffff {
            self.0.push(codes[1]);
            self.0.extend((n as u16).to_be_bytes());
        } else {
            self.0.push(codes[2]);
            self.0.extend((n as u32).to_be_bytes());
        }
    }
    fn map(&mut self, n: usize) {
        self.head(0x80, 15, [0, 0xde, 0xdf], n);
    }
    fn array(&mut self, n: usize) {
        self.head(0x90, 15, [0, 0xdc, 0xdd], n);
    }
    fn str(&mut self, s: &str) {
        self.head(0xa0, 31, [0xd9, 0xda, 0xdb], s.len());
        self.0.extend(s.as_bytes());
    }
    fn bin(&mut self, b: &[u8]) {
        if b.len() <= 0xff {
            self.0.extend([0xc4, b.len() as u8]);
        } else if b.len() <= 0xffff {
            self.0.push(0xc5);
            self.0.extend((b.len() as u16).to_be_bytes());
        } else {
            self.0.push(0xc6);
            self.0.extend((b.len() as u32).to_be_bytes());
        }
        self.0.extend(b);
    }
    fn uint(&mut self, n: u64) {
        if n < 0x80 {
            self.0.push(n as u8);
        } else {
            self.0.push(0xcf);
            self.0.extend(n.to_be_bytes());
        }
    }
    fn float(&mut self, f: f64) {
        self.0.push(0xcb);
        self.0.extend(f.to_be_bytes());
    }
    fn bool(&mut self, b: bool) {
        self.0.push(if b { 0xc3 } else { 0xc2 });
    }
    fn nil(&mut self) {
        self.0.push(0xc0);
    }
}

/// A zlib stream of stored blocks (RFC 1950 / 1951), with its Adler-32.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    const BLOCK: usize = 0xffff;
    let mut out = Vec::with_capacity(data.len() + data.len() / BLOCK * 5 + 11);
    out.extend([0x78, 0x01]);
    let mut chunks = data.chunks(BLOCK).peekable();
    if chunks.peek().is_none() {
        out.extend([1, 0, 0, 0xff, 0xff]);
    }
    while let Some(c) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let len = c.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

/// The `.spacy` file of an export's decided sentences (see the module header).
pub fn to_docbin(export: &ExportV1) -> Vec<u8> {
    let mut hashes: Vec<u8> = Vec::new();
    let mut spaces: Vec<u8> = Vec::new();
    let mut lengths: Vec<u8> = Vec::new();
    let mut strings: BTreeSet<&str> = BTreeSet::new();
    let mut cats = Pack(Vec::new());
    let mut user = Pack(Vec::new());
    let mut n = 0usize;
    for doc in &export.documents {
        for s in doc.sentences.iter().filter(|s| s.is_decided()) {
            n += 1;
            let toks = tokens(&s.text);
            for (t, space) in &toks {
                hashes.extend(murmur64a(t.as_bytes()).to_le_bytes());
                spaces.push(u8::from(*space));
                strings.insert(t);
            }
            lengths.extend((toks.len() as i32).to_le_bytes());
            cats.map(export.labels.len());
            for l in &export.labels {
                cats.str(l);
                cats.float(if s.labels.contains(l) { 1.0 } else { 0.0 });
            }
            let mut u = Pack(Vec::new());
            u.map(5);
            u.str("document_id");
            u.str(&doc.id);
            u.str("sentence_index");
            u.uint(s.index as u64);
            u.str("start");
            u.uint(s.start as u64);
            u.str("end");
            u.uint(s.end as u64);
            u.str("annotator");
            match &export.annotator {
                Some(a) => u.str(a),
                None => u.nil(),
            }
            user.bin(&u.0);
        }
    }
    let mut p = Pack(Vec::new());
    p.map(10);
    p.str("version");
    p.str("0.1");
    p.str("attrs");
    p.array(1);
    p.uint(ORTH);
    p.str("tokens");
    p.bin(&hashes);
    p.str("spaces");
    p.bin(&spaces);
    p.str("lengths");
    p.bin(&lengths);
    p.str("strings");
    p.array(strings.len());
    for s in &strings {
        p.str(s);
    }
    p.str("cats");
    p.array(n);
    p.0.extend(cats.0);
    p.str("flags");
    p.array(n);
    for _ in 0..n {
        p.map(1);
        p.str("has_unknown_spaces");
        p.bool(false);
    }
    p.str("span_groups");
    p.array(n);
    for _ in 0..n {
        p.bin(&[]);
    }
    p.str("user_data");
    p.array(n);
    p.0.extend(user.0);
    zlib_stored(&p.0)
}
