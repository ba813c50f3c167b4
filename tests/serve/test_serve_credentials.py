"""The serve credentials of a new store: two `smtui serve` started at the same moment keep ONE pair.

Found from outside: each server put a pair of its own (the provider's put replaces) and read back its own, so
the two logs named two access keys and one server refused every request signed with what `--print-env`
printed. Now the pair is made inside the store's write transaction (smtui/serve/credentials.py).
"""

from __future__ import annotations

import multiprocessing
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from smtui.backends.local import LocalBackend
from smtui.serve.credentials import load_or_create
from smtui.settings import TargetSettings
from tests.conftest import smtui_env
from tests.serve.conftest import LISTENING, Served, boto3_client
from tests.waiting import wait_for

KEY_LINE = re.compile(r"signed with access key (AKSM[A-Z2-7]{16})")
ROUNDS = 2
RACES = 12


def _named_key(log: Path) -> re.Match[str] | None:
    return KEY_LINE.search(log.read_text())


def _start_two(tmp: Path) -> list[tuple[subprocess.Popen[bytes], Path]]:
    store, key_file = tmp / "store.db", tmp / "keys"
    started = []
    for n in (1, 2):
        log = tmp / f"serve{n}.log"
        command = [sys.executable, "-m", "smtui", "--store", str(store), "--key-file", str(key_file)]
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*command, "serve", "--port", "0"], env=smtui_env(), stdout=subprocess.DEVNULL, stderr=out
            )
        started.append((process, log))
    return started


def test_two_servers_started_at_once_on_a_new_store_share_one_key(tmp_path: Path) -> None:
    for round_ in range(ROUNDS):
        folder = tmp_path / str(round_)
        folder.mkdir()
        servers = _start_two(folder)
        try:
            keys, urls = [], []
            for process, log in servers:
                wait_for(
                    lambda log=log: _named_key(log),  # type: ignore[misc]
                    "both to name their key",
                    process=process,
                )
                text = log.read_text()
                found, listening = KEY_LINE.search(text), LISTENING.match(text)
                assert found is not None and listening is not None, text
                keys.append(found.group(1))
                urls.append(listening.group(1))
            assert keys[0] == keys[1]
            printed = Served(folder / "store.db", folder / "keys", folder / "unused.log")
            printed.env = printed.print_env()
            for url in urls:  # each answers a request signed with what --print-env prints
                printed.url = url
                assert boto3_client(printed).list_secrets()["SecretList"] == []
        finally:
            for process, _ in servers:
                process.send_signal(signal.SIGINT)
            for process, _ in servers:
                assert process.wait(timeout=30) == 130


def _open(store: str, key_file: str) -> LocalBackend:
    return LocalBackend(TargetSettings(backend="local", store=Path(store), key_file=Path(key_file)))


def _load_at_the_barrier(store: str, key_file: str, barrier: Any, out: Any) -> None:
    backend = _open(store, key_file)
    try:
        barrier.wait(timeout=60)
        out.put(load_or_create(backend).access_key_id)
    finally:
        backend.close()


def test_two_processes_making_the_pair_at_the_same_instant_agree(tmp_path: Path) -> None:
    """The race itself, tightened by a barrier right before `load_or_create`, many times over."""
    context = multiprocessing.get_context("fork")  # the parent holds no store open when it forks
    for round_ in range(RACES):
        folder = tmp_path / f"race{round_}"
        folder.mkdir()
        store, key_file = str(folder / "store.db"), str(folder / "keys")
        _open(store, key_file).close()  # the store and the key file exist first: only the pair is raced for
        barrier, out = context.Barrier(2), context.Queue()
        workers = [context.Process(target=_load_at_the_barrier, args=(store, key_file, barrier, out)) for _ in "ab"]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
            assert worker.exitcode == 0
        assert out.get(timeout=5) == out.get(timeout=5), f"round {round_}"
