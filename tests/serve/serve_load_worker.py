"""One client process of the serve load test: boto3 against `smtui serve`, a mix of Secrets Manager requests.

Usage: python serve_load_worker.py, with one JSON line on stdin (the endpoint, the access key pair, the worker's
number, seed, request count and the shared names; on stdin, so no credential is in argv or the environment).
It prints "ready", waits for a line on stdin (every worker starts at the same moment), then sends its requests
and prints one JSON line: what it saw.

The mix (create, put, get, describe, list) overlaps on purpose: every worker tries to create every name, so
exactly one may win each and the others must get ResourceExistsException; puts go to any name the worker knows
exists (other workers' too), each with its own value. The worker keeps every write the server acknowledged
(a 200 with a VersionId) and reads its own versions back by VersionId during the run, bit-exact; the test reads
every acknowledged write back from the store afterwards. A transport error (no HTTP answer at all) is counted;
with `stop_on_transport_error` (the kill -9 run: the server is gone) the worker stops there and reports.
"""

from __future__ import annotations

import json
import random
import sys
import time
import uuid
from typing import Any


class CutShort(Exception):
    """A reply whose body is shorter than its Content-Length: the connection closed in the middle of it."""


def whole_reply(response_dict: dict[str, Any], **_: Any) -> None:
    """botocore parses a reply cut short as if it were whole (an empty or partial JSON body gives a reply with
    no members, an error with no code): a server killed between a reply's head and its body would pass for one
    that answered. So a body must be as long as its Content-Length, or the reply counts as no answer."""
    expected = response_dict["headers"].get("content-length")
    if expected is not None and len(response_dict["body"]) != int(expected):
        raise CutShort(f"{len(response_dict['body'])} of {expected} bytes")


def encoded(value: str | bytes) -> str:
    """A value as JSON can carry it exactly: `b:` and the bytes in hex, or `s:` and the UTF-8 in hex."""
    return ("b:" + value.hex()) if isinstance(value, bytes) else ("s:" + value.encode().hex())


def read_value(reply: dict[str, Any]) -> str:
    """The value of a GetSecretValue reply (boto3's or the store's fields), encoded as `encoded` does."""
    if reply.get("SecretBinary") is not None:
        return encoded(bytes(reply["SecretBinary"]))
    return encoded(str(reply["SecretString"]))


class Worker:
    def __init__(self, config: dict[str, Any]) -> None:
        import boto3
        from botocore.config import Config

        self.rng = random.Random(int(config["seed"]))
        self.worker = int(config["worker"])
        self.requests = int(config["requests"])
        self.names: list[str] = list(config["names"])
        self.prefix = str(config["prefix"])
        self.stop_on_transport_error = bool(config.get("stop_on_transport_error", False))
        session = boto3.session.Session(
            aws_access_key_id=config["access_key_id"],
            aws_secret_access_key=config["secret_access_key"],
            region_name=config["region"],
        )
        retries = {"max_attempts": 1, "mode": "standard"}  # one request per attempt: nothing hidden by a retry
        self.client = session.client(
            "secretsmanager",
            endpoint_url=config["url"],
            config=Config(retries=retries, connect_timeout=10, read_timeout=60),
        )
        self.client.meta.events.register("before-parse.*", whole_reply)
        self.to_create = list(self.names)
        self.rng.shuffle(self.to_create)
        self.existing: list[str] = []  # names this worker knows exist (won or lost)
        self.acked: list[dict[str, str]] = []  # {"name", "version", "value", "op"}: every acknowledged write
        self.won: list[str] = []
        self.lost = 0
        self.counts: dict[str, int] = {}
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []  # service errors the mix does not expect
        self.mismatches: list[str] = []
        self.transport_errors: list[str] = []

    def value(self, op: str, i: int) -> str | bytes:
        if self.rng.random() < 0.3:
            return self.rng.randbytes(self.rng.randint(1, 4096))
        return f"smtui-serve-load-marker {self.worker}:{op}:{i}:{uuid.uuid4().hex} é€"

    def pick(self) -> str:
        ops = ["create", "put", "get", "describe", "list"]
        weights = [3 if self.to_create else 0, 2 if self.existing else 0, 3 if self.acked else 0, 1, 1]
        return self.rng.choices(ops, weights)[0]

    def call(self, op: str, i: int) -> None:
        from botocore.exceptions import ClientError

        if op == "create":
            name = self.to_create.pop()
            value = self.value(op, i)
            member = "SecretBinary" if isinstance(value, bytes) else "SecretString"
            kw: dict[str, Any] = {"Name": name, "ClientRequestToken": str(uuid.uuid4()), member: value}
            try:
                reply = self.client.create_secret(**kw)
            except ClientError as exc:
                if exc.response["Error"]["Code"] != "ResourceExistsException":
                    raise
                self.lost += 1
                self.existing.append(name)
                return
            self.won.append(name)
            self.existing.append(name)
            self.acked.append({"op": op, "name": name, "version": reply["VersionId"], "value": encoded(value)})
        elif op == "put":
            name = self.rng.choice(self.existing)
            value = self.value(op, i)
            member = "SecretBinary" if isinstance(value, bytes) else "SecretString"
            reply = self.client.put_secret_value(SecretId=name, ClientRequestToken=str(uuid.uuid4()), **{member: value})
            self.acked.append({"op": op, "name": name, "version": reply["VersionId"], "value": encoded(value)})
        elif op == "get":
            write = self.rng.choice(self.acked)
            reply = self.client.get_secret_value(SecretId=write["name"], VersionId=write["version"])
            if read_value(reply) != write["value"] or reply["Name"] != write["name"]:
                self.mismatches.append(f"{write['name']} {write['version']}")
        elif op == "describe":
            name = self.rng.choice(self.names)
            try:
                self.client.describe_secret(SecretId=name)
            except ClientError as exc:
                # a name no one has created yet; a name this worker knows exists must be found
                if exc.response["Error"]["Code"] != "ResourceNotFoundException" or name in self.existing:
                    raise
        else:
            filters = [{"Key": "name", "Values": [self.prefix]}]
            self.client.list_secrets(MaxResults=self.rng.randint(1, 50), Filters=filters)

    def run(self) -> None:
        from http.client import HTTPException

        from botocore.exceptions import BotoCoreError, ClientError
        from urllib3.exceptions import HTTPError

        for i in range(self.requests):
            op = self.pick()
            start = time.perf_counter()
            try:
                self.call(op, i)
            except ClientError as exc:
                error, meta = exc.response.get("Error", {}), exc.response.get("ResponseMetadata", {})
                status, headers = meta.get("HTTPStatusCode"), meta.get("HTTPHeaders", {})
                self.errors.append(f"{op}: {status} {error.get('Code')}: {error.get('Message')} {headers}")
            except (BotoCoreError, HTTPError, HTTPException, CutShort) as exc:
                # no whole HTTP answer: the connection failed, closed or timed out, or closed in the middle of a
                # reply (see whole_reply; urllib3 and http.client may report that themselves)
                self.transport_errors.append(f"{op}: {type(exc).__name__}")
                if self.stop_on_transport_error:
                    return
            except Exception as exc:  # anything else is a finding: the test shows it
                self.errors.append(f"{op}: {type(exc).__name__}: {exc}")
            self.latencies.setdefault(op, []).append(time.perf_counter() - start)
            self.counts[op] = self.counts.get(op, 0) + 1

    def report(self) -> dict[str, Any]:
        return {
            "worker": self.worker,
            "won": self.won,
            "lost": self.lost,
            "acked": self.acked,
            "counts": self.counts,
            "latencies": self.latencies,
            "errors": self.errors,
            "mismatches": self.mismatches,
            "transport_errors": self.transport_errors,
        }


def main() -> int:
    worker = Worker(json.loads(sys.stdin.readline()))
    print("ready", flush=True)
    sys.stdin.readline()
    worker.run()
    print(json.dumps(worker.report()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
