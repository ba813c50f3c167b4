"""The aws backend's settings chain against the real moto server: endpoint, region, profile, credentials,
timeouts and TLS options, each honoured from the option, the environment and the profile files.

The autouse `isolated_aws_env` fixture points AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at a private home,
so the profiles written here are the only ones botocore sees.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smtui.backends.aws import AwsBackend, client_config, credentials_resolve
from smtui.errors import EXIT_CONFIGURATION, EXIT_OTHER, ConfigurationError, SmtuiError, TransportError
from smtui.settings import TargetSettings
from tests.aws.conftest import request
from tests.conftest import MotoServer, free_port


def aws(**settings: object) -> AwsBackend:
    return AwsBackend(TargetSettings(backend="aws", **settings))  # type: ignore[arg-type]


def region_of(backend: AwsBackend, name: str) -> str:
    """Create a secret and read the region out of its ARN: proof of where the request went."""
    return backend.create_secret(request(name)).ARN.split(":")[3]


def write_profile(home: Path, name: str, *, region: str | None, keys: bool = True) -> None:
    section = "default" if name == "default" else f"profile {name}"
    config = f"[{section}]\n" + (f"region = {region}\n" if region else "")
    with (home / "aws-config").open("a") as f:
        f.write(config)
    if keys:
        with (home / "aws-credentials").open("a") as f:
            f.write(f"[{name}]\naws_access_key_id = profkey\naws_secret_access_key = profsecret\n")


@pytest.fixture
def no_env_credentials(moto_env: MotoServer, monkeypatch: pytest.MonkeyPatch) -> MotoServer:
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(var)
    return moto_env


@pytest.fixture
def closed_port() -> Iterator[str]:
    """A loopback URL nothing listens on: connections are refused at once."""
    yield f"http://127.0.0.1:{free_port()}"


# ---- endpoint ----


def test_endpoint_from_the_option_wins_over_the_environment(
    moto_env: MotoServer, closed_port: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", closed_port)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", closed_port)
    backend = aws(endpoint_url=moto_env.url)
    assert region_of(backend, "ep/option") == "us-east-1"
    assert backend.describe_target().endswith(f"endpoint {moto_env.url}")
    assert backend.whoami().Account  # --endpoint-url applies to STS too (see aws.py)


def test_endpoint_from_the_service_variable(
    moto_env: MotoServer, closed_port: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", closed_port)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto_env.url)
    assert region_of(aws(), "ep/service-var") == "us-east-1"


def test_endpoint_from_the_global_variable(moto_env: MotoServer) -> None:
    backend = aws()
    assert backend.describe_target().endswith(f"endpoint {moto_env.url}")
    assert region_of(backend, "ep/global-var") == "us-east-1"


# ---- region ----


def test_region_option_then_aws_region_then_aws_default_region(
    moto_env: MotoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_REGION", "eu-west-3")
    assert region_of(aws(region="eu-west-2"), "rg/option") == "eu-west-2"
    assert region_of(aws(), "rg/aws-region") == "eu-west-3"
    monkeypatch.delenv("AWS_REGION")
    assert region_of(aws(), "rg/default-region") == "us-east-1"


def test_no_region_is_a_configuration_error(moto_env: MotoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    with pytest.raises(ConfigurationError) as caught:
        aws()
    assert caught.value.exit_code == EXIT_CONFIGURATION
    assert caught.value.message.startswith("You must specify a region.")
    assert caught.value.hint


def test_malformed_region_is_a_general_error_about_the_region(moto_env: MotoServer) -> None:
    """botocore's InvalidRegionError is also a ValueError: it must not pass for a bad --endpoint-url. The AWS
    CLI v2 reports it through its general handler (255)."""
    with pytest.raises(SmtuiError) as caught:
        aws(region="US_EAST").describe_secret("x")
    assert type(caught.value) is SmtuiError and caught.value.exit_code == EXIT_OTHER
    assert caught.value.message == "Provided region_name 'US_EAST' doesn't match a supported format."
    assert caught.value.hint is not None and "region" in caught.value.hint and "endpoint" not in caught.value.hint


# ---- profile and credentials ----


def test_profile_option_gives_region_and_credentials(no_env_credentials: MotoServer, isolated_aws_env: Path) -> None:
    write_profile(isolated_aws_env, "dev", region="eu-central-1")
    backend = aws(profile="dev")
    assert backend.region == "eu-central-1"
    assert region_of(backend, "pf/option") == "eu-central-1"
    assert backend.describe_target().startswith("AWS profile dev, region eu-central-1")
    assert credentials_resolve(TargetSettings(profile="dev"))


def test_aws_profile_variable_and_region_override(
    no_env_credentials: MotoServer, isolated_aws_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_profile(isolated_aws_env, "ops", region="ap-south-1")
    monkeypatch.setenv("AWS_PROFILE", "ops")
    assert region_of(aws(), "pf/env") == "ap-south-1"
    assert region_of(aws(region="sa-east-1"), "pf/env-region") == "sa-east-1"


def test_unknown_profile_is_a_configuration_error(moto_env: MotoServer) -> None:
    with pytest.raises(ConfigurationError) as caught:
        aws(profile="nope")
    assert caught.value.exit_code == EXIT_CONFIGURATION
    assert "nope" in caught.value.message and caught.value.hint
    assert not credentials_resolve(TargetSettings(profile="nope"))


def test_no_credentials_is_a_configuration_error(no_env_credentials: MotoServer) -> None:
    assert not credentials_resolve(TargetSettings())
    backend = aws(region="us-east-1")
    with pytest.raises(ConfigurationError) as caught:
        backend.create_secret(request("nocreds/x"))
    err = caught.value
    assert err.exit_code == EXIT_CONFIGURATION
    assert err.message.startswith("Unable to locate credentials. You can configure credentials by running")
    assert err.hint and "--backend local" in err.hint


def test_credential_process_counts_without_being_run(
    no_env_credentials: MotoServer, isolated_aws_env: Path, tmp_path: Path
) -> None:
    ran = tmp_path / "ran"
    with (isolated_aws_env / "aws-config").open("a") as f:
        f.write(f"[profile proc]\nregion = us-east-1\ncredential_process = touch {ran}\n")
    assert credentials_resolve(TargetSettings(profile="proc"))
    assert not ran.exists()


def test_credentials_resolve_is_quick_and_offline(moto_env: MotoServer) -> None:
    credentials_resolve(TargetSettings())  # warm the botocore import
    started = time.perf_counter()
    assert credentials_resolve(TargetSettings())
    assert time.perf_counter() - started < 0.5


# ---- transport: timeouts, refused connections, TLS options ----


def test_connection_refused_is_a_quick_typed_error(
    moto_env: MotoServer, closed_port: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    backend = aws(endpoint_url=closed_port, connect_timeout=1, read_timeout=1)
    started = time.perf_counter()
    with pytest.raises(TransportError) as caught:
        backend.create_secret(request("net/refused"))
    assert time.perf_counter() - started < 3
    err = caught.value
    assert (err.code, err.exit_code, err.retryable) == ("EndpointConnectionError", EXIT_OTHER, True)
    assert closed_port in err.message and err.hint


def test_read_timeout_is_a_typed_error(moto_env: MotoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """A listening socket that never answers: the connection is accepted by the kernel, the read times out."""
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        backend = aws(endpoint_url=url, connect_timeout=1, read_timeout=1)
        with pytest.raises(TransportError) as caught:
            backend.describe_secret("net/slow")
    assert (caught.value.code, caught.value.exit_code) == ("ReadTimeout", EXIT_OTHER)
    assert caught.value.hint and "safe" in caught.value.hint


def test_client_config_follows_the_aws_cli() -> None:
    plain = client_config(TargetSettings())
    assert plain.retries == {"mode": "standard"}
    assert (plain.connect_timeout, plain.read_timeout) == (60, 60)  # botocore's defaults
    zero = client_config(TargetSettings(connect_timeout=0, read_timeout=0))
    assert (zero.connect_timeout, zero.read_timeout) == (None, None)  # 0 = no timeout, as the AWS CLI
    set_ = client_config(TargetSettings(connect_timeout=3, read_timeout=7))
    assert (set_.connect_timeout, set_.read_timeout) == (3, 7)


def test_max_attempts_from_the_environment_is_kept(moto_env: MotoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "5")
    client = aws()._client("secretsmanager")
    assert client.meta.config.retries == {"mode": "standard", "total_max_attempts": 5}


@pytest.mark.parametrize(
    ("settings", "verify"),
    [
        ({}, None),
        ({"verify_ssl": False}, False),
        ({"ca_bundle": "/etc/ssl/certs/ca-certificates.crt"}, "/etc/ssl/certs/ca-certificates.crt"),
        ({"verify_ssl": False, "ca_bundle": "/x.pem"}, False),
    ],
)
def test_tls_options_reach_the_http_session(moto_env: MotoServer, settings: dict[str, object], verify: object) -> None:
    # botocore exposes no public accessor for the verify setting: read the endpoint's http session.
    client = aws(**settings)._client("secretsmanager")
    actual = client._endpoint.http_session._verify
    if verify is None:  # botocore's default bundle
        assert actual not in (False, None)
    else:
        assert actual == verify


def test_importing_the_backend_loads_no_aws_sdk() -> None:
    """boto3/botocore load only when an aws backend is made: a local-store run never pays for them."""
    import subprocess
    import sys

    code = (
        "import sys, smtui.model, smtui.backends, smtui.backends.aws, smtui.redact; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_clients_come_from_boto3_and_name_smtui(moto_env: MotoServer) -> None:
    """The aws backend's clients are boto3's: the User-Agent of a real request names Boto3 and smtui."""
    backend = aws()
    sent: list[str] = []

    def capture(request: Any, **_: object) -> None:
        agent = request.headers["User-Agent"]
        sent.append(agent.decode() if isinstance(agent, bytes) else agent)

    backend._client("secretsmanager").meta.events.register("before-send.secrets-manager", capture)
    backend.create_secret(request("ua/boto3"))
    assert sent and sent[0].startswith("Boto3/") and "smtui" in sent[0]
