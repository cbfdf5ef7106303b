//! Files for other tools that cannot read the JSONL view as it is (docs/FORMAT.md §2,
//! "Files for other tools"), each written the way that tool's own reader expects, so a
//! person needs no converter of their own:
//! - Label Studio: its task list (JSON) with each decided sentence as an annotation, and the
//!   labelling config (XML) that names the same labels;
//! - Hugging Face `datasets`: a dataset card (`README.md`) whose YAML front matter names the
//!   JSONL file and its features, so `load_dataset` needs no arguments and never guesses a
//!   column's type from the first lines (a file starting with undecided sentences has only
//!   `[]` labels and `null` suggestions there).

use serde::Serialize;
use serde_json::json;

use super::{ExportDoc, ExportSentence, ExportV1};
use crate::labels::LabelSet;

/// The name of the choices control in the labelling config, and of the text it labels.
const LS_FROM: &str = "label";
const LS_TO: &str = "text";

#[derive(Serialize)]
struct LsTask<'a> {
    data: LsData<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<serde_json::Value>,
}

/// A task's data: the sentence and where it is, as in the JSONL view.
#[derive(Serialize)]
struct LsData<'a> {
    text: &'a str,
    document_id: &'a str,
    sentence_index: usize,
    start: usize,
    end: usize,
    annotator: Option<&'a str>,
    decided: bool,
    suggested: Option<&'a str>,
    note: &'a str,
    unsure: bool,
}

/// A decided sentence's annotation: its labels as the choices of the config's control; "none
/// applies" is an annotation with no choice (an empty `result`).
fn ls_annotation(s: &ExportSentence) -> serde_json::Value {
    let result: Vec<serde_json::Value> = if s.labels.is_empty() {
        Vec::new()
    } else {
        vec![json!({
            "from_name": LS_FROM,
            "to_name": LS_TO,
            "type": "choices",
            "value": { "choices": s.labels },
        })]
    };
    json!({ "result": result })
}

/// Label Studio's JSON task list: one task per sentence (`data` as the JSONL's line), with
/// one annotation when the sentence is decided. Import it into a project whose labelling
/// config is `label_studio_config`.
pub fn to_label_studio(export: &ExportV1) -> String {
    let mut tasks = Vec::new();
    for doc in &export.documents {
        for s in &doc.sentences {
            let decided = s.is_decided();
            tasks.push(LsTask {
                data: LsData {
                    text: &s.text,
                    document_id: &doc.id,
                    sentence_index: s.index,
                    start: s.start,
                    end: s.end,
                    annotator: export.annotator.as_deref(),
                    decided,
                    suggested: s.suggested.as_deref(),
                    note: &s.note,
                    unsure: s.unsure,
                },
                annotations: if decided { vec![ls_annotation(s)] } else { Vec::new() },
            });
        }
    }
    let mut out = serde_json::to_string_pretty(&tasks).unwrap_or_default();
    out.push('\n');
    out
}

fn xml_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c < ' ' => {}
            c => out.push(c),
        }
    }
    out
}

/// Label Studio's labelling config for the task list: the sentence and one choice per label
/// of `names` (the export's `labels`), with each label's description from `set` as its hint;
/// several choices at once when `multi_label`.
pub fn label_studio_config(names: &[String], set: &LabelSet, multi_label: bool) -> String {
    let mut out = String::from("<View>\n");
    out.push_str(&format!("  <Text name=\"{LS_TO}\" value=\"${LS_TO}\"/>\n"));
    let choice = if multi_label { "multiple" } else { "single" };
    out.push_str(&format!(
        "  <Choices name=\"{LS_FROM}\" toName=\"{LS_TO}\" choice=\"{choice}\" showInline=\"true\">\n"
    ));
    for name in names {
        let hint = set.labels.iter().find(|l| &l.name == name).map(|l| l.description.trim()).unwrap_or_default();
        if hint.is_empty() {
            out.push_str(&format!("    <Choice value=\"{}\"/>\n", xml_attr(name)));
        } else {
            out.push_str(&format!("    <Choice value=\"{}\" hint=\"{}\"/>\n", xml_attr(name), xml_attr(hint)));
        }
    }
    out.push_str("  </Choices>\n</View>\n");
    out
}

/// The JSONL view's features in the card's YAML (`datasets`' own notation): each key of a
/// line with its type, in the order of the line.
const FEATURES: &[(&str, &str)] = &[
    ("text", "dtype: string"),
    ("label", "list: string"),
    ("document_id", "dtype: string"),
    ("sentence_index", "dtype: int64"),
    ("start", "dtype: int64"),
    ("end", "dtype: int64"),
    ("annotator", "dtype: string"),
    ("decided", "dtype: bool"),
    ("suggested", "dtype: string"),
    ("note", "dtype: string"),
    ("unsure", "dtype: bool"),
];

/// A gold export's further keys.
const GOLD_FEATURES: &[(&str, &str)] =
    &[("curator", "dtype: string"), ("gold", "dtype: string"), ("status", "dtype: string")];

/// What the dataset card says of the data: counted from a whole export (`of`), or document
/// by document as a `Stream` writes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardCounts {
    documents: usize,
    sentences: usize,
    decided: usize,
    /// Decided with no label: none applies.
    none: usize,
    /// Sentences carrying each label.
    by_label: std::collections::BTreeMap<String, usize>,
    /// A gold export's lines (with the ratings).
    gold: bool,
}

impl CardCounts {
    pub fn of(export: &ExportV1) -> CardCounts {
        let mut c = CardCounts::default();
        for d in &export.documents {
            c.add(d);
        }
        c
    }

    pub(super) fn add(&mut self, doc: &ExportDoc) {
        self.documents += 1;
        for s in &doc.sentences {
            self.sentences += 1;
            let decided = s.is_decided();
            self.decided += usize::from(decided);
            self.none += usize::from(decided && s.labels.is_empty());
            self.gold |= s.annotations.is_some();
            for (i, l) in s.labels.iter().enumerate() {
                if !s.labels[..i].contains(l) {
                    *self.by_label.entry(l.clone()).or_default() += 1;
                }
            }
        }
    }
}

/// A YAML string in double quotes.
fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The Hugging Face dataset card (`README.md`) of the JSONL view of `export`, saved as
/// `jsonl_name`: put both in one folder and `datasets.load_dataset("<folder>")` reads the
/// file with these features, whatever its first lines hold.
pub fn hf_card(export: &ExportV1, jsonl_name: &str) -> String {
    hf_card_counted(export, &CardCounts::of(export), jsonl_name)
}

/// `hf_card` of the export whose fields are `header`'s and whose documents `counts` counted
/// (a streamed export's).
pub fn hf_card_counted(header: &ExportV1, counts: &CardCounts, jsonl_name: &str) -> String {
    let export = header;
    let mut y = String::from("---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n");
    y.push_str(&format!("    path: {}\n", yaml_str(jsonl_name)));
    y.push_str("dataset_info:\n  config_name: default\n  features:\n");
    let gold = counts.gold;
    let extra: &[(&str, &str)] = if gold { GOLD_FEATURES } else { &[] };
    for (name, ty) in FEATURES.iter().chain(extra) {
        y.push_str(&format!("  - name: {name}\n    {ty}\n"));
    }
    if gold {
        y.push_str("  - name: annotations\n    list:\n    - name: annotator\n      dtype: string\n");
        y.push_str("    - name: label\n      list: string\n");
    }
    y.push_str("task_categories:\n- text-classification\n---\n\n");

    let decided = counts.decided;
    let who = match (&export.curator, &export.annotator) {
        (Some(c), _) => format!("gold labels of curator {c}"),
        (None, Some(a)) => format!("annotations of {a}"),
        (None, None) => "annotations (no annotator name was set)".to_owned(),
    };
    let mut b = format!("# Sentence annotations\n\nSentence Annotator export: {who}, ");
    b.push_str(&format!(
        "{} sentences of {} documents, {decided} decided; exported {}.\n\n",
        counts.sentences,
        counts.documents,
        if export.exported_at.is_empty() { "at an unknown time" } else { &export.exported_at }
    ));
    b.push_str("| label | sentences |\n| --- | --- |\n");
    for l in &export.labels {
        let n = counts.by_label.get(l).copied().unwrap_or_default();
        b.push_str(&format!("| {} | {n} |\n", l.replace('|', "\\|")));
    }
    let none = counts.none;
    b.push_str(&format!("| (none applies) | {none} |\n\n"));
    b.push_str(&format!(
        "Data: `{jsonl_name}`, one sentence a line. `label` is a list (several labels per sentence \
         are possible); a sentence with `decided: false` is not annotated yet, and one with \
         `decided: true` and `label: []` is one to which none of the labels applies. `start` and \
         `end` are code points into the article's text.\n\n"
    ));
    b.push_str("```python\nfrom datasets import load_dataset\n\n");
    b.push_str("ds = load_dataset(\"path/to/this/folder\")  # the folder of this README.md and the .jsonl\n```\n");
    y + &b
}
