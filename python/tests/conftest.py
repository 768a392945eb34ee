"""Fixtures of the Python module's tests: the programs built beside the module, and a copy
of tests/fixtures/corpus indexed by the indexer program (not by the module under test)."""
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tests" / "support"))
from longjing_fixtures import copy_fixture_corpus, program  # noqa: E402


@pytest.fixture(scope="session")
def indexer():
    return program("indexer")


@pytest.fixture(scope="session")
def searcher():
    return program("searcher")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    return copy_fixture_corpus(tmp_path_factory)


@pytest.fixture(scope="session")
def cli_db(indexer, corpus, tmp_path_factory):
    """A database of the fixture corpus made by the indexer program."""
    db = tmp_path_factory.mktemp("cli") / "db"
    subprocess.run([indexer, "-q", "--db", str(db), str(corpus)], check=True)
    return db
