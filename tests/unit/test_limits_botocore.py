"""Every limit and enumeration in `smtui.model.limits` that botocore's Secrets Manager service model states is
the model's value: a new botocore that changes a bound fails here, not in front of a person.

The limits the service model does not state (50 tags, the recovery window, the alias length) are checked
against the values the AWS documentation gives, cited in `smtui/model/limits.py`.
"""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest

from smtui.model import limits

_MODEL = botocore.session.get_session().get_service_model("secretsmanager")


def _member(operation: str, *path: str) -> Any:
    shape: Any = _MODEL.operation_model(operation).input_shape
    for name in path:
        shape = shape.member if name == "[]" else shape.members[name]
    return shape


@pytest.mark.parametrize(
    ("operation", "path", "key", "expected"),
    [
        ("CreateSecret", ("Name",), "max", limits.NAME_MAX),
        ("CreateSecret", ("Description",), "max", limits.DESCRIPTION_MAX),
        ("CreateSecret", ("SecretString",), "max", limits.VALUE_MAX),
        ("CreateSecret", ("SecretBinary",), "max", limits.VALUE_MAX),
        ("CreateSecret", ("ClientRequestToken",), "min", limits.TOKEN_MIN),
        ("CreateSecret", ("ClientRequestToken",), "max", limits.TOKEN_MAX),
        ("CreateSecret", ("Type",), "max", limits.TYPE_MAX),
        ("CreateSecret", ("KmsKeyId",), "max", limits.KMS_KEY_ID_MAX),
        ("CreateSecret", ("Tags", "[]", "Key"), "max", limits.TAG_KEY_MAX),
        ("CreateSecret", ("Tags", "[]", "Value"), "max", limits.TAG_VALUE_MAX),
        ("CreateSecret", ("AddReplicaRegions",), "min", limits.REPLICA_REGIONS_MIN),
        ("CreateSecret", ("AddReplicaRegions", "[]", "Region"), "max", limits.REGION_MAX),
        ("CreateSecret", ("AddReplicaRegions", "[]", "Region"), "pattern", limits.REGION_PATTERN),
        ("CreateSecret", ("AddReplicaRegions", "[]", "KmsKeyId"), "max", limits.KMS_KEY_ID_MAX),
        ("DescribeSecret", ("SecretId",), "max", limits.SECRET_ID_MAX),
        ("ListSecrets", ("MaxResults",), "max", limits.MAX_RESULTS_MAX),
        ("ListSecrets", ("Filters",), "max", limits.FILTERS_MAX),
        ("ListSecrets", ("Filters", "[]", "Values"), "max", limits.FILTER_VALUES_MAX),
        # the version operations (docs/aws-behaviour.md §15)
        ("PutSecretValue", ("SecretId",), "min", limits.SECRET_ID_MIN),
        ("PutSecretValue", ("SecretId",), "max", limits.SECRET_ID_MAX),
        ("PutSecretValue", ("ClientRequestToken",), "min", limits.TOKEN_MIN),
        ("PutSecretValue", ("ClientRequestToken",), "max", limits.TOKEN_MAX),
        ("PutSecretValue", ("SecretString",), "max", limits.VALUE_MAX),
        ("PutSecretValue", ("SecretBinary",), "max", limits.VALUE_MAX),
        ("PutSecretValue", ("VersionStages",), "min", limits.VERSION_STAGES_MIN),
        ("PutSecretValue", ("VersionStages",), "max", limits.VERSION_STAGES_MAX),
        ("PutSecretValue", ("VersionStages", "[]"), "min", limits.VERSION_STAGE_MIN),
        ("PutSecretValue", ("VersionStages", "[]"), "max", limits.VERSION_STAGE_MAX),
        ("UpdateSecret", ("ClientRequestToken",), "min", limits.TOKEN_MIN),
        ("UpdateSecret", ("ClientRequestToken",), "max", limits.TOKEN_MAX),
        ("UpdateSecret", ("Description",), "max", limits.DESCRIPTION_MAX),
        ("UpdateSecret", ("KmsKeyId",), "max", limits.KMS_KEY_ID_MAX),
        ("UpdateSecret", ("SecretString",), "max", limits.VALUE_MAX),
        ("UpdateSecretVersionStage", ("VersionStage",), "min", limits.VERSION_STAGE_MIN),
        ("UpdateSecretVersionStage", ("VersionStage",), "max", limits.VERSION_STAGE_MAX),
        ("UpdateSecretVersionStage", ("RemoveFromVersionId",), "min", limits.VERSION_ID_MIN),
        ("UpdateSecretVersionStage", ("RemoveFromVersionId",), "max", limits.VERSION_ID_MAX),
        ("UpdateSecretVersionStage", ("MoveToVersionId",), "min", limits.VERSION_ID_MIN),
        ("UpdateSecretVersionStage", ("MoveToVersionId",), "max", limits.VERSION_ID_MAX),
        ("GetSecretValue", ("VersionId",), "min", limits.VERSION_ID_MIN),
        ("GetSecretValue", ("VersionId",), "max", limits.VERSION_ID_MAX),
        ("GetSecretValue", ("VersionStage",), "max", limits.VERSION_STAGE_MAX),
        ("ListSecretVersionIds", ("MaxResults",), "min", 1),
        ("ListSecretVersionIds", ("MaxResults",), "max", limits.VERSION_IDS_MAX_RESULTS_MAX),
        ("ListSecretVersionIds", ("NextToken",), "min", limits.NEXT_TOKEN_MIN),
        ("ListSecretVersionIds", ("NextToken",), "max", limits.NEXT_TOKEN_MAX),
        # after create: tags, replication, passwords, batch reads, resource policies (docs/aws-behaviour.md §17-§21)
        ("TagResource", ("Tags", "[]", "Key"), "max", limits.TAG_KEY_MAX),
        ("TagResource", ("Tags", "[]", "Value"), "max", limits.TAG_VALUE_MAX),
        ("UntagResource", ("TagKeys", "[]"), "max", limits.TAG_KEY_MAX),
        ("ReplicateSecretToRegions", ("AddReplicaRegions",), "min", limits.REPLICA_REGIONS_MIN),
        ("ReplicateSecretToRegions", ("AddReplicaRegions", "[]", "Region"), "pattern", limits.REGION_PATTERN),
        ("RemoveRegionsFromReplication", ("RemoveReplicaRegions",), "min", limits.REMOVE_REGIONS_MIN),
        ("RemoveRegionsFromReplication", ("RemoveReplicaRegions", "[]"), "max", limits.REGION_MAX),
        ("GetRandomPassword", ("PasswordLength",), "min", limits.PASSWORD_LENGTH_MIN),
        ("GetRandomPassword", ("PasswordLength",), "max", limits.PASSWORD_LENGTH_MAX),
        ("GetRandomPassword", ("ExcludeCharacters",), "max", limits.EXCLUDE_CHARACTERS_MAX),
        ("BatchGetSecretValue", ("SecretIdList",), "min", limits.BATCH_SECRET_IDS_MIN),
        ("BatchGetSecretValue", ("SecretIdList",), "max", limits.BATCH_SECRET_IDS_MAX),
        ("BatchGetSecretValue", ("SecretIdList", "[]"), "max", limits.SECRET_ID_MAX),
        ("BatchGetSecretValue", ("MaxResults",), "min", limits.BATCH_MAX_RESULTS_MIN),
        ("BatchGetSecretValue", ("MaxResults",), "max", limits.BATCH_MAX_RESULTS_MAX),
        ("BatchGetSecretValue", ("Filters",), "max", limits.BATCH_FILTERS_MAX),
        ("BatchGetSecretValue", ("Filters", "[]", "Values"), "max", limits.FILTER_VALUES_MAX),
        ("BatchGetSecretValue", ("NextToken",), "max", limits.NEXT_TOKEN_MAX),
        ("PutResourcePolicy", ("ResourcePolicy",), "min", limits.RESOURCE_POLICY_MIN),
        ("PutResourcePolicy", ("ResourcePolicy",), "max", limits.RESOURCE_POLICY_MAX),
        ("ValidateResourcePolicy", ("ResourcePolicy",), "max", limits.RESOURCE_POLICY_MAX),
    ],
)
def test_bound_matches_service_model(operation: str, path: tuple[str, ...], key: str, expected: object) -> None:
    assert _member(operation, *path).metadata[key] == expected


@pytest.mark.parametrize(
    ("operation", "path", "expected"),
    [
        ("ListSecrets", ("SortBy",), limits.SORT_BY),
        ("ListSecrets", ("SortOrder",), limits.SORT_ORDER),
        ("ListSecrets", ("Filters", "[]", "Key"), limits.FILTER_KEYS),
        ("BatchGetSecretValue", ("Filters", "[]", "Key"), limits.FILTER_KEYS),
    ],
)
def test_enum_matches_service_model(operation: str, path: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert sorted(_member(operation, *path).enum) == sorted(expected)


def test_recovery_window_is_a_long_in_the_model_and_the_documented_range() -> None:
    """The model says only `long`; the API reference gives 7 to 30 days, default 30."""
    assert _member("DeleteSecret", "RecoveryWindowInDays").type_name == "long"
    assert (limits.RECOVERY_WINDOW_MIN, limits.RECOVERY_WINDOW_MAX, limits.RECOVERY_WINDOW_DEFAULT) == (7, 30, 30)


def test_documented_limits() -> None:
    assert limits.TAGS_MAX == 50
    assert limits.ALIAS_NAME_MAX == 256


def test_documented_version_pruning() -> None:
    """Not in the model: the user guide's "more than 100 versions, none younger than 24 hours" (limits.py)."""
    assert (limits.DEPRECATED_VERSIONS_MAX, limits.DEPRECATED_VERSION_MIN_AGE_S) == (100, 86400)


def test_password_default_is_the_documented_one() -> None:
    """The model gives no default; the API reference says 32
    (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html)."""
    assert limits.PASSWORD_LENGTH_DEFAULT == 32
    assert _member("GetRandomPassword", "PasswordLength").type_name == "long"


def test_password_options_are_every_member_of_the_service() -> None:
    """PasswordOptions has every GetRandomPassword member and no other (docs/aws-behaviour.md §19)."""
    from smtui.model.password import PasswordOptions

    assert set(PasswordOptions.model_fields) == set(_MODEL.operation_model("GetRandomPassword").input_shape.members)
