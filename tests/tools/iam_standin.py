"""A loopback IAM stand-in that answers SimulatePrincipalPolicy over real HTTP (moto does not implement it).

Why: the Review preflight simulates the minimal policy for the caller; a test must see an allowed and a denied
action through botocore's real query-protocol parsing. Start it with `IamStandIn(...)` as a context manager and point
the IAM client at `.url` (AWS_ENDPOINT_URL_IAM). The response shape follows botocore's iam 2010-05-08 model.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

NS = "https://iam.amazonaws.com/doc/2010-05-08/"


class IamStandIn:
    """decisions: action → allowed | explicitDeny | implicitDeny (others: implicitDeny); access_denied: refuse all."""

    def __init__(self, decisions: Mapping[str, str] | None = None, *, access_denied: bool = False) -> None:
        self.decisions = dict(decisions or {})
        self.access_denied = access_denied
        self.requests: list[dict[str, list[str]]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> IamStandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet: tests read .requests
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
                standin.requests.append(form)
                status, body = standin.answer(form)
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def answer(self, form: Mapping[str, list[str]]) -> tuple[int, str]:
        action = form.get("Action", [""])[0]
        if self.access_denied or action != "SimulatePrincipalPolicy":
            code = "AccessDenied" if self.access_denied else "InvalidAction"
            return 403 if self.access_denied else 400, (
                f'<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type><Code>{code}</Code>'
                f"<Message>{code}: {escape(action)}</Message></Error><RequestId>standin</RequestId></ErrorResponse>"
            )
        actions = [v[0] for k, v in sorted(form.items(), key=_member_order) if k.startswith("ActionNames.member.")]
        resources = [v[0] for k, v in sorted(form.items(), key=_member_order) if k.startswith("ResourceArns.member.")]
        members = "".join(
            f"<member><EvalActionName>{escape(a)}</EvalActionName>"
            f"<EvalResourceName>{escape(resources[0] if resources else '*')}</EvalResourceName>"
            f"<EvalDecision>{self.decisions.get(a, 'implicitDeny')}</EvalDecision></member>"
            for a in actions
        )
        return 200, (
            f'<SimulatePrincipalPolicyResponse xmlns="{NS}"><SimulatePrincipalPolicyResult>'
            f"<IsTruncated>false</IsTruncated><EvaluationResults>{members}</EvaluationResults>"
            f"</SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>standin</RequestId></ResponseMetadata>"
            f"</SimulatePrincipalPolicyResponse>"
        )


def _member_order(item: tuple[str, list[str]]) -> tuple[str, int]:
    prefix, _, index = item[0].rpartition(".")
    return (prefix, int(index) if index.isdigit() else 0)
