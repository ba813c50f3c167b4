"""AwsBackend.list_kms_keys_in: another region's keys for a replica's key picker, through that region's KMS client.

moto is trusted here for region separation of its stores only; the filtering rule is list_kms_keys' (tested in
test_aws_backend.py) and is not re-asserted beyond one ineligible key.
"""

from __future__ import annotations

import threading

import pytest
from botocore.stub import Stubber

from smtui.backends.aws import AwsBackend
from smtui.errors import ServiceError, SmtuiError
from tests.aws.conftest import raw_client
from tests.conftest import MotoServer


def test_other_region_lists_only_its_own_keys(backend: AwsBackend, moto_env: MotoServer) -> None:
    eu = raw_client(moto_env, "kms", region="eu-west-1")
    eu_key = eu.create_key(Description="eu key")["KeyMetadata"]["KeyId"]
    eu.create_alias(AliasName="alias/eu-app", TargetKeyId=eu_key)
    eu_disabled = eu.create_key()["KeyMetadata"]["KeyId"]
    eu.disable_key(KeyId=eu_disabled)
    us = raw_client(moto_env, "kms", region="us-east-1")
    us_key = us.create_key(Description="us key")["KeyMetadata"]["KeyId"]
    us.create_alias(AliasName="alias/us-app", TargetKeyId=us_key)

    default, *rest = backend.list_kms_keys_in("eu-west-1")
    assert default.IsDefault and default.KeyId == "alias/aws/secretsmanager"
    assert [(k.KeyId, k.AliasNames) for k in rest] == [(eu_key, ["alias/eu-app"])]
    assert rest[0].Arn and ":eu-west-1:" in rest[0].Arn

    # the own region answers the same as list_kms_keys, through the same cached client
    assert [k.KeyId for k in backend.list_kms_keys_in("us-east-1")] == [k.KeyId for k in backend.list_kms_keys()]
    assert [k.KeyId for k in backend.list_kms_keys()][1:] == [us_key]


def test_region_clients_are_cached_per_region_and_closed(backend: AwsBackend, moto_env: MotoServer) -> None:
    got: list[object] = []

    def take() -> None:
        got.append(backend._client("kms", "eu-west-1"))

    workers = [threading.Thread(target=take) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len({id(c) for c in got}) == 1
    eu = got[0]
    assert eu.meta.region_name == "eu-west-1" and eu.meta.endpoint_url == moto_env.url  # type: ignore[attr-defined]
    assert backend._client("kms", "us-east-1") is backend._client("kms") is not eu
    backend.close()
    assert backend._client("kms", "eu-west-1") is not eu


def test_a_kms_error_in_that_region_is_the_backends_error(backend: AwsBackend) -> None:
    kms = backend._client("kms", "eu-west-1")
    with Stubber(kms) as stub:
        stub.add_client_error("list_aliases", service_error_code="AccessDeniedException", http_status_code=400)
        with pytest.raises(ServiceError) as caught:
            backend.list_kms_keys_in("eu-west-1")
    assert caught.value.code == "AccessDeniedException"


def test_a_malformed_region_is_the_backends_error(backend: AwsBackend) -> None:
    with pytest.raises(SmtuiError) as caught:
        backend.list_kms_keys_in("not a region!")
    assert caught.value.code == "InvalidRegion"
