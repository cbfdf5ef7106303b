"""Loads files into doccano 1.8.4 through its own import task and prints what doccano made of
them, as JSON. Run by tests/interop/test_interop.py with the doccano venv's Python
(scripts/interop_venv.sh); it never runs under pytest itself.

    doccano_load.py FORMAT FILE [FILE ...]      (FORMAT: JSONL or CSV)

Between files, `FORMAT=<name>` changes the format and `SET:<field>=<value>` changes one field
of the form from then on (what a person would change in it, e.g. `SET:encoding=Auto`).

For each file: a fresh text classification project ("DocumentClassification"), the file put
where doccano's upload (django-drf-filepond) puts it, then
`data_import.celery_tasks.import_dataset` with the import form's defaults: the defaults of the
format's option in doccano's own catalog (`Options.filter_by_task`), as the form fills them in.
SQLite in a temporary folder; nothing is served, nothing leaves the machine.

Output, on the last line after "RESULT ": a list, per file in order, of {"file", "format",
"form": {...}, "errors": [...], "examples": [{"text", "meta", "labels"}]} (labels sorted),
examples in import order.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def settings_module(work: Path) -> str:
    """A settings module on top of doccano's own: SQLite, uploads and media in `work`."""
    (work / "interop_settings.py").write_text(
        "from config.settings.base import *  # noqa\n"
        f"DATABASES['default'] = {{'ENGINE': 'django.db.backends.sqlite3', 'NAME': {str(work / 'db.sqlite3')!r}}}\n"
        f"MEDIA_ROOT = {str(work / 'media')!r}\n"
        f"DJANGO_DRF_FILEPOND_UPLOAD_TMP = {str(work / 'uploads')!r}\n"
        f"DJANGO_DRF_FILEPOND_FILE_STORE_PATH = {str(work / 'media')!r}\n"
        "CELERY_TASK_ALWAYS_EAGER = True\n",
        encoding="utf-8",
    )
    return "interop_settings"


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    import backend

    sys.path.insert(0, str(Path(backend.__file__).parent))
    work = Path(tempfile.mkdtemp(prefix="doccano-interop-"))
    sys.path.insert(0, str(work))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module(work)
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from django.contrib.auth import get_user_model
    from django_drf_filepond.models import TemporaryUpload
    from django_drf_filepond.utils import _get_file_id

    from data_import.celery_tasks import import_dataset
    from data_import.pipeline.catalog import Options
    from examples.models import Example
    from projects.models import ProjectType, TextClassificationProject

    user = get_user_model().objects.create_user(username="interop", password="interop-test")
    task = ProjectType.DOCUMENT_CLASSIFICATION
    out = []
    file_format = argv[1]
    changed: dict[str, str] = {}
    for arg in argv[2:]:
        if arg.startswith("FORMAT="):
            file_format = arg.split("=", 1)[1]
            continue
        if arg.startswith("SET:"):
            field, value = arg[4:].split("=", 1)
            changed[field] = value
            continue
        path = Path(arg)
        option = next(o for o in Options.filter_by_task(task) if o["name"] == file_format)
        # The form fills each field with its default (doccano's frontend does the same).
        form = {k: v["default"] for k, v in option["properties"].items() if "default" in v}
        form.update(changed)
        project = TextClassificationProject.objects.create(
            name=path.name, project_type=task, created_by=user
        )
        upload_id, file_id = _get_file_id(), _get_file_id()
        tu = TemporaryUpload(
            upload_id=upload_id,
            file_id=file_id,
            file=SimpleUploadedFile(file_id, path.read_bytes()),
            upload_name=path.name,
            upload_type=TemporaryUpload.FILE_DATA,
            uploaded_by=user,
        )
        tu.save()
        result = import_dataset(
            user_id=user.id, project_id=project.id, file_format=file_format,
            upload_ids=[upload_id], task=task, **form,
        )
        examples = []
        for ex in Example.objects.filter(project=project).order_by("id"):
            labels = sorted(c.label.text for c in ex.categories.all())
            examples.append({"text": ex.text, "meta": ex.meta, "labels": labels})
        out.append({"file": str(path), "format": file_format, "form": form,
                    "errors": result.get("error", []), "examples": examples})
    print("RESULT " + json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
