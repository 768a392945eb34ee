"""Fixtures of the Python module's tests: the programs built beside the module, and a copy
of tests/fixtures/corpus indexed by the indexer program (not by the module under test)."""
import os
import pathlib
import shutil
import subprocess

import pytest


def _program(name):
    path = os.environ.get("LONGJING_" + name.upper())
    if not path:
        pytest.exit(f"set LONGJING_{name.upper()} to the {name} program (ctest does)", 2)
    return path


@pytest.fixture(scope="session")
def indexer():
    return _program("indexer")


@pytest.fixture(scope="session")
def searcher():
    return _program("searcher")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    source = pathlib.Path(os.environ.get("LONGJING_FIXTURES", "tests/fixtures")) / "corpus"
    target = tmp_path_factory.mktemp("fixtures") / "corpus"
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="session")
def cli_db(indexer, corpus, tmp_path_factory):
    """A database of the fixture corpus made by the indexer program."""
    db = tmp_path_factory.mktemp("cli") / "db"
    subprocess.run([indexer, "-q", "--db", str(db), str(corpus)], check=True)
    return db
