"""The page benchmark (`scripts/bench_page.py`, `make bench`), one module per concern:

- cli.py: the options, the configuration and the order of the run (its docstring is --help);
- browser.py: the bench's Chromium (the e2e harness's, with the in-page instrumentation),
  fresh origins, opening the page, CPU profiles;
- stats.py: the log line, percentiles and the summary of a series;
- corpus.py: the generated inputs (examples/gen_corpus.rs) and the annotators' exports;
- loading.py: cold start and the import of the corpus (with the memory after it);
- mainthread.py: all a key costs the main thread (TaskDuration), Event Timing, a held j at 4x;
- keys.py: key-to-paint, key handling in the page, the same with the CPU throttled;
- storage.py: the cost of saving per key press with few and with many labels stored;
- agreement.py: the agreement panel's opening with 8 annotators;
- size.py: the page's files gzipped and brotli-compressed;
- lighthouse.py: Lighthouse's mobile scores of dist/ behind the README's nginx (brotli);
- native.py: `cargo bench` (segmentation, agreement) run and parsed;
- report.py: the table, the notes, bench-report.json;
- readme.py: the bench table of docs/DEVELOPMENT.md, between its bench-table markers.

Every browser is the end-to-end tests' (tests/e2e/harness), put on the import path here.
"""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The Markdown file whose bench table --write-readme rewrites (its Performance section).
BENCH_DOC = REPO / "docs" / "DEVELOPMENT.md"
if str(REPO / "tests" / "e2e") not in sys.path:
    sys.path.insert(0, str(REPO / "tests" / "e2e"))
