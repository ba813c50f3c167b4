"""`smtui replicate-secret-to-regions`, `remove-regions-from-replication` and `stop-replication-to-replica`, as
the AWS CLI has them. `--add-replica-regions` takes create's forms (shorthand `Region=r,KmsKeyId=k`, JSON or
`file://`) and rules; `--force-overwrite-replica-secret` / `--no-force-overwrite-replica-secret` as the AWS CLI's
boolean pair. stop-replication-to-replica is called in the replica's region (`--region`), as the service asks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtui.cli.command import Command, Context, Options, option
from smtui.cli.companions import SecretIdOptions, secret_id_option
from smtui.cli.lifecycle_common import at_least_one, change, refuse, structures, text_list_option, texts
from smtui.errors import Issue


@dataclass(frozen=True, kw_only=True)
class ReplicateOptions(Options):
    secret_id: str = secret_id_option()
    add_replica_regions: list[dict[str, Any]] = option(
        "--add-replica-regions",
        member="AddReplicaRegions",
        required=True,
        shorthand=("Region", "KmsKeyId"),
        metavar="Region=r,KmsKeyId=k",
        help="Shorthand Region=r[,KmsKeyId=k] ..., a JSON list, or file://PATH.",
    )
    force_overwrite_replica_secret: bool = option(
        "--force-overwrite-replica-secret",
        member="ForceOverwriteReplicaSecret",
        kind=bool,
        default=False,
        help="Replace a secret of the same name already in a replica region.",
    )

    def replicas(self) -> list[tuple[str, str | None]]:
        rows = structures(self.add_replica_regions, "AddReplicaRegions", ("Region", "KmsKeyId"))
        return [(region or "", key or None) for region, key in rows]

    def check(self, context: Context) -> None:
        from smtui.model.rules import replica_list_issues, replicas_issues

        replicas = self.replicas()
        refuse([*replica_list_issues(len(replicas)), *replicas_issues(replicas, context.known_region())])


def replicate_secret_to_regions(options: ReplicateOptions, context: Context) -> int:
    from smtui.model.lifecycle import ReplicaRegion

    regions = [ReplicaRegion(Region=r, KmsKeyId=k) for r, k in options.replicas()]
    return change(
        context,
        lambda backend: backend.replicate_secret_to_regions(
            options.secret_id, regions, force_overwrite=options.force_overwrite_replica_secret
        ),
    )


@dataclass(frozen=True, kw_only=True)
class RemoveRegionsOptions(Options):
    secret_id: str = secret_id_option()
    remove_replica_regions: list[str] = text_list_option(
        "--remove-replica-regions",
        "RemoveReplicaRegions",
        "REGION",
        "The regions whose replicas are deleted (at once).",
        required=True,
    )

    def check(self, context: Context) -> None:
        from smtui.model.rules import region_issues

        regions = texts(self.remove_replica_regions, "RemoveReplicaRegions")
        issues: list[Issue] = at_least_one(regions, "RemoveReplicaRegions", "region")
        for n, region in enumerate(regions):
            issues += region_issues(region, f"RemoveReplicaRegions[{n}]")
        refuse(issues)


def remove_regions_from_replication(options: RemoveRegionsOptions, context: Context) -> int:
    regions = list(options.remove_replica_regions)
    return change(context, lambda backend: backend.remove_regions_from_replication(options.secret_id, regions))


def stop_replication_to_replica(options: SecretIdOptions, context: Context) -> int:
    return change(context, lambda backend: backend.stop_replication_to_replica(options.secret_id))


COMMANDS: tuple[Command[Any], ...] = (
    Command(
        "replicate-secret-to-regions",
        "ReplicateSecretToRegions",
        "Replicate an existing secret to more regions.",
        ReplicateOptions,
        replicate_secret_to_regions,
    ),
    Command(
        "remove-regions-from-replication",
        "RemoveRegionsFromReplication",
        "Delete a secret's replicas in the given regions.",
        RemoveRegionsOptions,
        remove_regions_from_replication,
    ),
    Command(
        "stop-replication-to-replica",
        "StopReplicationToReplica",
        "Make a replica a standalone secret (run it with --region of the replica).",
        SecretIdOptions,
        stop_replication_to_replica,
    ),
)
