"""The bench's inputs: generated articles, corpora and stored states (examples/gen_corpus.rs,
deterministic), and the annotators' exports of the agreement section, made from the page's
own export."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

from . import REPO
from .stats import log


class Gen:
    """Runs examples/gen_corpus.rs (a built binary, or through `cargo run --release`)."""

    def __init__(self, binary: str | None):
        self.binary = binary
        if not binary:
            log("building examples/gen_corpus.rs (cargo build --release --example gen_corpus)")
            subprocess.run(["cargo", "build", "--release", "--example", "gen_corpus", "-q"], cwd=REPO, check=True)

    def __call__(self, *args) -> dict:
        cmd = [self.binary] if self.binary else ["cargo", "run", "-q", "--release", "--example", "gen_corpus", "--"]
        out = subprocess.run(cmd + [str(a) for a in args], cwd=REPO, check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


def colleague_exports(export: dict, doc_id: str, names: list[str], out_dir: Path, seed: int = 11) -> list[Path]:
    """One export file per name, from the page's own export (docs/FORMAT.md §1) cut to document
    `doc_id`: every sentence gets seeded random decisions: a "truth" per sentence (none 55%,
    claim 25%, denial 12%, demand 8%), each annotator finding it with their own accuracy (70-90%)
    and else picking any of the four, and leaving ~10% undecided."""
    rng = random.Random(seed)
    labels = export["labels"]
    doc = next(d for d in export["documents"] if d["id"] == doc_id)
    cats = [[label] for label in labels] + [[]]  # the labels, then "none applies"
    shares = [0.25, 0.12, 0.08][: len(labels)] + [0.55]
    truth = [rng.choices(range(len(cats)), weights=shares)[0] for _ in doc["sentences"]]
    paths = []
    for k, name in enumerate(names):
        acc = 0.70 + 0.20 * rng.random()
        sentences = []
        for s, t in zip(doc["sentences"], truth):
            s = {key: s[key] for key in ("index", "start", "end", "text")}
            if rng.random() < 0.10:
                s.update(labels=[], decided=False)
            else:
                c = t if rng.random() < acc else rng.randrange(len(cats))
                s.update(labels=list(cats[c]), decided=True)
            sentences.append(s)
        data = {key: export[key] for key in ("format", "version", "exported_at", "app_version", "segmenter", "labels")}
        data["annotator"] = name
        data["documents"] = [{**{key: doc[key] for key in ("id", "source", "title", "date", "text")},
                              "done": False, "sentences": sentences}]
        p = out_dir / f"annotations-{k}-{name}.json"
        p.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(p)
    return paths
