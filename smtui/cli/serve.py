"""`smtui serve`: the local store as a Secrets Manager endpoint for programs, the AWS CLI and Terraform.

Global options choose the store (`--store`, `--key-file`) and the default region (`--region`, for a request
whose credential scope names none). `--print-env` prints the shell `export` lines a program needs (the access
key pair kept with the store's key material, the endpoint, the region) and exits without serving: the secret
access key is printed only when asked for, never on a plain start's log. `--insecure-any-credentials` accepts
any signature (for test suites that sign with fixed dummy keys) and says so at start and on every log line.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from smtui.cli.command import Command, Context, Options, option
from smtui.errors import ParameterError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4566  # the port AWS emulators use, so existing endpoint settings keep working


@dataclass(frozen=True, kw_only=True)
class ServeOptions(Options):
    documents: ClassVar[bool] = False

    host: str = option("--host", default=DEFAULT_HOST, help="A loopback address (default 127.0.0.1).")
    port: int = option("--port", kind=int, default=DEFAULT_PORT, help="The port (default 4566; 0 picks one).")
    print_env: bool = option(
        "--print-env", kind=bool, default=False, help="Print the export lines for a shell, and exit."
    )
    insecure_any_credentials: bool = option(
        "--insecure-any-credentials",
        kind=bool,
        default=False,
        help="Accept any access key and signature (test suites with dummy credentials). Not for real use.",
    )

    def check(self, context: Context) -> None:
        if not 0 <= self.port <= 65535:
            raise ParameterError(f"smtui serve: --port {self.port} is not a port (0 to 65535).", field="--port")
        if context.target.backend == "aws":
            raise ParameterError(
                "smtui serve serves the local store (--backend local); AWS is already an endpoint.", field="--backend"
            )
        if self.print_env and self.port == 0:
            raise ParameterError(
                "smtui serve: --print-env with --port 0 cannot name the endpoint (the port is chosen when the server "
                "starts). Give the port the server listens on (--port 4566), or read it from the server's first line.",
                field="--port",
            )


def export_lines(access_key_id: str, secret: str, endpoint: str, region: str) -> str:
    """The shell lines that point an SDK, the AWS CLI or Terraform at this store."""
    values = (
        ("AWS_ACCESS_KEY_ID", access_key_id),
        ("AWS_SECRET_ACCESS_KEY", secret),
        ("AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint),
        ("AWS_ENDPOINT_URL_KMS", endpoint),
        ("AWS_ENDPOINT_URL_STS", endpoint),
        ("AWS_REGION", region),
        ("AWS_DEFAULT_REGION", region),  # what botocore and the AWS CLI read
    )
    return "".join(f"export {name}={shlex.quote(value)}\n" for name, value in values)


def serve(options: ServeOptions, context: Context) -> int:
    from smtui.serve import server
    from smtui.serve.app import ServeApp
    from smtui.serve.credentials import load_or_create
    from smtui.serve.log import INSECURE_WARNING, RequestLog
    from smtui.serve.regions import RegionBackends

    host = server.loopback_address(options.host)
    backend: Any = context.open_backend(replace(context.target, backend="local"))
    backends = RegionBackends(backend)
    try:  # the store closes however this ends (a signal before serving starts too): closing twice does nothing
        credentials = load_or_create(backend)
        if options.print_env:
            shown = f"[{host}]" if ":" in host else host
            endpoint = f"http://{shown}:{options.port}"
            secret = credentials.secret_access_key.get_secret_value()
            sys.stdout.write(export_lines(credentials.access_key_id, secret, endpoint, backend.region))
            sys.stdout.flush()
            return 0
        with server.listen(host, options.port) as sock:
            log = RequestLog(insecure=options.insecure_any_credentials)
            log.line(f"smtui serve: listening on {server.url_of(sock)} ({backend.describe_target()})")
            if options.insecure_any_credentials:
                log.line(INSECURE_WARNING)
            else:
                key = credentials.access_key_id
                log.line(f"smtui serve: requests must be signed with access key {key} (see smtui serve --print-env)")
            app = ServeApp(backends, credentials, insecure=options.insecure_any_credentials, log=log)
            return server.serve(app, sock)
    finally:
        backends.close()


COMMANDS: tuple[Command[Any], ...] = (
    Command(
        "serve",
        "Serve",
        "Serve the local store as a Secrets Manager (and STS, KMS) endpoint on a loopback address.",
        ServeOptions,
        serve,
        holds_value=True,  # the server holds values in its requests and replies: no core file, not dumpable
    ),
)
