"""smtui.model.secret_templates: each template's exact JSON keys, and every field rule in words."""

from __future__ import annotations

import datetime
import json

import pytest

from smtui.model import secret_templates as st

MARK = "Zq9-template-unit-marker"
DB = {"host": "db.example.com", "username": "app", "password": MARK, "dbname": "main"}
ENGINES = {
    "rds-mysql": ("mysql", 3306),
    "rds-postgres": ("postgres", 5432),
    "rds-mariadb": ("mariadb", 3306),
    "rds-oracle": ("oracle", 1521),
    "rds-sqlserver": ("sqlserver", 1433),
    "documentdb": ("mongo", 27017),
    "redshift": ("redshift", 5439),
}


def defaults(template_id: str) -> dict[str, str]:
    return {f.name: f.default for f in st.get(template_id).fields if f.default}


@pytest.mark.parametrize("template_id", list(ENGINES))
def test_database_templates_render_the_aws_keys_in_order(template_id: str) -> None:
    engine, port = ENGINES[template_id]
    values = defaults(template_id) | DB
    assert st.template_issues(template_id, values) == []
    obj = json.loads(st.render(template_id, values))
    assert list(obj) == ["engine", "host", "username", "password", "dbname", "port"]
    assert obj["engine"] == engine and obj["port"] == port and obj["password"] == MARK


def test_optional_identifiers_and_ssl_are_written_only_when_given() -> None:
    rds = json.loads(st.render("rds-postgres", defaults("rds-postgres") | DB | {"dbClusterIdentifier": "c1"}))
    assert rds["dbClusterIdentifier"] == "c1" and "dbInstanceIdentifier" not in rds
    red = json.loads(st.render("redshift", defaults("redshift") | DB | {"dbClusterIdentifier": "rs"}))
    assert list(red)[-1] == "dbClusterIdentifier"
    doc = json.loads(st.render("documentdb", defaults("documentdb") | DB | {"ssl": "true"}))
    assert doc["ssl"] is True


def test_other_database_api_key_oauth_and_tls_keys() -> None:
    other = DB | {"engine": "cockroachdb", "port": "26257"}
    assert list(json.loads(st.render("other-db", other))) == [
        "engine",
        "host",
        "username",
        "password",
        "dbname",
        "port",
    ]
    assert json.loads(st.render("api-key", {"api_key": MARK})) == {"api_key": MARK}
    assert list(json.loads(st.render("oauth-client", {"client_id": "id", "client_secret": MARK}))) == [
        "client_id",
        "client_secret",
    ]
    assert list(json.loads(st.render("tls", {"private_key": "k", "certificate": "c"}))) == [
        "private_key",
        "certificate",
    ]


@pytest.mark.parametrize(
    ("port", "rule"),
    [("0", "from 1 to 65535"), ("65536", "from 1 to 65535"), ("abc", "whole number"), ("", "required")],
)
def test_port_rule(port: str, rule: str) -> None:
    issues = st.template_issues("rds-mysql", DB | {"port": port})
    assert len(issues) == 1 and issues[0].message.startswith("Port") and rule in issues[0].message


@pytest.mark.parametrize("host", ["db.example.com", "10.0.0.1", "::1", "[2001:db8::1]", "a-b.c.", "x" * 63 + ".io"])
def test_good_hosts(host: str) -> None:
    assert st.host_issue(host) is None


@pytest.mark.parametrize(
    "host", ["10.0.0.256", "-a.com", "a-.com", "a..b", "db_1.x", "x" * 64 + ".io", "[10.0.0.1]", "1:2"]
)
def test_bad_hosts_name_the_field_and_the_rule(host: str) -> None:
    issues = st.template_issues("rds-mysql", defaults("rds-mysql") | DB | {"host": host})
    assert len(issues) == 1 and issues[0].message.startswith("Host ")


def test_missing_required_members_are_named_and_secrets_never_quoted() -> None:
    issues = st.template_issues("rds-oracle", {"password": MARK, "port": "1521"})
    assert [i.message for i in issues] == ["Host is required.", "User name is required.", "Database name is required."]
    assert st.template_issues("oauth-client", {"client_id": "x"})[0].message == "Client secret is required."
    bad = st.template_issues("tls", {"private_key": MARK, "certificate": MARK})
    assert bad and all(MARK not in i.message for i in bad)


def _pair() -> tuple[str, str, str]:
    pytest.importorskip("cryptography", reason="the optional cryptography package is not installed")
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def pem_key(key: ec.EllipticCurvePrivateKey) -> str:
        return key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()

    key, other = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smtui.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return pem_key(key), cert.public_bytes(serialization.Encoding.PEM).decode(), pem_key(other)


def test_pem_shape() -> None:
    key, cert, _other = _pair()
    assert st.pem_issue(cert, ("CERTIFICATE",)) is None
    assert "holds a PRIVATE KEY block" in (st.pem_issue(key, ("CERTIFICATE",)) or "")
    assert "is not PEM" in (st.pem_issue("not pem", ("CERTIFICATE",)) or "")
    assert "closed by END" in (
        st.pem_issue("-----BEGIN CERTIFICATE-----\nAAAA\n-----END X-----", ("CERTIFICATE",)) or ""
    )
    assert "outside" in (st.pem_issue(cert + "junk", ("CERTIFICATE",)) or "")


def test_key_and_certificate_pairing() -> None:
    key, cert, other = _pair()
    assert st.template_issues("tls", {"private_key": key, "certificate": cert}) == []
    mismatch = st.template_issues("tls", {"private_key": other, "certificate": cert})
    assert [i.message for i in mismatch] == [
        "Private key (PEM) does not belong to Certificate (PEM): their public keys differ."
    ]


def test_dotenv_parsing() -> None:
    text = (
        "# a comment\n\nexport A=1\nB=\"two\\nlines\" # note\nC='lit \\n $X'\nD=bare value # comment\n"
        f'E="spans\nlines"\nF={MARK}\n'
    )
    pairs, issues = st.parse_dotenv(text)
    assert issues == []
    got = {k: v.get_secret_value() for k, v in pairs}
    assert got == {"A": "1", "B": "two\nlines", "C": "lit \\n $X", "D": "bare value", "E": "spans\nlines", "F": MARK}
    assert list(json.loads(st.dotenv_to_json(pairs))) == list("ABCDEF")
    back = st.json_to_dotenv(st.dotenv_to_json(pairs))
    assert back is not None and {k: v.get_secret_value() for k, v in st.parse_dotenv(back)[0]} == got


def test_dotenv_errors_name_lines_and_keys_never_values() -> None:
    _pairs, issues = st.parse_dotenv(f'A={MARK}\nA=again\nnoequals\n1X=y\nR=\'open\nS="x" tail\nQ="open\n')
    messages = [i.message for i in issues]
    assert messages[0] == ".env line 2 sets A again (first set on line 1). Keys must be unique."
    assert ".env line 3 is not KEY=VALUE (no '=')." in messages
    assert any("line 4" in m for m in messages) and any("single quote is never closed" in m for m in messages)
    assert any("only a comment may follow" in m for m in messages) and "double quote is never closed" in messages[-1]
    assert all(MARK not in m for m in messages)
    assert st.parse_dotenv("# only\n")[1][0].message == ".env holds no KEY=VALUE line."


def test_dotenv_pasted_with_cr_line_breaks_is_read_as_lines() -> None:
    """A terminal paste sends CR for Enter: CR, CRLF and LF line breaks all end a line, and no value keeps one."""
    pairs, issues = st.parse_dotenv('A=1\rB=2\r\nC="x"\r')
    assert issues == []
    assert [(k, v.get_secret_value()) for k, v in pairs] == [("A", "1"), ("B", "2"), ("C", "x")]
