"""Loads a task list and its labelling config into Label Studio 1.23.2 through its own API (in
process, Django's test client: nothing is served) and prints what Label Studio made of them,
as JSON. Run by tests/interop/test_interop.py with the Label Studio venv's Python
(scripts/interop_venv.sh); it never runs under pytest itself.

    labelstudio_load.py CONFIG.xml TASKS.json [MORE_FILE ...]

A fresh SQLite database in a temporary folder, a user and organisation; a project created with
CONFIG.xml as its labelling config (`POST /api/projects/`, which validates it), then each file
imported as a person's upload (`POST /api/projects/<id>/import`, multipart), each into a
project of its own. Output, on the last line after "RESULT ":
{"config_status": ..., "imports": {"<file>": {"status", "response", "tasks": [{"data",
"annotations": [result, ...]}]}}}.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="label-studio-interop-"))
    os.environ["LABEL_STUDIO_BASE_DATA_DIR"] = str(work)
    os.environ["DJANGO_DB"] = "sqlite"
    os.environ["DATABASE_NAME"] = str(work / "ls.sqlite3")
    # Nothing leaves the machine: no error reports, no analytics (both on by default).
    os.environ["LABEL_STUDIO_SENTRY_DSN"] = ""
    os.environ["LABEL_STUDIO_FRONTEND_SENTRY_DSN"] = ""
    os.environ["LABEL_STUDIO_COLLECT_ANALYTICS"] = "false"
    os.environ["LABEL_STUDIO_LATEST_VERSION_CHECK"] = "false"
    import label_studio

    # Label Studio's apps import each other by their short names (its server does the same).
    sys.path.insert(0, os.path.dirname(label_studio.__file__))
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.label_studio"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from organizations.models import Organization
    from rest_framework.test import APIClient
    from tasks.models import Task
    from users.models import User

    user = User.objects.create_user(email="interop@example.org", password="interop-test-1")
    org = Organization.create_organization(created_by=user, title="interop")
    user.active_organization = org
    user.save()
    client = APIClient()
    client.force_authenticate(user)

    config = Path(argv[1]).read_text(encoding="utf-8")
    out: dict = {"imports": {}}
    for arg in argv[2:]:
        path = Path(arg)
        r = client.post("/api/projects/", {"title": path.name[:50], "label_config": config}, format="json")
        out["config_status"] = r.status_code
        if r.status_code != 201:
            out["config_response"] = r.json()
            break
        pid = r.json()["id"]
        with path.open("rb") as f:
            r = client.post(f"/api/projects/{pid}/import", {"file": f}, format="multipart")
        try:
            response = r.json()
        except ValueError:
            response = r.content.decode("utf-8", "replace")[:2000]
        tasks = []
        for t in Task.objects.filter(project_id=pid).order_by("id"):
            tasks.append({"data": t.data, "annotations": [a.result for a in t.annotations.order_by("id")]})
        out["imports"][str(path)] = {"status": r.status_code, "response": response, "tasks": tasks}
    print("RESULT " + json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
