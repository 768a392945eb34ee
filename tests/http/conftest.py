"""Fixtures of the HTTP tests: the fixture corpus indexed by the indexer, and searcher
--serve processes on 127.0.0.1 with a port of their own (port 0)."""
import json
import pathlib
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tests" / "support"))
from longjing_fixtures import copy_fixture_corpus, program  # noqa: E402


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    return copy_fixture_corpus(tmp_path_factory)


@pytest.fixture(scope="session")
def db(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "db"
    subprocess.run([program("indexer"), "-q", "--db", str(path), str(corpus)], check=True)
    return path


class Server:
    """One searcher --serve process; its URL comes from its first line on stderr."""

    def __init__(self, db, *args):
        self.process = subprocess.Popen(
            [program("searcher"), "--serve", "--db", str(db), "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.first_line = self.process.stderr.readline().strip()
        if not self.first_line.startswith("listening on http://127.0.0.1:"):
            self.process.kill()
            raise RuntimeError("the server did not start: " + self.first_line + self.process.stderr.read())
        self.url = self.first_line[len("listening on "):]

    def request(self, path, method="GET", body=None, headers=None):
        """(status, headers, body bytes) of one request; errors are answers, not exceptions."""
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(self.url + path.lstrip("/"), data=data, method=method,
                                     headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def json(self, path, **kwargs):
        status, headers, body = self.request(path, **kwargs)
        return status, json.loads(body) if body else None

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def server(db):
    s = Server(db)
    yield s
    s.stop()


@pytest.fixture
def start_server():
    """Starts servers with options of the test's own; stops them after it."""
    started = []

    def start(db, *args):
        s = Server(db, *args)
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()
