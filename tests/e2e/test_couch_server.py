"""The sync tests' CouchDB (PouchDB Server, harness/couch.py) and the same-origin proxy work,
and the design document (couchdb/design.json) guards the team database as docs/FORMAT.md §6
says: an annotator writes only their own `ann:` documents, a curator gold and articles, and
nobody a body that contradicts its id. No browser: plain HTTP through the proxy, as the
page's fetch would go."""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse

import pytest


def via(site, method, path, body=None, cookie=None, auth_header=None):
    """A request to the static server's origin (the page's view): (status, JSON, headers)."""
    u = urllib.parse.urlsplit(site.origin)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if cookie:
        headers["Cookie"] = cookie
    if auth_header:
        headers["Authorization"] = auth_header
    conn.request(method, path, body=data, headers=headers)
    resp = conn.getresponse()
    text = resp.read().decode()
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        parsed = text
    out = (resp.status, parsed, dict(resp.getheaders()))
    conn.close()
    return out


def test_a_document_goes_in_and_comes_back_through_the_proxy(couch, couch_site):
    status, body, _ = via(couch_site, "PUT", "/couchdb/scratch")
    assert (status, body) == (201, {"ok": True})
    status, body, _ = via(couch_site, "PUT", "/couchdb/scratch/note", {"text": "héllo"})
    assert status == 201 and body["ok"]
    rev = body["rev"]
    status, body, _ = via(couch_site, "GET", "/couchdb/scratch/note")
    assert (status, body["text"], body["_rev"]) == (200, "héllo", rev)
    status, body, _ = via(couch_site, "GET", "/couchdb/scratch/_changes?since=0&include_docs=true")
    assert [r["id"] for r in body["results"]] == ["note"]
    # The proxy recorded them like any request of the page.
    assert "/couchdb/scratch/note" in couch_site.paths()
    # Static files are still served, and methods other than GET/HEAD only through the proxy.
    assert via(couch_site, "POST", "/index.html")[0] == 405


def test_a_stopped_database_answers_502_and_keeps_its_data_across_a_restart(couch, couch_db, couch_site):
    assert via(couch_site, "PUT", "/couchdb/team/gold:d1", {"type": "gold", "doc": "d1", "seg": "s", "s": {}})[0] == 201
    couch.stop()
    status, body, _ = via(couch_site, "GET", "/couchdb/team/gold:d1")
    assert status == 502 and body["error"] == "bad_gateway"
    t = time.monotonic()
    couch.start()
    assert time.monotonic() - t < 30
    status, body, _ = via(couch_site, "GET", "/couchdb/team/gold:d1")
    assert (status, body["doc"]) == (200, "d1")


def test_cookie_sessions_pass_the_proxy(couch, couch_db, couch_site):
    couch.add_user("maria", "pw-maria")
    couch.set_admin("admin", "pw-admin")
    status, body, headers = via(couch_site, "POST", "/couchdb/_session", {"name": "maria", "password": "pw-maria"})
    assert (status, body["name"]) == (200, "maria")
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    assert cookie.startswith("AuthSession=")
    status, body, _ = via(couch_site, "GET", "/couchdb/_session", cookie=cookie)
    assert body["userCtx"] == {"name": "maria", "roles": []}
    status, body, _ = via(couch_site, "GET", "/couchdb/_session")
    assert body["userCtx"]["name"] is None, "no cookie, nobody"
    status, body, _ = via(couch_site, "POST", "/couchdb/_session", {"name": "maria", "password": "wrong"})
    assert status == 401


def ann(annotator, doc, **extra):
    return {"type": "ann", "annotator": annotator, "doc": doc, "seg": "sa-rules@2", "s": {}, **extra}


@pytest.fixture
def team(couch, couch_db):
    """maria and ben annotate, cora curates; admin party is over."""
    couch.add_user("maria", "pw-maria")
    couch.add_user("ben", "pw-ben")
    couch.add_user("cora", "pw-cora", ["curator"])
    couch.set_admin("admin", "pw-admin")
    return {n: couch.login(n, f"pw-{n}") for n in ("maria", "ben", "cora")}


def put(couch, doc_id, body, cookie=None, auth=("", "")):
    status, answer, _ = couch.request("PUT", f"team/{urllib.parse.quote(doc_id, safe=':')}", body,
                                      cookie=cookie, auth=auth)
    return status, answer


def test_the_design_document_lets_each_write_only_their_own(couch, team):
    maria, ben, cora = team["maria"], team["ben"], team["cora"]
    assert put(couch, "ann:maria:d1", ann("maria", "d1"), maria)[0] == 201
    status, answer = put(couch, "ann:ben:d1", ann("ben", "d1"), maria)
    assert (status, answer["error"]) == (403, "forbidden") and "Only ben" in answer["reason"]
    assert put(couch, "ann:ben:d1", ann("ben", "d1"), ben)[0] == 201
    # A body that contradicts its id is refused, even to its owner and to admins.
    assert put(couch, "ann:maria:d2", ann("ben", "d2"), maria)[0] == 403
    assert put(couch, "ann:maria:d2", ann("maria", "d3"), maria)[0] == 403
    assert put(couch, "ann:maria:d2", ann("ben", "d2"), auth=("admin", "pw-admin"))[0] == 403
    # Gold and articles: the curator (and admins), nobody else.
    gold = {"type": "gold", "doc": "d1", "seg": "sa-rules@2", "s": {}}
    assert put(couch, "gold:d1", gold, maria)[0] == 403
    assert put(couch, "gold:d1", gold, cora)[0] == 201
    article = {"type": "article", "doc": "d9", "title": "T", "text": "One. Two."}
    assert put(couch, "article:d9", article, ben)[0] == 403
    assert put(couch, "article:d9", article, cora)[0] == 201
    assert put(couch, "article:d8", {**article, "doc": "d8", "annotator": "cora"}, cora)[0] == 403
    # The curator is no annotator of others: no writing in their names.
    assert put(couch, "ann:maria:d5", ann("maria", "d5"), cora)[0] == 403
    # Nobody logged in: 401; unknown kinds of documents: admins only.
    assert put(couch, "ann:maria:d6", ann("maria", "d6"))[0] == 401
    assert put(couch, "misc", {"x": 1}, maria)[0] == 403
    assert put(couch, "misc", {"x": 1}, auth=("admin", "pw-admin"))[0] == 201
    # Deleting: the owner only.
    status, doc, _ = couch.request("GET", "team/ann:maria:d1")
    delete = {"_id": "ann:maria:d1", "_rev": doc["_rev"], "_deleted": True}
    status, rows, _ = couch.request("POST", "team/_bulk_docs", {"docs": [delete]}, cookie=ben, auth=("", ""))
    assert rows[0]["error"] == "forbidden"
    status, rows, _ = couch.request("POST", "team/_bulk_docs", {"docs": [delete]}, cookie=maria, auth=("", ""))
    assert rows[0]["ok"]
