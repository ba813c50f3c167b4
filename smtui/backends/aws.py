"""The aws backend: Secrets Manager (and KMS, STS for the wizard) through boto3, with the AWS CLI's settings
chain.

boto3 and botocore are imported lazily, inside functions, so importing this module (and `smtui.backends`,
`smtui.model`) costs nothing and a local-store run never loads them. Clients come from a
`boto3.session.Session`; that session wraps a botocore session we make ourselves (boto3's documented
`botocore_session` argument), because two things smtui needs live only there: reading the profile's config at
once, and the credential chain without its network providers for the quick offline check. boto3's client is
botocore's client (boto3 adds resources, which smtui does not use, and its name to the User-Agent); importing
boto3 costs a few milliseconds more than botocore alone (figures in docs/performance.md).

Resolution, as the AWS CLI v2 does it:
- profile: `--profile`, else AWS_PROFILE (botocore), else `default`;
- region: `--region`, else AWS_REGION, else AWS_DEFAULT_REGION / the profile's `region` (botocore); none →
  253;
- endpoint: `--endpoint-url`, else AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL / the profile's
  `endpoint_url` (botocore ≥ 1.31 resolves these itself, per service). `--endpoint-url` is applied to the KMS
  and STS clients too: smtui's one command talks to three services, and a custom endpoint is in practice an
  AWS-compatible server (LocalStack, moto) that serves all of them; a VPC endpoint for Secrets Manager alone
  is what AWS_ENDPOINT_URL_SECRETS_MANAGER is for;
- credentials: botocore's chain (environment, shared files, SSO, assume-role, process, container, instance
  metadata), unchanged;
- TLS: `--no-verify-ssl` → verify=False, else `--ca-bundle`, else AWS_CA_BUNDLE / the profile (botocore);
- timeouts: `--cli-connect-timeout` / `--cli-read-timeout` in seconds, 0 meaning no timeout (as the AWS CLI);
- retries: botocore's standard mode; AWS_MAX_ATTEMPTS / `max_attempts` still set the number of attempts.

Idempotency: CreateSecret always carries the request's own ClientRequestToken. botocore's retries resend the
same serialized request, token included, so a retry after a lost response is a no-op on the server
(docs/aws-behaviour.md §4).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from smtui.backends.aws_errors import from_botocore_error, mapped_errors
from smtui.backends.aws_extras import AwsExtraOps
from smtui.backends.aws_versions import AwsVersionOps
from smtui.backends.base import Backend, ListFilter
from smtui.errors import ConfigurationError, ParameterError, ServiceError
from smtui.model import (
    CreateSecretRequest,
    CreateSecretResult,
    DeleteSecretResult,
    DescribeSecretResult,
    Identity,
    KmsKey,
    ListSecretsResult,
    RestoreSecretResult,
    SecretValueResult,
)
from smtui.model.limits import BackendKind, SortOrder
from smtui.model.messages import MISSING_TOKEN
from smtui.redact import secret_scope
from smtui.settings import TargetSettings

if TYPE_CHECKING:
    import boto3.session
    import botocore.session

USER_AGENT_EXTRA = "smtui"
# Credential providers that reach the network (instance metadata, container endpoint) or run a program
# (credential_process, which may prompt): not run by the quick check, only recognised as configured.
_SLOW_PROVIDERS = ("iam-role", "container-role", "custom-process")
_CONTAINER_VARS = ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI")


def core_session(settings: TargetSettings) -> botocore.session.Session:
    """A botocore session for the profile (None lets botocore read AWS_PROFILE), its config already read.

    Reading the profile's config at once makes an unknown profile fail here (ProfileNotFound), as the AWS CLI
    does, rather than at the first request — even when the environment would supply region and keys.
    """
    import botocore.session

    session = botocore.session.Session(profile=settings.profile)
    session.get_scoped_config()
    return session


def new_session(settings: TargetSettings) -> boto3.session.Session:
    """The boto3 session the aws backend makes its clients from, over `core_session`'s botocore session."""
    import boto3.session

    return boto3.session.Session(botocore_session=core_session(settings))


def resolve_region(settings: TargetSettings, session: boto3.session.Session) -> str | None:
    """--region, then AWS_REGION (which botocore does not read), then AWS_DEFAULT_REGION / the profile."""
    with mapped_errors():
        region = settings.region or os.environ.get("AWS_REGION") or session.region_name
    return str(region) if region else None


def client_config(settings: TargetSettings) -> Any:
    """botocore Config: standard retries, the CLI's timeouts (0 = none), smtui in the User-Agent."""
    from botocore.config import Config

    options: dict[str, Any] = {"retries": {"mode": "standard"}, "user_agent_extra": USER_AGENT_EXTRA}
    for name in ("connect_timeout", "read_timeout"):
        seconds = getattr(settings, name)
        if seconds is not None:
            options[name] = seconds or None
    return Config(**options)


def credentials_resolve(settings: TargetSettings) -> bool:
    """Would the aws backend find credentials? Fast and offline: it preselects the wizard's target.

    It needs no client, so it stays on botocore alone (no boto3 import when the answer is "local").
    botocore's chain minus the providers that call the network or run a program; a container endpoint in the
    environment or a `credential_process` in the profile counts as credentials without being run. Assume-role
    and SSO profiles resolve to deferred credentials without a call. Any failure (unknown profile, broken
    config) means no.
    """
    from botocore.exceptions import BotoCoreError

    try:
        session = core_session(settings)
        resolver = session.get_component("credential_provider")
        for name in _SLOW_PROVIDERS:
            resolver.remove(name)
        return (
            session.get_credentials() is not None
            or any(os.environ.get(v) for v in _CONTAINER_VARS)
            or "credential_process" in session.get_scoped_config()
        )
    except BotoCoreError:
        return False


class AwsBackend(AwsVersionOps, AwsExtraOps, Backend):
    """Secrets Manager in AWS or an AWS-compatible endpoint. Clients are made on first use and reused."""

    kind: BackendKind = "aws"

    def __init__(self, settings: TargetSettings) -> None:
        self.settings = settings
        with mapped_errors():
            self._session = new_session(settings)
        region = resolve_region(settings, self._session)
        if region is None:
            from botocore.exceptions import NoRegionError

            raise from_botocore_error(NoRegionError())
        self._region = region
        self._clients: dict[str, Any] = {}
        self._lock = threading.Lock()

    @property
    def region(self) -> str:
        return self._region

    def _client(self, service: str, region: str | None = None) -> Any:
        """One client per service and region (the target's own by default), made under a lock: a boto3 Session
        is not thread-safe; clients are. Another region's client (a replica's KMS keys) has the same endpoint,
        credentials and config, and is cached under `service@region` so the own region's key stays the name."""
        from botocore.exceptions import BotoCoreError

        region = region or self._region
        cache_key = service if region == self._region else f"{service}@{region}"
        with self._lock:
            client = self._clients.get(cache_key)
            if client is None:
                verify: bool | str | None = False if not self.settings.verify_ssl else self.settings.ca_bundle
                with mapped_errors():
                    try:
                        client = self._session.client(
                            service,
                            region_name=region,
                            endpoint_url=self.settings.endpoint_url,
                            verify=verify,
                            config=client_config(self.settings),
                        )
                    except ValueError as exc:  # botocore's "Invalid endpoint: ..." (or a malformed region)
                        if isinstance(exc, BotoCoreError):  # InvalidRegionError is both
                            raise
                        hint = "--endpoint-url must look like https://host:port"
                        raise ConfigurationError(str(exc), code="InvalidEndpoint", hint=hint) from None
                self._clients[cache_key] = client
            return client

    @property
    def _sm(self) -> Any:
        return self._client("secretsmanager")

    def describe_target(self) -> str:
        profile = self.settings.profile or os.environ.get("AWS_PROFILE")
        who = f"AWS profile {profile}" if profile else "AWS (default credentials)"
        return f"{who}, region {self._region}, endpoint {self._sm.meta.endpoint_url}"

    def create_secret(self, request: CreateSecretRequest) -> CreateSecretResult:
        from smtui.model.cli_input import to_api_params

        token = request.ClientRequestToken
        if not token:  # a caller bug: without the caller's token a retry could create a second version
            raise ParameterError(MISSING_TOKEN, field="ClientRequestToken")
        value: str | bytes | None = None
        if request.SecretString is not None:
            value = request.SecretString.get_secret_value()
        elif request.SecretBinary is not None:
            value = request.SecretBinary.get_secret_value()
        with secret_scope(value):
            params = to_api_params(request)
            params["ClientRequestToken"] = token
            with mapped_errors():
                response = self._sm.create_secret(**params)
            del params
        return CreateSecretResult.model_validate(response)

    def describe_secret(self, secret_id: str) -> DescribeSecretResult:
        with mapped_errors():
            return DescribeSecretResult.model_validate(self._sm.describe_secret(SecretId=secret_id))

    def get_secret_value(
        self, secret_id: str, *, version_id: str | None = None, version_stage: str | None = None
    ) -> SecretValueResult:
        params = _present(SecretId=secret_id, VersionId=version_id, VersionStage=version_stage)
        with mapped_errors():
            return SecretValueResult.model_validate(self._sm.get_secret_value(**params))

    def list_secrets(
        self,
        *,
        max_results: int | None = None,
        next_token: str | None = None,
        filters: list[ListFilter] | None = None,
        include_planned_deletion: bool = False,
        sort_order: SortOrder | None = None,
        sort_by: str | None = None,
    ) -> ListSecretsResult:
        params = _present(
            MaxResults=max_results,
            NextToken=next_token,
            SortOrder=sort_order,
            SortBy=sort_by,
            IncludePlannedDeletion=include_planned_deletion or None,
            Filters=[{"Key": f.Key, "Values": list(f.Values)} for f in filters or []] or None,
        )
        with mapped_errors():
            return ListSecretsResult.model_validate(self._sm.list_secrets(**params))

    def delete_secret(
        self, secret_id: str, *, recovery_window_in_days: int | None = None, force_delete_without_recovery: bool = False
    ) -> DeleteSecretResult:
        params = _present(
            SecretId=secret_id,
            RecoveryWindowInDays=recovery_window_in_days,
            ForceDeleteWithoutRecovery=force_delete_without_recovery or None,
        )
        with mapped_errors():
            return DeleteSecretResult.model_validate(self._sm.delete_secret(**params))

    def restore_secret(self, secret_id: str) -> RestoreSecretResult:
        with mapped_errors():
            return RestoreSecretResult.model_validate(self._sm.restore_secret(SecretId=secret_id))

    def list_kms_keys(self) -> list[KmsKey]:
        from smtui.backends.aws_kms import list_kms_keys

        return list_kms_keys(self._client("kms"))

    def list_kms_keys_in(self, region: str) -> list[KmsKey]:
        """The keys a replica in `region` may use: the same listing as list_kms_keys, through that region's
        KMS client (a replica's key must live in the replica's region)."""
        from smtui.backends.aws_kms import list_kms_keys

        return list_kms_keys(self._client("kms", region))

    def describe_key_in(self, region: str, key_id: str) -> KmsKey:
        """DescribeKey in `region` (the Review preflight's answer for a key the listing did not offer: not
        found, disabled or not symmetric, told apart)."""
        with mapped_errors():
            meta = self._client("kms", region).describe_key(KeyId=key_id)["KeyMetadata"]
        return KmsKey(
            KeyId=meta["KeyId"],
            Arn=meta.get("Arn"),
            KeyState=meta.get("KeyState", "Enabled"),
            KeySpec=meta.get("KeySpec", meta.get("CustomerMasterKeySpec")) or "SYMMETRIC_DEFAULT",
            KeyUsage=meta.get("KeyUsage") or "ENCRYPT_DECRYPT",
        )

    def whoami(self) -> Identity:
        with mapped_errors():
            return Identity.model_validate(self._client("sts").get_caller_identity())

    def simulate_principal_policy(
        self, principal_arn: str, pairs: list[tuple[str, list[str]]]
    ) -> list[tuple[str, str]]:
        """iam:SimulatePrincipalPolicy for each (action, resources) of the Review's minimal policy: (action,
        EvalDecision) pairs. The IAM client has the session's settings; AWS_ENDPOINT_URL_IAM points it elsewhere."""
        from botocore.parsers import ResponseParserError

        answers: list[tuple[str, str]] = []
        with mapped_errors():
            iam = self._client("iam")
            for action, resources in pairs:
                try:
                    got = iam.simulate_principal_policy(
                        PolicySourceArn=principal_arn, ActionNames=[action], ResourceArns=resources
                    )
                except ResponseParserError:  # an endpoint without IAM (moto answers an HTML 500)
                    raise ServiceError("UnsupportedOperation", "The endpoint did not answer IAM.") from None
                answers.extend((r["EvalActionName"], r["EvalDecision"]) for r in got["EvaluationResults"])
        return answers

    def regions(self) -> list[str]:
        """Every Secrets Manager region of the session region's partition, from botocore's bundled data."""
        from botocore.exceptions import BotoCoreError

        try:
            partition = self._session.get_partition_for_region(self._region)
        except (BotoCoreError, ValueError):  # a region botocore does not know (a test server's): assume aws
            partition = "aws"
        return sorted(self._session.get_available_regions("secretsmanager", partition_name=partition))

    def close(self) -> None:
        with self._lock:
            for client in self._clients.values():
                client.close()
            self._clients.clear()


def _present(**params: Any) -> dict[str, Any]:
    """The parameters that were given (botocore rejects None)."""
    return {k: v for k, v in params.items() if v is not None}
