"""Bounded input: whatever a person points smtui at (200 MB on standard input, `file:///dev/zero` for the value
or for any document or list, a "billion laughs" YAML document), the real process stops at the limit with 252
and a short message, in bounded memory.

Memory is measured from outside: the peak resident set of the real `smtui` process, as the kernel reports it
to its parent (`os.wait4`'s rusage, for that one child). Each child also runs under an address-space limit
of 1 GiB, so a regression fails fast (MemoryError, 255) instead of taking the shared machine's memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from tests.safety.conftest import smtui_env

MEMORY_BOUND_MB = 100  # smtui itself peaks at ~35-45 MB here
ADDRESS_SPACE = 1 << 30
MESSAGE_MAX = 600  # characters of stderr for one refusal
MARKER = "Bnd7-bounded-marker-Qe"


# A small launcher spawns smtui and reports that child's peak RSS. Why not Popen from the test: the kernel
# counts the memory of the process that forked (pytest, easily 100+ MB) in the child's peak; the launcher is
# ~10 MB, so the figure is smtui's own (or the launcher's, whichever is larger).
LAUNCHER = """
import os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))
pid = os.posix_spawn(sys.executable, [sys.executable, "-m", "smtui", *sys.argv[3:]], os.environ)
_pid, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def measured(
    args: list[str],
    tmp_path: Path,
    stdin: IO[bytes] | int = subprocess.DEVNULL,
) -> tuple[int, str, int]:
    """Run `python -m smtui ARGS`; (exit code, stderr, peak resident set in MB of that very process)."""
    result = tmp_path / "result.txt"
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(result), str(ADDRESS_SPACE), *args],
        stdin=stdin,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=smtui_env(),
        timeout=120,
        check=False,
    )
    code, rss_kib = (int(x) for x in result.read_text().split())
    return code, proc.stderr.decode(errors="replace"), rss_kib // 1024


@pytest.fixture
def store(tmp_path: Path) -> list[str]:
    (tmp_path / "value.txt").write_text(MARKER)
    return ["--backend", "local", "--store", str(tmp_path / "s.db"), "--key-file", str(tmp_path / "s.key")]


def assert_refused(code: int, err: str, rss_mb: int, *words: str) -> None:
    assert code == 252, err[:MESSAGE_MAX]
    assert rss_mb < MEMORY_BOUND_MB, f"peak RSS {rss_mb} MB"
    assert "Traceback" not in err and "unexpected error" not in err, err[:MESSAGE_MAX]
    assert len(err) < MESSAGE_MAX, err[:MESSAGE_MAX]
    assert all(w in err for w in words), err


@pytest.mark.parametrize("option", ["--secret-string", "--secret-binary"])
def test_200_mb_on_standard_input_stops_at_the_value_limit(
    option: str, store: list[str], tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    """Was: the whole 200 MB read (443 MB of memory) before the value was refused."""
    big = tmp_path / "big"
    with open(big, "wb") as f:
        f.truncate(200 * 1000 * 1000)  # sparse: 200 MB of zeros without writing them
    with open(big, "rb") as stdin:
        code, err, rss = measured(["create-secret", *store, "--name", "big", option, "-"], tmp_path, stdin)
    record_property("safety-figure", f"200 MB on stdin ({option}): exit {code}, peak RSS {rss} MB")
    assert_refused(code, err, rss, "65536 bytes", "standard input")


def test_200_mb_through_a_pipe_stops_at_the_value_limit(store: list[str], tmp_path: Path) -> None:
    """The same through a real pipe (`producer | smtui`): smtui stops reading, the producer gets EPIPE."""
    read_end, write_end = os.pipe()
    sent = 0

    def produce() -> None:
        nonlocal sent
        chunk = b"z" * 65536
        with os.fdopen(write_end, "wb") as pipe:
            try:
                while sent < 200 * 1000 * 1000:
                    pipe.write(chunk)
                    sent += len(chunk)
            except BrokenPipeError:
                pass

    producer = threading.Thread(target=produce, daemon=True)
    producer.start()
    with os.fdopen(read_end, "rb") as stdin:
        code, err, rss = measured(["create-secret", *store, "--name", "piped", "--secret-string", "-"], tmp_path, stdin)
    producer.join(timeout=60)
    assert_refused(code, err, rss, "65536 bytes", "standard input")
    assert sent < 200 * 1000 * 1000  # it stopped reading long before the end


DEV_ZERO = "file:///dev/zero"
ZERO_CASES = {
    "secret-string file://": ["create-secret", "--name", "z", "--secret-string", DEV_ZERO],
    "secret-string fileb://": ["create-secret", "--name", "z", "--secret-string", "fileb:///dev/zero"],
    "secret-binary file://": ["create-secret", "--name", "z", "--secret-binary", DEV_ZERO],
    "secret-binary fileb://": ["create-secret", "--name", "z", "--secret-binary", "fileb:///dev/zero"],
    "tags": ["create-secret", "--name", "z", "--tags", DEV_ZERO, "--secret-string", "VALUE"],
    "add-replica-regions": [
        "create-secret",
        "--name",
        "z",
        "--add-replica-regions",
        DEV_ZERO,
        "--secret-string",
        "VALUE",
    ],
    "create cli-input-json": ["create-secret", "--cli-input-json", DEV_ZERO, "--secret-string", "VALUE"],
    "create cli-input-yaml": ["create-secret", "--cli-input-yaml", DEV_ZERO, "--secret-string", "VALUE"],
    "wizard cli-input-json": ["--cli-input-json", DEV_ZERO],
    "list filters": ["list-secrets", "--filters", DEV_ZERO],
    "list cli-input-json": ["list-secrets", "--cli-input-json", DEV_ZERO],
    "get cli-input-yaml": ["get-secret-value", "--cli-input-yaml", DEV_ZERO],
    "describe cli-input-json": ["describe-secret", "--cli-input-json", DEV_ZERO],
    "delete cli-input-yaml": ["delete-secret", "--cli-input-yaml", DEV_ZERO],
}


@pytest.mark.parametrize("case", list(ZERO_CASES))
def test_dev_zero_is_refused_at_the_limit_in_bounded_memory(
    case: str, store: list[str], tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    """Was: MemoryError, exit 255, after taking all the memory it could."""
    args = [f"file://{tmp_path / 'value.txt'}" if a == "VALUE" else a for a in ZERO_CASES[case]]
    code, err, rss = measured(
        [*args[:1], *store, *args[1:]] if not args[0].startswith("-") else [*store, *args], tmp_path
    )
    record_property("safety-figure", f"file:///dev/zero ({case}): exit {code}, peak RSS {rss} MB")
    limit = "65536 bytes" if case.startswith("secret-") and "binary file://" not in case else "1048576 bytes"
    assert_refused(code, err, rss, limit)


def billion_laughs(member: str) -> str:
    """Nine levels of nine aliases under one member: 9**9 "lol" once expanded (~340 bytes of YAML)."""
    lines = [f"{member}:", '- &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"- &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "command,member", [("list-secrets", "Filters"), ("create-secret", "Tags"), ("get-secret-value", "SecretId")]
)
def test_billion_laughs_yaml_is_refused_at_once(command: str, member: str, store: list[str], tmp_path: Path) -> None:
    """Was: 2.4 GB of memory for 15 s and a 226 MB error message (list-secrets)."""
    doc = tmp_path / "bomb.yaml"
    doc.write_text(billion_laughs(member))
    code, err, rss = measured([command, *store, "--cli-input-yaml", f"file://{doc}"], tmp_path)
    assert_refused(code, err, rss, "--cli-input-yaml", "anchors and aliases")
    assert "lol" not in err


def test_an_alias_alone_is_refused_too(store: list[str], tmp_path: Path) -> None:
    doc = tmp_path / "alias.yaml"
    doc.write_text("Name: &n x\nDescription: *n\n")
    code, err, rss = measured(
        [
            "create-secret",
            *store,
            "--cli-input-yaml",
            f"file://{doc}",
            "--secret-string",
            f"file://{tmp_path / 'value.txt'}",
        ],
        tmp_path,
    )
    assert_refused(code, err, rss, "line 1 column 7")


def test_every_error_message_is_short(store: list[str], tmp_path: Path) -> None:
    """A document of a thousand bad tags, each naming a long key: the message lists some and counts the rest;
    no line is longer than the cap (the document is never echoed)."""
    tags = ",".join(f'{{"Key": "aws:{MARKER}{"k" * 200}{n}", "Value": "v"}}' for n in range(1000))
    doc = tmp_path / "tags.json"
    doc.write_text(f'{{"Name": "many", "Tags": [{tags}]}}')
    code, err, _rss = measured(
        [
            "create-secret",
            *store,
            "--cli-input-json",
            f"file://{doc}",
            "--secret-string",
            f"file://{tmp_path / 'value.txt'}",
        ],
        tmp_path,
    )
    assert code == 252, err[:500]
    assert len(err) < 30_000, len(err)
    assert all(len(line) <= 1100 for line in err.splitlines())
