#!/usr/bin/env python3
"""Load for searcher --serve, on 127.0.0.1 only, with a bounded number of requests.

  serve_load.py http URL QUERIES CLIENTS REQUESTS     # CLIENTS keep-alive connections
  serve_load.py stdin SEARCHER DB QUERIES CLIENTS REQUESTS   # CLIENTS searcher --stdin processes
  serve_load.py soak URL QUERIES CLIENTS SECONDS       # for SECONDS, counting failures
  serve_load.py fts5 FTS_DB QUERIES CLIENTS REQUESTS   # CLIENTS SQLite connections, FTS5 MATCH
                                                       # expressions, top 10 by bm25 with snippet()

Prints one JSON object: requests, failures, seconds, rps, p50_ms, p99_ms."""
import http.client
import json
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else 0.0


def http_worker(url, queries, count, latencies, failures, deadline=None):
    parsed = urllib.parse.urlparse(url)
    assert parsed.hostname in ("127.0.0.1", "localhost", "::1"), "load goes to this machine only"
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    i = 0
    while (deadline is None and i < count) or (deadline is not None and time.monotonic() < deadline):
        query = queries[i % len(queries)]
        i += 1
        start = time.perf_counter()
        try:
            connection.request("GET", "/api/search?" + urllib.parse.urlencode({"q": query, "snippets": 1}))
            response = connection.getresponse()
            body = response.read()
            if response.status != 200 or "summary" not in json.loads(body):
                failures.append(f"{response.status} {query!r}")
        except Exception as e:  # a failed request is counted, and the connection renewed
            failures.append(f"{type(e).__name__} {query!r}")
            connection.close()
            connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        latencies.append(time.perf_counter() - start)
    connection.close()


def stdin_worker(searcher, db, queries, count, latencies, failures):
    process = subprocess.Popen([searcher, "--db", db, "--stdin"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, bufsize=1)
    for i in range(count):
        query = queries[i % len(queries)]
        start = time.perf_counter()
        process.stdin.write(json.dumps({"query": query, "snippets": 1}) + "\n")
        process.stdin.flush()
        while True:
            obj = json.loads(process.stdout.readline())
            if obj["type"] in ("summary", "error"):
                break
        if obj["type"] == "error":
            failures.append(obj["message"])
        latencies.append(time.perf_counter() - start)
    process.stdin.close()
    process.wait()


FTS5_TOP10 = ("SELECT path, snippet(docs, -1, '[', ']', '...', 12) FROM docs "
              "WHERE docs MATCH ? ORDER BY rank LIMIT 10")


def fts5_worker(fts_db, queries, count, latencies, failures):
    # sqlite3 releases the GIL while a statement runs, so CLIENTS connections search at once.
    connection = sqlite3.connect(f"file:{fts_db}?mode=ro", uri=True, check_same_thread=False)
    for i in range(count):
        query = queries[i % len(queries)]
        start = time.perf_counter()
        try:
            connection.execute(FTS5_TOP10, (query,)).fetchall()
        except sqlite3.Error as e:
            failures.append(f"{e} {query!r}")
        latencies.append(time.perf_counter() - start)
    connection.close()


def main():
    mode = sys.argv[1]
    latencies, failures = [], []
    if mode == "stdin":
        searcher, db, query_file, clients, requests = sys.argv[2:7]
    else:
        target, query_file, clients, requests = sys.argv[2:6]
    queries = [line.rstrip("\n") for line in open(query_file, encoding="utf-8") if line.strip()]
    clients, requests = int(clients), int(requests)
    threads = []
    start = time.perf_counter()
    for c in range(clients):
        share = queries[c:] + queries[:c]  # each client starts elsewhere in the list
        if mode == "http":
            args = (target, share, requests // clients, latencies, failures)
            threads.append(threading.Thread(target=http_worker, args=args))
        elif mode == "fts5":
            args = (target, share, requests // clients, latencies, failures)
            threads.append(threading.Thread(target=fts5_worker, args=args))
        elif mode == "soak":
            args = (target, share, 0, latencies, failures, time.monotonic() + requests)
            threads.append(threading.Thread(target=http_worker, args=args))
        else:
            args = (searcher, db, share, requests // clients, latencies, failures)
            threads.append(threading.Thread(target=stdin_worker, args=args))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    print(json.dumps({"requests": len(latencies), "failures": len(failures), "first_failures": failures[:3],
                      "seconds": round(seconds, 2), "rps": round(len(latencies) / seconds, 1),
                      "p50_ms": round(percentile(latencies, 0.5) * 1000, 2),
                      "p99_ms": round(percentile(latencies, 0.99) * 1000, 2)}))


if __name__ == "__main__":
    main()
