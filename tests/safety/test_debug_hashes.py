"""`--debug` keeps every hash of a body that holds a value out of the log.

botocore's SigV4 signer logs the canonical request, whose last line is SHA-256(body), and the StringToSign,
which holds SHA-256(canonical request). For a 4-digit PIN, hashing the 10,000 candidate bodies finds the value
from the payload hash alone. The real `smtui` process against the moto server, with --debug.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from tests.safety.conftest import run_smtui, smtui_env

if TYPE_CHECKING:
    from tests.conftest import MotoServer

PIN = "7316"
HEX64 = re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{64}(?![0-9a-fA-F])")


def test_debug_log_holds_no_hash_of_a_pin_body(moto_env: MotoServer, tmp_path: Path) -> None:
    value = tmp_path / "pin"
    value.write_text(PIN)
    done = run_smtui(
        ["create-secret", "--name", "app/pin", "--secret-string", f"file://{value}", "--debug"], env=smtui_env()
    )
    assert done.returncode == 0, done.stderr[-2000:]
    log = done.stderr.decode("utf-8", "replace")
    assert "CanonicalRequest" in log  # the signer's lines are there, so the check below means something
    assert HEX64.findall(log) == [], "a SHA-256 digest is in the --debug log"
    # The attack itself: every candidate's SHA-256, of the value alone and of bodies holding it.
    token = json.loads(done.stdout)["VersionId"]
    for n in range(10_000):
        candidate = f"{n:04d}"
        assert hashlib.sha256(candidate.encode()).hexdigest() not in log
        body = json.dumps({"Name": "app/pin", "ClientRequestToken": token, "SecretString": candidate})
        assert hashlib.sha256(body.encode()).hexdigest() not in log
