"""The leak canary through `smtui serve`: values created, put and read over the wire by two clients, and every
place on the server's side (and smtui's own client's) where they must never be.

As in test_canary.py: a unique marker per entry path, searched for in every encoded form. The server runs as
people run it (its own process, its log on stderr, its stdout kept too); the clients are
- a boto3 program whose botocore debug log goes to a file: that log holds the bodies (the program's own
  choice, and the proof that the markers really went over the wire); the server's sinks must not;
- smtui itself with `--backend aws --endpoint-url` and `--debug`: its debug log is smtui's, so it is redacted
  (smtui/redact.py) even though botocore logs every body.
Sinks: every process's argv and environment while the clients run, the server's stderr log and stdout, the
store's files (encrypted), the key file, and smtui's --debug log. The server's log must also never hold the
Authorization header, a signature the clients sent, or the secret access key.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.safety.canary import ProcScanner, count_hits, encoded_forms, new_marker, scan_files, store_files
from tests.safety.conftest import smtui_env
from tests.safety.test_canary import assert_zero, record
from tests.serve.conftest import EXPORT, LISTENING
from tests.waiting import wait_for

# The boto3 program: markers on stdin (one a line, never in its argv or environment), botocore's DEBUG log to a
# file, as a developer debugging their program against the local endpoint would have it.
BOTO3_CLIENT = r"""
import base64, json, logging, sys
import boto3
from botocore.config import Config
url, region, log_path, name = sys.argv[1:5]
markers = json.loads(sys.stdin.readline())
handler = logging.FileHandler(log_path)
handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
logging.getLogger("botocore").addHandler(handler)
logging.getLogger("botocore").setLevel(logging.DEBUG)
client = boto3.client("secretsmanager", endpoint_url=url, region_name=region,
                      config=Config(retries={"max_attempts": 1, "mode": "standard"}))
client.create_secret(Name=name, SecretString=markers["create"])
client.put_secret_value(SecretId=name, SecretString=markers["put"])
client.put_secret_value(SecretId=name, SecretBinary=markers["binary"].encode())
got = client.get_secret_value(SecretId=name)
assert got["SecretBinary"] == markers["binary"].encode(), "read back"
client.create_secret(Name=name + "-2", SecretString=markers["create"], ClientRequestToken=str(got["VersionId"]))
batch = client.batch_get_secret_value(SecretIdList=[name, name + "-2"])
assert len(batch["SecretValues"]) == 2
print("ok")
"""
SIGNATURE = re.compile(rb"Signature=([0-9a-f]{64})")
LISTENING_LINE = re.compile(LISTENING.pattern, re.MULTILINE)  # with --debug, DEBUG lines come first


@dataclass
class Server:
    """`smtui serve` on a store of its own, its stderr and its stdout each in a file."""

    folder: Path
    process: subprocess.Popen[bytes]
    url: str
    env: dict[str, str]
    debug: bool = False

    @property
    def store_folder(self) -> Path:
        return self.folder / "store"

    @property
    def key_file(self) -> Path:
        return self.folder / "serve.key"

    @property
    def stderr(self) -> Path:
        return self.folder / "serve.stderr"

    @property
    def stdout(self) -> Path:
        return self.folder / "serve.stdout"


def _smtui(folder: Path, *args: str) -> list[str]:
    store = ["--store", str(folder / "store" / "s.db"), "--key-file", str(folder / "serve.key")]
    return [sys.executable, "-m", "smtui", *store, "serve", *args]


@pytest.fixture(params=[[], ["--debug"]], ids=["serve", "serve-debug"])
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Server]:
    """The server as people run it, and with `--debug` (the most talkative it gets: smtui's DEBUG log on stderr)."""
    folder = tmp_path / "server"
    (folder / "store").mkdir(parents=True)
    printed = subprocess.run(_smtui(folder, "--print-env"), env=smtui_env(), capture_output=True, timeout=60)
    assert printed.returncode == 0, printed.stderr.decode(errors="replace")
    exports = {}
    for line in printed.stdout.decode().splitlines():
        if found := EXPORT.match(line):
            exports[found.group(1)] = shlex.split(found.group(2))[0]
    with (folder / "serve.stderr").open("wb") as err, (folder / "serve.stdout").open("wb") as out:
        process = subprocess.Popen(
            _smtui(folder, "--port", "0", *request.param),
            env=smtui_env(),
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
        )
    log = folder / "serve.stderr"
    wait_for(lambda: LISTENING_LINE.search(log.read_text()), "smtui serve to listen", process=process)
    found = LISTENING_LINE.search(log.read_text())
    assert found is not None
    served = Server(folder, process, found.group(1), exports, debug=bool(request.param))
    yield served
    process.terminate()
    assert process.wait(timeout=30) == 143


def _name(server: Server) -> str:
    if server.debug:
        assert b" DEBUG " in server.stderr.read_bytes(), "serve --debug must have logged"
        return "serve --debug"
    return "serve"


def _client_env(server: Server) -> dict[str, str]:
    """Credentials and region from the server's export lines; the endpoint only on the command lines."""
    keys = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION")
    return smtui_env(**{k: server.env[k] for k in keys}, AWS_DEFAULT_REGION=server.env["AWS_REGION"])


def _server_hits(server: Server, forms: dict[str, bytes]) -> dict[str, int]:
    return {
        "serve stderr log": count_hits(server.stderr.read_bytes(), forms),
        "serve stdout": count_hits(server.stdout.read_bytes(), forms),
        "store files": sum(scan_files(store_files(server.store_folder), forms).values()),
        "key file": sum(scan_files([server.key_file], forms).values()),
    }


def _assert_no_credentials_in_log(server: Server, signatures: set[bytes]) -> None:
    """The server's output never holds the Authorization header, a signature sent to it, or the secret key."""
    secret = server.env["AWS_SECRET_ACCESS_KEY"].encode()
    for sink in (server.stderr, server.stdout):
        data = sink.read_bytes()
        assert b"AWS4-HMAC-SHA256" not in data and b"Credential=" not in data and b"Signature=" not in data
        assert not [s for s in signatures if s in data], f"a request's signature reached {sink.name}"
        assert count_hits(data, encoded_forms(secret)) == 0, f"the secret access key reached {sink.name}"
    assert server.stderr.read_bytes().count(b"\n") >= 5, "the request lines were written"


def test_boto3_client_through_serve(server: Server, tmp_path: Path, record_property: Any) -> None:
    markers = {kind: new_marker(f"serve_boto3_{kind}") for kind in ("create", "put", "binary")}
    client_log = tmp_path / "client" / "botocore-debug.log"
    client_log.parent.mkdir()
    name = f"canary/serve-{uuid.uuid4().hex[:8]}"
    all_forms = {f"{kind}:{form}": v for kind, m in markers.items() for form, v in encoded_forms(m).items()}
    with ProcScanner(all_forms) as scanner:
        done = subprocess.run(
            [sys.executable, "-c", BOTO3_CLIENT, server.url, server.env["AWS_REGION"], str(client_log), name],
            input=(json.dumps(markers) + "\n").encode(),
            env=_client_env(server),
            capture_output=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0 and done.stdout == b"ok\n", done.stderr.decode(errors="replace")[-3000:]
    client_text = client_log.read_bytes()
    for kind, marker in markers.items():
        # the positive control: botocore's own debug log holds each body, so each marker really went over the wire
        assert count_hits(client_text, encoded_forms(marker)) > 0, f"{kind} never reached the wire"
    hits = {"argv/environ": scanner.total, **_server_hits(server, all_forms)}
    record(record_property, f"{_name(server)} <- boto3 (create, put, binary, get, batch-get)", hits)
    assert_zero("serve <- boto3", hits, {"proc": scanner.hits})
    signatures = set(SIGNATURE.findall(client_text))
    assert len(signatures) >= 6
    _assert_no_credentials_in_log(server, signatures)


def _smtui_client(server: Server, args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    target = ["--backend", "aws", "--endpoint-url", server.url, "--region", server.env["AWS_REGION"]]
    return subprocess.run(
        [sys.executable, "-m", "smtui", args[0], *target, *args[1:], "--debug"],
        input=stdin,
        env=_client_env(server),
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_smtui_debug_client_through_serve(server: Server, tmp_path: Path, record_property: Any) -> None:
    create, put = new_marker("serve_smtui_create"), new_marker("serve_smtui_put")
    forms = {**{f"create:{k}": v for k, v in encoded_forms(create).items()}}
    forms.update({f"put:{k}": v for k, v in encoded_forms(put).items()})
    source = tmp_path / "value" / "put.txt"
    source.parent.mkdir()
    source.write_bytes(put.encode())
    name = f"canary/serve-smtui-{uuid.uuid4().hex[:8]}"
    with ProcScanner(forms) as scanner:
        made = _smtui_client(server, ["create-secret", "--name", name, "--secret-string", "-"], create.encode())
        stored = _smtui_client(server, ["put-secret-value", "--secret-id", name, "--secret-string", f"file://{source}"])
        got = _smtui_client(server, ["get-secret-value", "--secret-id", name])
        previous = _smtui_client(server, ["get-secret-value", "--secret-id", name, "--version-stage", "AWSPREVIOUS"])
    for done in (made, stored, got, previous):
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
        assert b"DEBUG" in done.stderr, "--debug must have logged"
    # the values came back where they were sent: get-secret-value's stdout, once each
    assert count_hits(got.stdout, encoded_forms(put)) >= 1 and count_hits(previous.stdout, encoded_forms(create)) >= 1
    debug_log = made.stderr + stored.stderr + got.stderr + previous.stderr
    hits = {
        "argv/environ": scanner.total,
        "stdout of create/put": count_hits(made.stdout + stored.stdout, forms),
        "smtui --debug client log": count_hits(debug_log, forms),
        **_server_hits(server, forms),
    }
    record(record_property, f"{_name(server)} <- smtui --backend aws --debug (create, put, get)", hits)
    assert_zero("serve <- smtui --debug", hits, {"proc": scanner.hits})
    secret = server.env["AWS_SECRET_ACCESS_KEY"].encode()
    assert count_hits(debug_log, encoded_forms(secret)) == 0, "the secret access key reached smtui's --debug log"
    _assert_no_credentials_in_log(server, set())
