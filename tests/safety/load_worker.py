"""One process of the load test: many creates on a shared local store, through the real LocalBackend.

Usage: python load_worker.py STORE KEY_FILE WORKER_ID SEED NAME... ; prints "ready", waits for a line on stdin
(so every worker starts at the same moment), creates every name in a shuffled order, and prints one JSON line:
the values it won (hex, so binary values survive), how many it lost, every other error's text, and latencies.
Values are written by the worker that wins; the test then reads each one back and compares it bit-exact.
"""

from __future__ import annotations

import json
import random
import sys
import time
import uuid
from pathlib import Path


def main(argv: list[str]) -> int:
    store, key_file, worker, seed, *names = argv
    from smtui.backends import open_backend
    from smtui.errors import ServiceError, SmtuiError
    from smtui.model import build_request
    from smtui.settings import TargetSettings

    backend = open_backend(TargetSettings(backend="local", store=Path(store), key_file=Path(key_file)))
    rng = random.Random(int(seed))
    order = list(names)
    rng.shuffle(order)
    won: dict[str, str] = {}
    lost = 0
    errors: list[str] = []
    latencies: list[float] = []  # every attempt
    won_latencies: list[float] = []  # the creates that wrote a secret
    print("ready", flush=True)
    sys.stdin.readline()
    for name in order:
        binary = rng.random() < 0.3
        value: str | bytes = rng.randbytes(rng.randint(1, 2048)) if binary else f"{worker}:{name}:{uuid.uuid4().hex}é"
        data = {
            "Name": name,
            "ClientRequestToken": str(uuid.uuid4()),
            "SecretBinary" if binary else "SecretString": value,
        }
        start = time.perf_counter()
        try:
            backend.create_secret(build_request(data))
        except ServiceError as exc:
            if exc.code == "ResourceExistsException":
                lost += 1
            else:
                errors.append(f"{exc.code}: {exc}")
        except SmtuiError as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        else:
            won[name] = ("b:" + value.hex()) if isinstance(value, bytes) else ("s:" + value.encode().hex())
            won_latencies.append(time.perf_counter() - start)
        latencies.append(time.perf_counter() - start)
    backend.close()
    print(
        json.dumps(
            {
                "worker": worker,
                "won": won,
                "lost": lost,
                "errors": errors,
                "latencies": latencies,
                "won_latencies": won_latencies,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
