#!/usr/bin/env python3
"""Digest of everything a micro pipeline + evaluation produced, for checking that a refactor is value-identical.

Prints one line per artifact (file: sha256 of its bytes, JSON after scrubbing; SQLite: one line per table). Fields
that legitimately differ between two runs of the same code are scrubbed: wall-clock times, durations, absolute paths
and the run-input records that name them. The global random-generator state saved with resumable runs is skipped
(it differs run to run while every weight is identical). Usage: digest.py HOME > out.digest
"""
import hashlib
import json
import os
import re
import sqlite3
import sys

TIME_KEYS = re.compile(r"(time|date|_at$|At$|seconds|elapsed|duration|created|started|finished|updated|wall|per_second|PerSecond|inputs|path|Path|home|Home)", re.I)
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?")
RUN_ID = re.compile(r"(eval|job|run)-\d{8}-\d{6}-[0-9a-f]+")


def scrub(value, home):
    if isinstance(value, dict):
        return {k: ("<scrubbed>" if TIME_KEYS.search(k) else scrub(v, home)) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, home) for v in value]
    if isinstance(value, str):
        value = value.replace(home, "<home>")
        value = TIMESTAMP.sub("<time>", value)
        return RUN_ID.sub("<run-id>", value)
    return value


def text_digest(text, home):
    text = text.replace(home, "<home>")
    text = TIMESTAMP.sub("<time>", text)
    text = RUN_ID.sub("<run-id>", text)
    # Durations and throughputs printed in logs and reports ("12.3 s", "1,234 tokens/s").
    text = re.sub(r"[\d.,]+\s*(s|ms|min|tokens/s|it/s)\b", "<dur>", text)
    return hashlib.sha256(text.encode()).hexdigest()


def file_digest(path, home):
    name = os.path.basename(path)
    if name == "rng.safetensors" or name.endswith(".log") or name.endswith(".lock"):
        return None
    with open(path, "rb") as f:
        data = f.read()
    if name.endswith(".json") or name.endswith(".jsonl"):
        try:
            if name.endswith(".jsonl"):
                rows = [scrub(json.loads(line), home) for line in data.decode().splitlines() if line.strip()]
                return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
            return hashlib.sha256(json.dumps(scrub(json.loads(data), home), sort_keys=True).encode()).hexdigest()
        except (ValueError, UnicodeDecodeError):
            pass
    if name.endswith((".md", ".html", ".svg", ".txt", ".csv")):
        return text_digest(data.decode(errors="replace"), home)
    return hashlib.sha256(data).hexdigest()


def db_digests(path, home):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    for (table,) in con.execute("select name from sqlite_master where type='table' order by name"):
        cols = [r[1] for r in con.execute(f'pragma table_info("{table}")')]
        keep = [c for c in cols if not TIME_KEYS.search(c)]
        rows = []
        for row in con.execute(f'select {", ".join(chr(34) + c + chr(34) for c in keep)} from "{table}"'):
            cells = []
            for v in row:
                if isinstance(v, str):
                    try:
                        v = json.dumps(scrub(json.loads(v), home), sort_keys=True)
                    except ValueError:
                        v = RUN_ID.sub("<run-id>", TIMESTAMP.sub("<time>", v.replace(home, "<home>")))
                cells.append(repr(v))
            rows.append("|".join(cells))
        rows.sort()
        yield table, len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()
    con.close()


def main():
    home = os.path.abspath(sys.argv[1])
    for root, dirs, files in os.walk(home):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, home)
            rel = RUN_ID.sub("<run-id>", rel)
            if name.endswith((".db-wal", ".db-shm", ".db-journal")):
                continue
            if name.endswith(".db"):
                for table, count, digest in db_digests(path, home):
                    print(f"{rel}#{table} rows={count} {digest}")
                continue
            digest = file_digest(path, home)
            if digest is not None:
                print(f"{rel} {digest}")


if __name__ == "__main__":
    main()
