"""A separate process for the put-secret-value fault tests (tests/local/test_local_version_faults.py).

`python put_worker.py STORE KEY_FILE serve NAME`: say `ready`, then for each line on stdin put one new value on
NAME and print one JSON line: {"ok": VersionId, "stages": [...]} or {"code": AWS code, "exit": exit code}.
`python put_worker.py STORE KEY_FILE loop NAME`: put values on NAME one after another, printing each VersionId
once the call has returned (so: committed), until killed.

Every value is `value-` + its VersionId, so the test can check any version without being told its value.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

from pydantic import SecretStr

from smtui.backends.local import LocalBackend
from smtui.errors import SmtuiError
from smtui.model.lifecycle import PutSecretValueRequest
from smtui.settings import TargetSettings


def value_for(version_id: str) -> str:
    return f"value-{version_id}"


def _put(backend: LocalBackend, name: str) -> dict[str, object]:
    token = str(uuid.uuid4())
    request = PutSecretValueRequest(SecretId=name, ClientRequestToken=token, SecretString=SecretStr(value_for(token)))
    try:
        result = backend.put_secret_value(request)
    except SmtuiError as exc:
        return {"code": exc.code, "exit": exc.exit_code, "message": exc.message}
    return {"ok": result.VersionId, "stages": result.VersionStages}


def main(store: str, key_file: str, mode: str, name: str) -> None:
    backend = LocalBackend(TargetSettings(backend="local", store=Path(store), key_file=Path(key_file)))
    print("ready", flush=True)
    if mode == "loop":
        while True:
            print(json.dumps(_put(backend, name)), flush=True)
    for _line in sys.stdin:
        print(json.dumps(_put(backend, name)), flush=True)
    backend.close()


if __name__ == "__main__":
    main(*sys.argv[1:5])
