"""What the aws backend's operations after create put on the wire, read back by an independent botocore client
on the same moto server (docs/aws-behaviour.md §17-§21): the backend's answer and the server's state agree."""

from __future__ import annotations

import json
import string

from smtui.backends.aws import AwsBackend
from smtui.backends.base import ListFilter
from smtui.model import ReplicaRegion, Tag
from smtui.model.password import PasswordOptions
from tests.aws.conftest import MARKER, raw_client, request
from tests.conftest import MotoServer


def test_tags_written_by_the_backend_are_on_the_server(backend: AwsBackend, moto_env: MotoServer) -> None:
    backend.create_secret(request("app/db"))
    backend.tag_resource("app/db", [Tag(Key="env", Value="dev"), Tag(Key="team", Value="")])
    backend.tag_resource("app/db", [Tag(Key="env", Value="prod")])
    raw = raw_client(moto_env)
    assert {(t["Key"], t["Value"]) for t in raw.describe_secret(SecretId="app/db")["Tags"]} == {
        ("env", "prod"),
        ("team", ""),
    }
    backend.untag_resource("app/db", ["env", "team"])
    assert raw.describe_secret(SecretId="app/db")["Tags"] == []


def test_replicas_written_by_the_backend_are_on_the_server(backend: AwsBackend, moto_env: MotoServer) -> None:
    backend.create_secret(request("app/db"))
    backend.replicate_secret_to_regions(
        "app/db", [ReplicaRegion(Region="eu-west-1"), ReplicaRegion(Region="ap-south-1")]
    )
    raw = raw_client(moto_env)
    assert {r["Region"] for r in raw.describe_secret(SecretId="app/db")["ReplicationStatus"]} == {
        "eu-west-1",
        "ap-south-1",
    }
    assert raw_client(moto_env, region="eu-west-1").get_secret_value(SecretId="app/db")["SecretString"] == MARKER
    left = backend.remove_regions_from_replication("app/db", ["eu-west-1"])
    assert [r.Region for r in left.ReplicationStatus] == ["ap-south-1"]
    assert [r["Region"] for r in raw.describe_secret(SecretId="app/db")["ReplicationStatus"]] == ["ap-south-1"]


def test_policy_written_by_the_backend_is_on_the_server(backend: AwsBackend, moto_env: MotoServer) -> None:
    backend.create_secret(request("app/db"))
    policy = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Deny", "Principal": "*", "Action": "secretsmanager:DeleteSecret", "Resource": "*"}
            ],
        }
    )
    backend.put_resource_policy("app/db", policy, block_public_policy=True)
    assert raw_client(moto_env).get_resource_policy(SecretId="app/db")["ResourcePolicy"] == policy
    assert backend.get_resource_policy("app/db").ResourcePolicy == policy
    backend.delete_resource_policy("app/db")
    assert "ResourcePolicy" not in raw_client(moto_env).get_resource_policy(SecretId="app/db")


def test_password_options_reach_the_service(backend: AwsBackend) -> None:
    options = PasswordOptions(PasswordLength=40, ExcludeCharacters="aeiou", ExcludePunctuation=True, IncludeSpace=False)
    result = backend.get_random_password(options)
    text = result.reveal()
    assert len(text) == 40 and not set(text) & set("aeiou" + string.punctuation)
    assert text not in repr(result) and text not in str(result.to_aws())


def test_batch_values_stay_wrapped(backend: AwsBackend) -> None:
    backend.create_secret(request("app/db"))
    result = backend.batch_get_secret_value(filters=[ListFilter("name", ("app/",))])
    assert [v.Name for v in result.SecretValues] == ["app/db"] and result.Errors == []
    assert MARKER not in repr(result) and MARKER not in str(result.to_aws())
    assert result.reveal()["SecretValues"][0]["SecretString"] == MARKER
