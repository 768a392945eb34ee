"""What the pytest suites (python/tests, tests/http) share: the programs under test, named
by the environment ctest sets, and a private copy of the fixture corpus."""
import os
import pathlib
import shutil

import pytest


def program(name):
    """The path of the `indexer` or `searcher` program under test ($LONGJING_INDEXER, ...)."""
    path = os.environ.get("LONGJING_" + name.upper())
    if not path:
        pytest.exit(f"set LONGJING_{name.upper()} to the {name} program (ctest does)", 2)
    return path


def copy_fixture_corpus(tmp_path_factory):
    """A copy of tests/fixtures/corpus ($LONGJING_FIXTURES) that a test may change."""
    source = pathlib.Path(os.environ.get("LONGJING_FIXTURES", "tests/fixtures")) / "corpus"
    target = tmp_path_factory.mktemp("fixtures") / "corpus"
    shutil.copytree(source, target)
    return target
