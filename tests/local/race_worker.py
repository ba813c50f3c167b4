"""A separate process for the race tests: open the store, say `ready`, then for each NAME line on stdin create
that secret at once and print one JSON line: {"ok": ARN} or {"code": AWS code, "exit": exit code}.

One process serves every round, so the rounds cost no interpreter start-up. Run by test_local_processes.py.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

from smtui.backends.local import LocalBackend
from smtui.errors import SmtuiError
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings


def main(store: str, key_file: str) -> None:
    settings = TargetSettings(backend="local", store=Path(store), key_file=Path(key_file) if key_file else None)
    backend = LocalBackend(settings)
    print("ready", flush=True)
    for line in sys.stdin:
        req = CreateSecretRequest.model_validate(
            {"Name": line.strip(), "SecretString": "race-value", "ClientRequestToken": str(uuid.uuid4())}
        )
        try:
            out: dict[str, object] = {"ok": backend.create_secret(req).ARN}
        except SmtuiError as exc:
            out = {"code": exc.code, "exit": exc.exit_code, "message": exc.message}
        print(json.dumps(out), flush=True)
    backend.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
