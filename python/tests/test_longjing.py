"""The Python module: the same answers as the programs, errors as longjing.Error subclasses,
exact paths, the GIL released while searching and indexing, Ctrl-C during an index run."""
import datetime
import json
import os
import shutil
import signal
import subprocess
import threading
import time

import pytest

import longjing

QUERIES = [
    ("Unitree", {}),
    ("宇树", {"snippets": 3}),
    ("Hangzhou", {"limit": 2, "offset": 1}),
    ('"Six Little Dragons"', {}),
    ("robot NEAR dogs", {"limit": 0}),
    ("Unitree", {"since": "2025-02-01", "until": "2025-12-31"}),
    ("Unitree OR DeepSeek", {"sort": "date"}),
    ("robo*", {"snippets": 2}),
]


def cli_json(searcher, db, query, limit=10, offset=0, snippets=1, since=None, until=None, sort="relevance"):
    args = [searcher, "--db", str(db), "--json", "-n", str(limit), "--offset", str(offset),
            "--snippets", str(snippets), "--sort", sort]
    if since:
        args += ["--since", since]
    if until:
        args += ["--until", until]
    out = subprocess.run(args + ["--", query], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    objects = [json.loads(line) for line in out.stdout.splitlines()]
    return [o for o in objects if o["type"] == "hit"], objects[-1]


def as_json(hit):
    """A module hit in the shape of the searcher's JSON hit object (its field names)."""
    highlights = lambda hs: [{"start": h.start, "end": h.end, "char_start": h.char_start,
                              "char_end": h.char_end} for h in hs]
    return {
        "rank": hit.rank, "score": hit.score, "percent": hit.percent, "docid": hit.docid,
        "path": hit.path, "title": hit.title, "title_highlights": highlights(hit.title_highlights),
        "date": hit.date, "source": hit.source, "language": hit.language,
        "snippets": [{"text": s.text, "highlights": highlights(s.highlights)} for s in hit.snippets],
    }


@pytest.mark.parametrize("query,options", QUERIES)
def test_search_answers_as_the_searcher_does(searcher, cli_db, query, options):
    expected_hits, expected_summary = cli_json(searcher, cli_db, query, **options)
    results = longjing.Database(cli_db).search(query, **options)
    assert expected_hits, f"{query!r} finds nothing: the comparison would be empty"
    keys = list(as_json(results[0]).keys())
    assert [as_json(h) for h in results] == [{k: h[k] for k in keys} for h in expected_hits]
    assert results.estimated_matches == expected_summary["estimated_matches"]
    assert results.matches_exact == expected_summary["matches_exact"]
    assert len(results) == expected_summary["returned"]


def test_positional_arguments_follow_the_documented_order(cli_db):
    db = longjing.Database(cli_db)
    assert [h.path for h in db.search("Unitree", 1, 1)] == [h.path for h in db.search("Unitree")][1:2]


def test_chinese_highlights_index_python_strings(cli_db):
    hit = longjing.Database(cli_db).search("宇树")[0]
    snippet = next(s for s in hit.snippets if s.highlights)
    for h in snippet.highlights:
        assert snippet.text[h.char_start:h.char_end] == "宇树"
        assert snippet.text.encode()[h.start:h.end] == "宇树".encode()


def test_count_equals_searcher_c(searcher, cli_db):
    out = subprocess.run([searcher, "--db", str(cli_db), "-c", "Unitree"], capture_output=True, text=True)
    assert longjing.Database(cli_db).count("Unitree") == int(out.stdout)


def test_dates_may_be_datetime_dates(cli_db):
    db = longjing.Database(cli_db)
    as_text = [h.path for h in db.search("Unitree", since="2025-02-07")]
    as_date = [h.path for h in db.search("Unitree", since=datetime.date(2025, 2, 7))]
    assert as_date == as_text
    assert len(as_text) < len(db.search("Unitree"))


def test_index_reports_as_the_indexer_does(indexer, corpus, tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(corpus, articles)
    cli = subprocess.run([indexer, "--db", str(tmp_path / "cli"), str(articles)], capture_output=True, text=True)
    summary = longjing.index(tmp_path / "py", [articles])
    counts = f"{summary.added} added, {summary.updated} updated, {summary.deleted} deleted, " \
             f"{summary.unchanged} unchanged, {summary.skipped} skipped"
    assert cli.stdout.startswith(counts), (cli.stdout, counts)
    assert summary.added > 0
    again = longjing.index(tmp_path / "py", articles)
    assert (again.added, again.updated, again.unchanged) == (0, 0, summary.added)
    (articles / "deepseek-en.txt").unlink()
    (articles / "unitree-en.md").write_text("# Changed\n\nUnitree again.\n")
    changed = longjing.index(tmp_path / "py", articles)
    assert (changed.deleted, changed.updated) == (1, 1)


def test_index_options_are_the_indexer_flags(corpus, tmp_path):
    dry = longjing.index(tmp_path / "dry", corpus, dry_run=True)
    assert dry.added > 0 and not (tmp_path / "dry").exists()
    some = longjing.index(tmp_path / "ex", corpus, exclude=["zh"])
    everything = longjing.index(tmp_path / "all", corpus)
    assert 0 < some.added < everything.added
    with pytest.raises(TypeError):
        longjing.index(tmp_path / "x", corpus, rebuilt=True)  # a misspelt option is an error


def test_errors_are_longjing_error_subclasses(cli_db, tmp_path):
    with pytest.raises(longjing.DatabaseError, match="no database at"):
        longjing.Database(tmp_path / "missing")
    db = longjing.Database(cli_db)
    with pytest.raises(longjing.QueryError, match="no words"):
        db.search("((")
    with pytest.raises(longjing.QueryError, match="snippets"):
        db.search("Unitree", snippets=50)
    with pytest.raises(longjing.QueryError, match="limit"):
        db.search("Unitree", limit=-5)
    with pytest.raises(longjing.QueryError, match="sort"):
        db.search("Unitree", sort="newest")
    with pytest.raises(longjing.QueryError, match="2025-02-30"):
        db.search("Unitree", since="2025-02-30")
    with pytest.raises(longjing.IoError, match="nowhere"):
        longjing.index(tmp_path / "db", [tmp_path / "nowhere"])
    for cls in (longjing.QueryError, longjing.DatabaseError, longjing.IoError):
        assert issubclass(cls, longjing.Error) and issubclass(cls, Exception)


def test_a_pdf_is_read_and_its_pages_counted(tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    source = os.path.join(os.environ.get("LONGJING_FIXTURES", "tests/fixtures"), "documents", "report.pdf")
    shutil.copy(source, folder / "report.pdf")
    summary = longjing.index(tmp_path / "db", folder)
    assert summary.added == 1, summary.problems
    hit = longjing.Database(tmp_path / "db").search("pdfmarkerone")[0]
    assert hit.pages == 2 and hit.path == str(folder / "report.pdf")
    assert longjing.Database(tmp_path / "db").search("pdfmarkerone")[0].pages == 2


def test_paths_that_are_not_utf8_come_back_exact(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(name, "wb") as f:
        f.write(b"Unitree in a file whose name is Latin-1.\n")
    longjing.index(tmp_path / "db", folder)
    hit = longjing.Database(tmp_path / "db").search("Unitree")[0]
    assert os.fsencode(hit.path) == name
    with open(hit.path, "rb") as f:  # the str opens the very file
        assert b"Latin-1" in f.read()


def make_articles(folder, n):
    folder.mkdir()
    words = "robot dog motor gait sensor battery lidar joint torque spring festival gala".split()
    for i in range(n):
        body = " ".join(words[(i * 7 + k) % len(words)] + str(k % 50) for k in range(600))
        (folder / f"a{i:04}.txt").write_text(f"Article {i}\n\nUnitree {body}.\n")


def test_the_gil_is_released_while_indexing_and_searching(tmp_path):
    """While the worker thread is inside a call, the main thread's pure-Python loop keeps
    running; with the GIL held, its longest pause would be the whole call. The smallest
    ratio over several calls is robust to the machine descheduling the loop now and then."""
    make_articles(tmp_path / "articles", 600)
    calls = [("index", lambda: longjing.index(tmp_path / "db", tmp_path / "articles", jobs=1))]
    calls += [(f"search {i}", lambda: longjing.Database(tmp_path / "db").search("Unitree", limit=0, snippets=20))
              for i in range(8)]
    current = {"call": None, "done": False}
    pauses = {name: 0.0 for name, _ in calls}
    timings = {}

    def work():
        for name, call in calls:
            current["call"] = name
            start = time.monotonic()
            call()
            timings[name] = time.monotonic() - start
            current["call"] = None
        current["done"] = True

    worker = threading.Thread(target=work)
    worker.start()
    last = time.monotonic()
    while not current["done"]:
        now = time.monotonic()
        name = current["call"]
        if name is not None:
            pauses[name] = max(pauses[name], now - last)
        last = now
    worker.join()
    assert timings["index"] > 0.2, f"indexing is too quick for the test to mean anything: {timings}"
    assert pauses["index"] < timings["index"] / 2, (pauses, timings)
    searches = [name for name, _ in calls if name.startswith("search")]
    assert min(timings[n] for n in searches) > 0.01, timings
    assert min(pauses[n] / timings[n] for n in searches) < 0.5, (pauses, timings)


def test_threads_share_a_database(cli_db):
    db = longjing.Database(cli_db)
    expected = [h.path for h in db.search("Unitree", limit=0)]
    answers = []

    def ask():
        for _ in range(20):
            answers.append([h.path for h in db.search("Unitree", limit=0)])

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 80 and all(a == expected for a in answers)


def test_ctrl_c_while_indexing_commits_and_raises(tmp_path):
    make_articles(tmp_path / "articles", 1500)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        longjing.index(tmp_path / "db", tmp_path / "articles", jobs=1)
    timer.cancel()
    # What was committed is kept; the next run completes the job, with no duplicates.
    rest = longjing.index(tmp_path / "db", tmp_path / "articles")
    assert rest.unchanged > 0, "the interrupted run committed nothing"
    assert rest.added + rest.unchanged == 1500
    assert rest.documents == 1500
