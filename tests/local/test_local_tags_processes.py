"""Nothing lost when several processes tag one secret at once (docs/aws-behaviour.md §17): each TagResource reads
the secret's tags and writes the merge in one BEGIN IMMEDIATE transaction, so no process overwrites another's
tags with a stale copy, and the 50-tag quota holds across processes."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

from smtui.backends.local import LocalBackend
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("tag_worker.py")
PROCESSES = 4


def _line(p: subprocess.Popen[str]) -> str:
    assert p.stdout is not None
    line = p.stdout.readline()
    if not line:
        raise AssertionError(p.stderr.read() if p.stderr else "worker died")
    return line.strip()


def _run(store: Path, key_file: Path, batches: list[list[str]]) -> list[list[str]]:
    """Each batch to its own process, every line written before any answer is read (they race)."""
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(store), str(key_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for _ in batches
    ]
    try:
        assert [_line(p) for p in procs] == ["ready"] * len(procs)
        for p, batch in zip(procs, batches, strict=True):
            assert p.stdin is not None
            p.stdin.write("".join(f"{k}\n" for k in batch))
            p.stdin.flush()
        return [[_line(p) for _ in batch] for p, batch in zip(procs, batches, strict=True)]
    finally:
        for p in procs:
            if p.stdin:
                p.stdin.close()
            try:
                p.wait(timeout=60)
            finally:
                if p.poll() is None:
                    p.kill()


def test_concurrent_tags_are_all_kept_and_the_quota_holds(tmp_path: Path) -> None:
    store, key_file = tmp_path / "store.db", tmp_path / "keys.json"
    backend = LocalBackend(TargetSettings(backend="local", store=store, key_file=key_file))
    try:
        backend.create_secret(
            CreateSecretRequest.model_validate(
                {"Name": "app/db", "SecretString": "v", "ClientRequestToken": str(uuid.uuid4())}
            )
        )
        batches = [[f"p{i}k{j}" for j in range(10)] for i in range(PROCESSES)]
        assert _run(store, key_file, batches) == [["ok"] * 10] * PROCESSES
        tags = [(t.Key, t.Value) for t in backend.describe_secret("app/db").Tags or []]
        assert sorted(tags) == sorted((k, k) for batch in batches for k in batch)  # 40 tags, none lost

        # 40 + 4 x 5 new keys would be 60: exactly 10 of the 20 are accepted, whichever process sends them
        more = [[f"q{i}k{j}" for j in range(5)] for i in range(PROCESSES)]
        answers = [a for batch in _run(store, key_file, more) for a in batch]
        assert answers.count("ok") == 10 and answers.count("InvalidParameterException") == 10
        assert len(backend.describe_secret("app/db").Tags or []) == 50
    finally:
        backend.close()
