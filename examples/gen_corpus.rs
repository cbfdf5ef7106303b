//! Deterministic inputs for the page benchmark (`scripts/bench_page.py`, `make bench`).
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR N_ARTICLES TOTAL_BYTES [SEED]
//!     N_ARTICLES `.txt` files from `newsgen::corpus` (file name = document id).
//! cargo run --release --example gen_corpus -- article OUT_FILE SENTENCES [SEED]
//!     one `newsgen` article cut to exactly SENTENCES sentences (as our segmenter splits it).
//! cargo run --release --example gen_corpus -- jsonl OUT_DIR FILES ARTICLES_PER_FILE TOTAL_BYTES [SEED]
//!     FILES `.jsonl` files of ARTICLES_PER_FILE `newsgen` articles each, one `{"id", "text"}`
//!     object per line (docs/FORMAT.md §1): a real project's corpus, for the `project` section.
//! cargo run --release --example gen_corpus -- storage OUT_JSON DOCS SENTS_PER_DOC LABELS
//!     a JSON object {localStorage key: value}: DOCS imported articles of SENTS_PER_DOC short
//!     sentences (`sa/v1/doc/<id>`), LABELS labelled sentences spread over them in document
//!     order (`sa/v1/ann/<id>`, right fingerprints) and `sa/v1/meta` opening the first one.
//! ```
//! Every value is made with the crate's own `core::storage` encoders, so the page reads it
//! as if it had written it. Prints one summary line (JSON) on stdout.

use std::collections::BTreeMap;
use std::path::Path;

use annotator_core::annotations::{Annotation, DocAnnotations};
use annotator_core::document::{ArticleInput, Document};
use annotator_core::storage::{self, Meta, Settings, LAYOUT};
use annotator_core::text;

fn usage() -> ! {
    eprintln!(
        "usage:\n  gen_corpus OUT_DIR N_ARTICLES TOTAL_BYTES [SEED]\n  \
         gen_corpus article OUT_FILE SENTENCES [SEED]\n  \
         gen_corpus jsonl OUT_DIR FILES ARTICLES_PER_FILE TOTAL_BYTES [SEED]\n  \
         gen_corpus storage OUT_JSON DOCS SENTS_PER_DOC LABELS"
    );
    std::process::exit(2)
}

fn num<T: std::str::FromStr>(s: Option<&String>) -> T {
    s.and_then(|s| s.replace('_', "").parse().ok()).unwrap_or_else(|| usage())
}

fn doc_of(id: Option<&str>, source: &str, text: String) -> Document {
    Document::from_input(ArticleInput {
        id: id.map(str::to_owned),
        source: Some(source.to_owned()),
        text,
        ..Default::default()
    })
}

fn write(path: &Path, data: &str) {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).expect("create the output directory");
        }
    }
    std::fs::write(path, data).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn corpus(args: &[String]) {
    let dir = Path::new(args.first().unwrap_or_else(|| usage()));
    let n: usize = num(args.get(1));
    let total: usize = num(args.get(2));
    let seed: u64 = args.get(3).map_or(2024, |_| num(args.get(3)));
    let docs = newsgen::corpus(seed, n, total);
    std::fs::create_dir_all(dir).expect("create the output directory");
    let (mut bytes, mut sentences) = (0usize, 0usize);
    for (id, body) in &docs {
        bytes += body.len();
        sentences += doc_of(None, &format!("{id}.txt"), body.clone()).sentences.len();
        write(&dir.join(format!("{id}.txt")), body);
    }
    println!(
        "{{\"mode\":\"corpus\",\"dir\":{:?},\"files\":{},\"bytes\":{bytes},\"sentences\":{sentences}}}",
        dir.display().to_string(),
        docs.len()
    );
}

/// JSONL files of newsgen articles, `per_file` to a file (ids unique across the files).
fn jsonl(args: &[String]) {
    let dir = Path::new(args.first().unwrap_or_else(|| usage()));
    let files: usize = num(args.get(1));
    let per_file: usize = num(args.get(2));
    let total: usize = num(args.get(3));
    let seed: u64 = args.get(4).map_or(2026, |_| num(args.get(4)));
    let docs = newsgen::corpus(seed, files * per_file, total);
    std::fs::create_dir_all(dir).expect("create the output directory");
    let (mut bytes, mut articles) = (0usize, 0usize);
    for (f, chunk) in docs.chunks(per_file.max(1)).enumerate() {
        let mut out = String::new();
        for (id, body) in chunk {
            out.push_str(&serde_json::json!({ "id": id, "text": body }).to_string());
            out.push('\n');
            articles += 1;
        }
        bytes += out.len();
        write(&dir.join(format!("corpus-{f:02}.jsonl")), &out);
    }
    println!(
        "{{\"mode\":\"jsonl\",\"dir\":{:?},\"files\":{files},\"articles\":{articles},\"bytes\":{bytes}}}",
        dir.display().to_string()
    );
}

/// A newsgen article cut after its `want`-th sentence.
fn article(args: &[String]) {
    let path = Path::new(args.first().unwrap_or_else(|| usage()));
    let want: usize = num(args.get(1));
    let seed: u64 = args.get(2).map_or(99, |_| num(args.get(2)));
    let source = path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut approx = want * 140 + 400;
    let body = loop {
        let body = newsgen::article(seed, approx);
        let doc = doc_of(None, &source, body.clone());
        if doc.sentences.len() >= want {
            // Cut at the end of sentence `want - 1`, then check the cut text splits the same.
            let cut = doc.sentences[want - 1].end;
            let cut_text = doc.text[..cut].to_owned();
            let n = doc_of(None, &source, cut_text.clone()).sentences.len();
            if n == want {
                break cut_text;
            }
            eprintln!("gen_corpus: cut text splits into {n} sentences, not {want}; growing");
        }
        approx = approx * 5 / 4 + 200;
    };
    write(path, &body);
    let doc = doc_of(None, &source, body.clone());
    println!(
        "{{\"mode\":\"article\",\"file\":{:?},\"id\":{:?},\"bytes\":{},\"sentences\":{}}}",
        path.display().to_string(),
        doc.id,
        body.len(),
        doc.sentences.len()
    );
}

/// Short news-like sentences (so that many documents fit in localStorage with their labels).
fn short_sentence(i: usize, k: usize) -> String {
    const S: &[&str] = &["Officials", "The ministry", "Diplomats", "The Kremlin", "Analysts", "NATO"];
    const V: &[&str] = &["denied it", "said so", "demanded talks", "warned again", "agreed", "refused"];
    let h = text::fnv1a64(format!("{i}/{k}").as_bytes()) as usize;
    format!("{} {} on day {}.", S[h % S.len()], V[(h / 7) % V.len()], k + 1)
}

/// Text of document `i` with exactly `want` sentences as our segmenter splits it.
fn short_doc(i: usize, want: usize) -> Document {
    let id = format!("bench-{i:04}");
    let mut body = String::new();
    let mut k = 0;
    loop {
        if k > 0 {
            body.push_str(if k % 5 == 0 { "\n\n" } else { " " });
        }
        body.push_str(&short_sentence(i, k));
        k += 1;
        if k >= want {
            let doc = doc_of(Some(&id), &format!("{id}.txt"), body.clone());
            if doc.sentences.len() >= want || k > want * 3 {
                return doc;
            }
        }
    }
}

fn storage_map(args: &[String]) {
    let path = Path::new(args.first().unwrap_or_else(|| usage()));
    let n_docs: usize = num(args.get(1));
    let per_doc: usize = num(args.get(2));
    let mut labels_left: usize = num(args.get(3));
    let labels_wanted = labels_left;
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    let mut sentences = 0;
    let mut first = None;
    for i in 0..n_docs {
        let doc = short_doc(i, per_doc);
        sentences += doc.sentences.len();
        first.get_or_insert_with(|| doc.id.clone());
        map.insert(storage::doc_key(&doc.id), storage::encode_doc(&doc));
        if labels_left > 0 {
            let mut anns = DocAnnotations::new();
            for idx in 0..doc.sentences.len().min(labels_left) {
                anns.insert(
                    idx,
                    Annotation {
                        labels: vec!["claim".to_owned()],
                        updated: 1_763_700_000_000 + (i * per_doc + idx) as u64,
                        fingerprint: text::fingerprint(doc.sentence_text(idx)),
                        ..Default::default()
                    },
                );
            }
            labels_left -= anns.len();
            map.insert(storage::ann_key(&doc.id), storage::encode_ann(&anns));
        }
    }
    let meta =
        Meta { layout: LAYOUT, settings: Settings::default(), open_doc: first.clone(), focus: 0, ..Default::default() };
    map.insert(storage::META_KEY.to_owned(), storage::encode_meta(&meta));
    let units: usize = map.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum();
    let doc_units: usize =
        map.iter().filter(|(k, _)| k.starts_with("sa/v1/doc/")).map(|(k, v)| k.len() + v.encode_utf16().count()).sum();
    write(path, &serde_json::to_string(&map).expect("serialise the storage map"));
    println!(
        "{{\"mode\":\"storage\",\"file\":{:?},\"docs\":{n_docs},\"sentences\":{sentences},\"labels\":{},\
         \"keys\":{},\"utf16_units\":{units},\"doc_units\":{doc_units},\"open_doc\":{:?}}}",
        path.display().to_string(),
        labels_wanted - labels_left,
        map.len(),
        first.unwrap_or_default()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => usage(),
        Some("article") => article(&args[1..]),
        Some("storage") => storage_map(&args[1..]),
        Some("jsonl") => jsonl(&args[1..]),
        Some(_) => corpus(&args),
    }
}
