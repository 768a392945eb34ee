"""searcher --serve's API (docs/http-api.md): every endpoint and every error status, the
answers equal to --json's, freshness, the token, CORS, and a prompt stop."""
import json
import os
import pathlib
import sys
import signal
import socket
import subprocess
import time
import urllib.parse

import pytest

from conftest import Server, program


SCHEMA_PATH = pathlib.Path(__file__).resolve().parents[2] / "docs" / "json-output.schema.json"
sys.path.insert(0, str(SCHEMA_PATH.parents[1] / "tests" / "e2e"))
from schema_validator import errors as schema_errors  # noqa: E402

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def conforms(value, definition):
    return schema_errors(value, {"$ref": "#/$defs/" + definition}, SCHEMA)


def cli_hits(db, *args):
    out = subprocess.run([program("searcher"), "--db", str(db), "--json", *args],
                         capture_output=True, text=True, check=False)
    objects = [json.loads(line) for line in out.stdout.splitlines()]
    return [o for o in objects if o["type"] == "hit"], objects[-1]


def q(text):
    return urllib.parse.quote(text)


@pytest.mark.parametrize("query,params,flags", [
    ("Unitree", "", []),
    ("宇树", "&snippets=3", ["--snippets", "3"]),
    ("Hangzhou", "&limit=2&offset=1", ["-n", "2", "--offset", "1"]),
    ("Unitree", "&sort=date&since=2025-02-01", ["--sort", "date", "--since", "2025-02-01"]),
])
def test_get_search_hits_are_the_json_outputs(server, db, query, params, flags):
    status, answer = server.json(f"/api/search?q={q(query)}{params}")
    assert status == 200
    hits, summary = cli_hits(db, *flags, "--", query)
    assert hits and answer["hits"] == hits
    assert conforms(answer, "http_search") == []
    for key in ("estimated_matches", "matches_exact", "returned", "query", "parsed"):
        assert answer["summary"][key] == summary[key]


def test_post_search_takes_the_stdin_request_object(server, db):
    body = json.dumps({"query": "宇树", "limit": 1, "id": "r1"})
    status, answer = server.json("/api/search", method="POST", body=body,
                                 headers={"Content-Type": "application/json"})
    assert status == 200
    assert len(answer["hits"]) == 1 and answer["hits"][0]["id"] == "r1"
    hits, _ = cli_hits(db, "-n", "1", "宇树")
    assert answer["hits"][0]["path"] == hits[0]["path"]


def test_document_is_the_stored_article(server):
    _, answer = server.json("/api/search?q=" + q("宇树"))
    hit = answer["hits"][0]
    status, doc = server.json(f"/api/document/{hit['docid']}")
    assert status == 200
    assert (doc["path"], doc["title"], doc["date"]) == (hit["path"], hit["title"], hit["date"])
    assert conforms(doc, "http_document") == []
    assert "宇树" in doc["text"]


def test_health(server, db, corpus):
    status, answer = server.json("/api/health")
    assert status == 200 and conforms(answer, "http_health") == []
    summary = subprocess.run([program("indexer"), "--db", str(db), str(corpus)],
                             capture_output=True, text=True, check=True).stdout
    assert f"; {answer['documents']} documents in " in summary, summary


def test_page_is_served_with_safe_headers(server):
    status, headers, body = server.request("/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<title>Longjing" in body
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert "Access-Control-Allow-Origin" not in headers  # no CORS unless asked for


@pytest.mark.parametrize("path,method,status,words", [
    ("/api/search?q=x&limit=abc", "GET", 400, '"limit" must be'),
    ("/api/search?q=x&limit=-5", "GET", 400, '"limit" must be'),
    ("/api/search?q=x&limit=0", "GET", 400, '"limit" must be'),
    ("/api/search?q=x&limit=101", "GET", 400, "1 to 100"),
    ("/api/search?q=x&snippets=50", "GET", 400, '"snippets" must be'),
    ("/api/search?q=x&sort=newest", "GET", 400, '"sort" must be'),
    ("/api/search?q=x&mtime_dates=yes", "GET", 400, '"mtime_dates" must be true or false'),
    ("/api/search?q=x&since=2025-02-30", "GET", 400, "2025-02-30"),
    ("/api/search?q=x&limt=3", "GET", 400, "unknown parameter 'limt'"),
    ("/api/search?q=x&q=y", "GET", 400, "given twice"),
    ("/api/search?q=%FF%FE", "GET", 400, "not valid UTF-8"),
    ("/api/search?q=%28%28", "GET", 400, "no words"),
    ("/api/search", "GET", 400, "no query"),
    ("/api/document/abc", "GET", 400, "docid"),
    ("/api/document/0", "GET", 400, "docid"),
    ("/api/document/999999", "GET", 404, "no document"),
    ("/api/nothing", "GET", 404, "no such page"),
    ("/../../etc/passwd", "GET", 404, "no such page"),
    ("/%2e%2e/%2e%2e/etc/passwd", "GET", 404, "no such page"),
    ("/index.html/../../../etc/passwd", "GET", 404, "no such page"),
    ("/etc/passwd", "GET", 404, "no such page"),
    ("/api/search", "DELETE", 405, "not allowed"),
    ("/api/health", "POST", 405, "not allowed"),
    ("/api/search?q=x", "OPTIONS", 405, "not allowed"),
])
def test_errors_are_json_with_their_status(server, path, method, status, words):
    got, headers, body = server.request(path, method=method, body=b"" if method == "POST" else None)
    assert got == status, body
    answer = json.loads(body)
    assert conforms(answer, "http_error") == []
    assert answer["error"]["status"] == status and words in answer["error"]["message"]
    if status == 405:
        assert "GET" in headers["Allow"]


def test_bad_post_bodies(server):
    for body, words in [("not json", "JSON request object"), ('{"query": 5}', "must be a string"),
                        ('{"query": "x", "limt": 1}', 'unknown field "limt"'), ("[1]", "JSON request object"),
                        ('{"query": "x"', "not a JSON object")]:
        status, answer = server.json("/api/search", method="POST", body=body,
                                     headers={"Content-Type": "application/json"})
        assert status == 400 and words in answer["error"]["message"], (body, answer)


def test_a_query_over_the_limit_is_413(server):
    body = json.dumps({"query": "a " * 40000})
    status, answer = server.json("/api/search", method="POST", body=body,
                                 headers={"Content-Type": "application/json"})
    assert status == 413 and "65536" in answer["error"]["message"]
    status, answer = server.json("/api/search", method="POST", body="x" * 300000,
                                 headers={"Content-Type": "application/json"})
    assert status == 413 and answer["error"]["status"] == 413


def test_a_request_line_over_8_kb_is_414(server):
    status, answer = server.json("/api/search?q=" + "a+" * 6000)
    assert status == 414 and "POST" in answer["error"]["message"]


def test_a_damaged_database_is_503(start_server, db, tmp_path):
    import shutil
    copy = tmp_path / "db"
    shutil.copytree(db, copy)
    s = start_server(copy)
    assert s.json("/api/search?q=Unitree")[0] == 200
    (copy / "iamglass").write_bytes(b"\0" * 64)  # the version file overwritten: a damaged disk
    status, answer = s.json("/api/search?q=" + q("宇树"))
    assert status == 503 and conforms(answer, "http_error") == []
    assert "database" in answer["error"]["message"]


def test_malformed_http_gets_a_json_400(server):
    host, port = server.url[len("http://"):].rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as s:
        s.sendall(b"NONSENSE\r\n\r\n")
        answer = s.recv(4096).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 400")


def test_new_commits_show_without_a_restart(start_server, corpus, tmp_path):
    db = tmp_path / "db"
    subprocess.run([program("indexer"), "-q", "--db", str(db), str(corpus)], check=True)
    s = start_server(db)
    assert s.json("/api/search?q=Zanzibarian")[0] == 200
    assert s.json("/api/search?q=Zanzibarian")[1]["hits"] == []
    (corpus / "new.txt").write_text("A Zanzibarian article, indexed while the server runs.\n")
    try:
        subprocess.run([program("indexer"), "-q", "--db", str(db), str(corpus)], check=True)
        status, answer = s.json("/api/search?q=Zanzibarian")
        assert status == 200 and [h["path"] for h in answer["hits"]] == [str(corpus / "new.txt")]
    finally:
        (corpus / "new.txt").unlink()


def test_token(start_server, db, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text("s3cret-token-0123456789\n")
    s = start_server(db, "--token-file", str(token_file))
    for headers in [{}, {"Authorization": "Bearer wrong-token-0123456789x"}, {"Authorization": "s3cret-token-0123456789"}]:
        status, h, body = s.request("/api/health", headers=headers)
        assert status == 401 and h["WWW-Authenticate"] == "Bearer", headers
    status, h, body = s.request("/", headers={})
    assert status == 401
    status, answer = s.json("/api/health", headers={"Authorization": "Bearer s3cret-token-0123456789"})
    assert status == 200 and answer["status"] == "ok"


def test_refusals_at_start(db, tmp_path):
    def start(*args):
        return subprocess.run([program("searcher"), "--serve", "--db", str(db), *args],
                              capture_output=True, text=True, timeout=10)
    out = start("--listen", "0.0.0.0:0")
    assert out.returncode == 2 and "without a token" in out.stderr and out.stderr.startswith("searcher: ")
    short = tmp_path / "short"
    short.write_text("abc\n")
    out = start("--listen", "127.0.0.1:0", "--token-file", str(short))
    assert out.returncode == 2 and "shorter than 16" in out.stderr
    out = start("--listen", "127.0.0.1:99999")
    assert out.returncode == 2 and "port" in out.stderr
    out = start("--listen", "nonsense")
    assert out.returncode == 2 and "ADDR:PORT" in out.stderr
    out = subprocess.run([program("searcher"), "--serve", "--db", str(tmp_path / "none"), "--listen", "127.0.0.1:0"],
                         capture_output=True, text=True, timeout=10)
    assert out.returncode == 2 and "no database at" in out.stderr
    out = subprocess.run([program("searcher"), "--serve", "--db", str(db), "Unitree"], capture_output=True, text=True)
    assert out.returncode == 2 and "takes no query" in out.stderr


def test_port_in_use_is_an_error(server, db):
    port = server.url.rstrip("/").rsplit(":", 1)[1]
    out = subprocess.run([program("searcher"), "--serve", "--db", str(db), "--listen", f"127.0.0.1:{port}"],
                         capture_output=True, text=True, timeout=10)
    assert out.returncode == 2 and "cannot listen on" in out.stderr


def test_cors_only_when_asked(start_server, db):
    s = start_server(db, "--cors", "http://localhost:3000")
    status, headers, _ = s.request("/api/health")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    status, headers, _ = s.request("/api/search?q=x", method="OPTIONS")
    assert status == 204 and "GET" in headers["Access-Control-Allow-Methods"]


def test_sigterm_and_sigint_stop_within_a_second(start_server, db):
    for sig in (signal.SIGTERM, signal.SIGINT):
        s = start_server(db)
        assert s.json("/api/health")[0] == 200
        start = time.monotonic()
        s.process.send_signal(sig)
        assert s.process.wait(timeout=5) == 0
        assert time.monotonic() - start < 1.0


def test_a_request_in_flight_is_answered_before_the_stop(start_server, db):
    s = start_server(db)
    host, port = s.url[len("http://"):].rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as conn:
        conn.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # not finished yet
        time.sleep(0.2)
        s.process.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        conn.sendall(b"Connection: close\r\n\r\n")
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200") and b'"status":"ok"' in answer
    assert s.process.wait(timeout=5) == 0


def test_many_clients_at_once(server, db):
    import concurrent.futures
    expected, _ = cli_hits(db, "Unitree")
    def ask(_):
        return server.json("/api/search?q=Unitree")
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(ask, range(64)))
    assert all(status == 200 and answer["hits"] == expected for status, answer in answers)
