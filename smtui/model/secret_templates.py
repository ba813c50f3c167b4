"""Secret types of the Value step: templates that build the JSON a secret's consumers (and AWS's rotation
functions) expect, field by field, with each field's rule.

Why here (pure, no Textual): the rules, the defaults and the JSON are the model's, so the template form, the
tests and any later front end (plain mode) share one copy. The form only lays out `Template.fields` and hands
the typed values back to `template_issues` and `render`.

Design choices:

- The database templates follow the public AWS documentation "JSON structure of AWS Secrets Manager secrets"
  (<https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_secret_json_structure.html>): Amazon RDS
  and Aurora (`engine` mysql, postgres, mariadb, oracle, sqlserver), Amazon Redshift (`redshift`, with
  `dbClusterIdentifier`), Amazon DocumentDB (`mongo`, optional `ssl`). The keys are written in the documented
  order (engine, host, username, password, dbname, port, then the identifiers), and `port` is a JSON number and
  `ssl` a JSON boolean, as in those examples. An optional member left empty is left out of the JSON rather
  than stored as "" (a rotation function reads a present `dbname` as a database to connect to).
- `dbname` is required only for Oracle (the SID the rotation function connects to); for the others an absent
  `dbname` means the engine's default database.
- API key, OAuth client and TLS use short snake_case keys (`api_key`, `client_id` / `client_secret`,
  `private_key` / `certificate`): AWS documents no structure for them, and these are the names their tools
  (and most applications) read.
- A host is an RFC 1123 host name (labels of letters, digits and hyphens, 1-63 characters, not starting or
  ending with a hyphen, 253 characters in all, an optional final dot), or an IPv4 or IPv6 literal (an IPv6
  literal may be written in brackets). A name made only of numeric labels must be a valid IPv4 address, so a
  mistyped address (`10.0.0.256`) is not taken for a host name.
- PEM: the shape is checked here (armour lines with matching labels, a base64 body that decodes). Whether the
  key belongs to the certificate is checked only when the optional `cryptography` package can be imported; it
  is never a dependency, and without it the answer is a warning that the pairing was not checked.
- `.env` import (`parse_dotenv`): KEY=VALUE lines, `#` comments and blank lines skipped, an optional `export `
  prefix, values in double quotes (with `\\n`, `\\t`, `\\"`, `\\\\` escapes), single quotes (literal), or
  bare (an inline ` #` comment and the surrounding spaces removed). A key used twice is an error naming both
  lines. Messages name lines and keys, never a value.
- Every message names the field by its label and says the rule; none echoes what was typed in a secret field.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import SecretStr

from smtui.errors import Issue

FieldKind = Literal["text", "port", "host", "secret", "pem", "choice"]
FIELD = "SecretString"  # every template issue concerns the request's SecretString (the Value step)
PORT_MIN, PORT_MAX = 1, 65535
HOST_MAX = 253
LABEL_MAX = 63
# RDS refuses these in a master password, and AWS's rotation templates exclude them by default
DB_PASSWORD_EXCLUDE = "/@\"'\\ "  # noqa: S105 - characters to leave out, not a password

Values = Mapping[str, "str | SecretStr"]


@dataclass(frozen=True)
class FieldSpec:
    """One member of the template's JSON: `name` is the JSON key, `label` what the form shows."""

    name: str
    label: str
    kind: FieldKind = "text"
    required: bool = True
    default: str = ""
    choices: tuple[str, ...] = ()  # kind "choice": the allowed values ("" = left out)
    generated: bool = False  # a password made by the project's generator when the form opens

    @property
    def secret(self) -> bool:
        """Masked in the form and never named by its content: the secret and PEM fields."""
        return self.kind in ("secret", "pem")


@dataclass(frozen=True)
class Template:
    id: str
    label: str
    fields: tuple[FieldSpec, ...]
    fixed: tuple[tuple[str, str], ...] = ()  # members with a constant value (the engine), written first

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


def _database(
    template_id: str,
    label: str,
    engine: str,
    port: int,
    *,
    dbname_required: bool = False,
    extra: tuple[FieldSpec, ...] = (),
) -> Template:
    return Template(
        template_id,
        label,
        (
            FieldSpec("host", "Host", "host"),
            FieldSpec("username", "User name"),
            FieldSpec("password", "Password", "secret", generated=True),
            FieldSpec("dbname", "Database name", required=dbname_required),
            FieldSpec("port", "Port", "port", default=str(port)),
            *extra,
        ),
        fixed=(("engine", engine),),
    )


_RDS_IDS = (
    FieldSpec("dbInstanceIdentifier", "DB instance id", required=False),
    FieldSpec("dbClusterIdentifier", "DB cluster id (Aurora)", required=False),
)

TEMPLATES: tuple[Template, ...] = (
    _database("rds-mysql", "Amazon RDS / Aurora MySQL", "mysql", 3306, extra=_RDS_IDS),
    _database("rds-postgres", "Amazon RDS / Aurora PostgreSQL", "postgres", 5432, extra=_RDS_IDS),
    _database("rds-mariadb", "Amazon RDS MariaDB", "mariadb", 3306, extra=_RDS_IDS),
    _database("rds-oracle", "Amazon RDS Oracle", "oracle", 1521, dbname_required=True, extra=_RDS_IDS),
    _database("rds-sqlserver", "Amazon RDS SQL Server", "sqlserver", 1433, extra=_RDS_IDS),
    _database(
        "documentdb",
        "Amazon DocumentDB",
        "mongo",
        27017,
        extra=(FieldSpec("ssl", "TLS (ssl)", "choice", required=False, choices=("", "true", "false")),),
    ),
    _database(
        "redshift",
        "Amazon Redshift",
        "redshift",
        5439,
        extra=(FieldSpec("dbClusterIdentifier", "Cluster id", required=False),),
    ),
    Template(
        "other-db",
        "Other database",
        (
            FieldSpec("engine", "Engine"),
            FieldSpec("host", "Host", "host"),
            FieldSpec("username", "User name"),
            FieldSpec("password", "Password", "secret", generated=True),
            FieldSpec("dbname", "Database name"),
            FieldSpec("port", "Port", "port"),
        ),
    ),
    Template("api-key", "API key", (FieldSpec("api_key", "API key", "secret"),)),
    Template(
        "oauth-client",
        "OAuth client",
        (FieldSpec("client_id", "Client id"), FieldSpec("client_secret", "Client secret", "secret")),
    ),
    Template(
        "tls",
        "TLS key and certificate",
        (FieldSpec("private_key", "Private key (PEM)", "pem"), FieldSpec("certificate", "Certificate (PEM)", "pem")),
    ),
    Template("dotenv", ".env import", ()),  # the pairs come from parse_dotenv, not from fields
)
TEMPLATE_IDS: tuple[str, ...] = tuple(t.id for t in TEMPLATES)
DEFAULT_TEMPLATE = "rds-postgres"
_BY_ID = {t.id: t for t in TEMPLATES}


def get(template_id: str) -> Template:
    """The template by id; an unknown id is a programming error (ids come from TEMPLATE_IDS)."""
    return _BY_ID[template_id]


def _plain(value: str | SecretStr | None) -> str:
    if value is None:
        return ""
    return value.get_secret_value() if isinstance(value, SecretStr) else value


# -- field rules -----------------------------------------------------------------------------------------------

_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")


def host_issue(host: str) -> str | None:
    """Why `host` is not a host name or an IP literal (None when it is); the reason names the rule."""
    literal = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        address = ipaddress.ip_address(literal)
    except ValueError:
        address = None
    if address is not None:
        if literal == host or address.version == 6:
            return None
        return "may be in brackets only when it is an IPv6 address"
    if ":" in host or host.startswith("["):
        return "is not a valid IPv6 address"
    name = host[:-1] if host.endswith(".") else host
    if not name:
        return "is empty"
    if len(name) > HOST_MAX:
        return f"is longer than {HOST_MAX} characters"
    labels = name.split(".")
    if all(label.isdigit() for label in labels):
        return "looks like an IPv4 address but is not one (four numbers from 0 to 255)"
    for label in labels:
        if not label:
            return "has an empty label (two dots in a row, or a dot at the start)"
        if len(label) > LABEL_MAX:
            return f"has a label longer than {LABEL_MAX} characters"
        if not _LABEL.fullmatch(label):
            return "may contain only letters, digits, hyphens and dots, and no label may start or end with a hyphen"
    return None


def port_issue(port: str) -> str | None:
    if not port.isascii() or not port.isdigit():
        return f"must be a whole number from {PORT_MIN} to {PORT_MAX}"
    if not PORT_MIN <= int(port) <= PORT_MAX:
        return f"must be from {PORT_MIN} to {PORT_MAX}"
    return None


_PEM = re.compile(
    r"-----BEGIN (?P<label>[A-Z0-9 ]+)-----\r?\n(?P<body>[A-Za-z0-9+/=\r\n]*?)\r?\n?-----END (?P<end>[A-Z0-9 ]+)-----"
)
PRIVATE_KEY_LABELS = ("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY")


def pem_issue(text: str, labels: tuple[str, ...]) -> str | None:
    """Why `text` is not one or more PEM blocks with one of `labels` (None when it is). Never quotes the text."""
    blocks = list(_PEM.finditer(text))
    if not blocks:
        return (
            "is not PEM: it needs a -----BEGIN ...----- line, the base64 body and the matching -----END ...----- line"
        )
    outside = _PEM.sub("", text).strip()
    if outside:
        return "has text outside its -----BEGIN / -----END blocks"
    for block in blocks:
        if block["label"] != block["end"]:
            return f"has a BEGIN {block['label']} line closed by END {block['end']}"
        if block["label"] not in labels:
            return f"holds a {block['label']} block where {' or '.join(labels)} is expected"
        try:
            base64.b64decode("".join(block["body"].split()), validate=True)
        except (binascii.Error, ValueError):
            return f"has a {block['label']} body that is not valid base64"
    return None


def tls_pair_issues(private_key: str, certificate: str) -> list[Issue]:
    """Whether the key belongs to the (first) certificate, when `cryptography` can tell; otherwise a warning.

    Compares the certificate's public key with the private key's public half (SubjectPublicKeyInfo DER). An
    encrypted key cannot be opened without its passphrase, which smtui never asks for: a warning says so.
    """
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
    except ImportError:
        return [
            Issue(
                FIELD,
                "Not checked whether the private key belongs to the certificate (the optional "
                "cryptography package is not installed).",
                "warning",
            )
        ]
    if "ENCRYPTED PRIVATE KEY" in private_key:
        return [
            Issue(
                FIELD,
                "Not checked whether the private key belongs to the certificate: the key is "
                "encrypted (smtui never asks for its passphrase).",
                "warning",
            )
        ]
    try:
        key = serialization.load_pem_private_key(private_key.encode(), password=None)
    except (ValueError, TypeError):
        return [Issue(FIELD, "Private key (PEM) could not be read as a private key.")]
    except Exception:  # an unsupported algorithm: cryptography cannot tell
        return [
            Issue(
                FIELD,
                "Not checked whether the private key belongs to the certificate (its algorithm is not supported here).",
                "warning",
            )
        ]
    try:
        cert = x509.load_pem_x509_certificate(certificate.encode())
    except ValueError:
        return [Issue(FIELD, "Certificate (PEM) could not be read as an X.509 certificate.")]
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != cert.public_key().public_bytes(*spki):
        return [Issue(FIELD, "Private key (PEM) does not belong to Certificate (PEM): their public keys differ.")]
    return []


def template_issues(template_id: str, values: Values) -> list[Issue]:
    """Every field's rule, in the form's order; each message names the field's label and the rule."""
    template = get(template_id)
    issues: list[Issue] = []
    for spec in template.fields:
        value = _plain(values.get(spec.name)).strip() if not spec.secret else _plain(values.get(spec.name))
        if not value.strip():
            if spec.required:
                issues.append(Issue(FIELD, f"{spec.label} is required."))
            continue
        reason: str | None = None
        if spec.kind == "port":
            reason = port_issue(value)
        elif spec.kind == "host":
            reason = host_issue(value)
        elif spec.kind == "choice" and value not in spec.choices:
            reason = "must be one of " + ", ".join(c for c in spec.choices if c)
        elif spec.kind == "pem":
            labels = ("CERTIFICATE",) if spec.name == "certificate" else PRIVATE_KEY_LABELS
            reason = pem_issue(value, labels)
        if reason is not None:
            issues.append(Issue(FIELD, f"{spec.label} {reason}."))
    if template_id == "tls" and not issues:
        issues += tls_pair_issues(_plain(values.get("private_key")), _plain(values.get("certificate")))
    return issues


def render(template_id: str, values: Values) -> str:
    """The secret's JSON: fixed members first, then the fields in order; empty optional members left out.

    Stable key order (the template's), compact separators as `keyvalue_to_json` and the AWS console write.
    Call it on valid values (template_issues empty); a port that is not a number is kept as text.
    """
    template = get(template_id)
    obj: dict[str, object] = dict(template.fixed)
    for spec in template.fields:
        raw = _plain(values.get(spec.name))
        value = raw if spec.secret else raw.strip()
        if not value and not spec.required:
            continue
        if spec.kind == "port" and value.isascii() and value.isdigit():
            obj[spec.name] = int(value)
        elif spec.kind == "choice" and value in ("true", "false"):
            obj[spec.name] = value == "true"
        else:
            obj[spec.name] = value
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def parse_values(template_id: str, text: str) -> dict[str, str] | None:
    """The field values of a JSON value this template made (coming back to the step), or None when it is not
    such a value. Members the template does not know are dropped from the form (the JSON in the draft stays)."""
    try:
        obj = json.loads(text)
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    template = get(template_id)
    if any(obj.get(k) != v for k, v in template.fixed):
        return None
    out: dict[str, str] = {}
    for spec in template.fields:
        value = obj.get(spec.name)
        if isinstance(value, bool):
            out[spec.name] = "true" if value else "false"
        elif isinstance(value, (str, int)):
            out[spec.name] = str(value)
    return out


# -- .env ------------------------------------------------------------------------------------------------------

_ENV_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "$": "$"}


def _double_quoted(rest: str) -> tuple[str, str] | None:
    """The value of `"..."` at the start of `rest` (escapes applied) and what follows it; None if unclosed."""
    out: list[str] = []
    i = 1
    while i < len(rest):
        c = rest[i]
        if c == "\\" and i + 1 < len(rest):
            nxt = rest[i + 1]
            out.append(_ESCAPES.get(nxt, "\\" + nxt))
            i += 2
            continue
        if c == '"':
            return "".join(out), rest[i + 1 :]
        out.append(c)
        i += 1
    return None


def parse_dotenv(text: str) -> tuple[list[tuple[str, SecretStr]], list[Issue]]:
    """KEY=VALUE pairs of a `.env` file, in the file's order, each value a SecretStr, and the problems found.

    A problem names the line (and the key when there is one), never a value. A double-quoted value may span
    lines (as in docker compose and python-dotenv); a closing quote must be followed by nothing but a comment.
    """
    pairs: list[tuple[str, SecretStr]] = []
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    n = 0
    while n < len(lines):
        line_no, line = n + 1, lines[n].strip()
        n += 1
        if not line or line.startswith("#"):
            continue
        if line.startswith("export ") or line.startswith("export\t"):
            line = line[len("export") :].lstrip()
        key, eq, rest = line.partition("=")
        key = key.strip()
        if not eq:
            issues.append(Issue(FIELD, f".env line {line_no} is not KEY=VALUE (no '=')."))
            continue
        if not _ENV_KEY.fullmatch(key):
            issues.append(
                Issue(
                    FIELD,
                    f".env line {line_no}: a key must start with a letter or _ and hold only letters, "
                    "digits, _, . and -.",
                )
            )
            continue
        rest = rest.strip()
        if rest.startswith('"'):
            parsed = _double_quoted(rest)
            while parsed is None and n < len(lines):  # a quoted value over several lines
                rest += "\n" + lines[n]
                n += 1
                parsed = _double_quoted(rest)
            if parsed is None:
                issues.append(Issue(FIELD, f".env line {line_no} ({key}): the double quote is never closed."))
                continue
            value, after = parsed
        elif rest.startswith("'"):
            end = rest.find("'", 1)
            if end < 0:
                issues.append(Issue(FIELD, f".env line {line_no} ({key}): the single quote is never closed."))
                continue
            value, after = rest[1:end], rest[end + 1 :]
        else:
            value = re.split(r"\s#", rest, maxsplit=1)[0].strip()
            after = ""
        after = after.strip()
        if after and not after.startswith("#"):
            issues.append(Issue(FIELD, f".env line {line_no} ({key}): only a comment may follow the closing quote."))
            continue
        if key in seen:
            issues.append(
                Issue(
                    FIELD, f".env line {line_no} sets {key} again (first set on line {seen[key]}). Keys must be unique."
                )
            )
            continue
        seen[key] = line_no
        pairs.append((key, SecretStr(value)))
    if not pairs and not issues:
        issues.append(Issue(FIELD, ".env holds no KEY=VALUE line."))
    return pairs, issues


def dotenv_to_json(pairs: list[tuple[str, SecretStr]]) -> str:
    """The pairs as one JSON object in the file's order (what the key/value form stores too)."""
    return json.dumps({k: v.get_secret_value() for k, v in pairs}, ensure_ascii=False, separators=(",", ":"))


def json_to_dotenv(text: str) -> str | None:
    """A flat JSON object of strings back as `.env` lines (coming back to the step); None for anything else.
    Values are written double-quoted with parse_dotenv's escapes, so parsing gives the same pairs."""
    try:
        obj = json.loads(text)
    except ValueError:
        return None
    if not isinstance(obj, dict) or not all(isinstance(v, str) and _ENV_KEY.fullmatch(k) for k, v in obj.items()):
        return None

    def quoted(value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        return '"' + escaped.replace("\t", "\\t") + '"'

    return "".join(f"{k}={quoted(v)}\n" for k, v in obj.items())
