"""A separate process for the concurrent-tagging test: open the store, say `ready`, then for each KEY line on stdin
tag the secret `app/db` with that key (or untag it, for a line `-KEY`) and print `ok` or the error's code. Run by
test_local_tags_processes.py."""

from __future__ import annotations

import sys
from pathlib import Path

from smtui.backends.local import LocalBackend
from smtui.errors import SmtuiError
from smtui.model import Tag
from smtui.settings import TargetSettings


def main(store: str, key_file: str) -> None:
    settings = TargetSettings(backend="local", store=Path(store), key_file=Path(key_file) if key_file else None)
    backend = LocalBackend(settings)
    print("ready", flush=True)
    for line in sys.stdin:
        key = line.strip()
        try:
            if key.startswith("-"):
                backend.untag_resource("app/db", [key[1:]])
            else:
                backend.tag_resource("app/db", [Tag(Key=key, Value=key)])
            print("ok", flush=True)
        except SmtuiError as exc:
            print(exc.code, flush=True)
    backend.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
