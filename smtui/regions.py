"""The regions of each AWS partition where Secrets Manager runs, as an offline list.

Why a constant: the local store offers replica regions without importing botocore (slow to load, not needed
on the local path). Generated once from botocore 1.44.8's bundled endpoint data
(`session.get_available_regions("secretsmanager", partition_name=...)`); regenerate when AWS opens a region.
"""

from __future__ import annotations

import re

REGION_HINT = (
    "A region code looks like eu-west-1 (lowercase words joined by hyphens, then a number). Check "
    "--region, AWS_REGION / AWS_DEFAULT_REGION and the profile's `region`."
)
_REGION_FORMAT = re.compile(r"(?![0-9]+$)(?!-)[a-zA-Z0-9-]{1,63}(?<!-)")  # botocore's check (a host label)

PARTITION_REGIONS: dict[str, tuple[str, ...]] = {
    "aws": (
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    ),
    "aws-cn": (
        "cn-north-1",
        "cn-northwest-1",
    ),
    "aws-us-gov": (
        "us-gov-east-1",
        "us-gov-west-1",
    ),
}

_PREFIXES: tuple[tuple[str, str], ...] = (("cn-", "aws-cn"), ("us-gov-", "aws-us-gov"))


def partition_of(region: str) -> str:
    """The partition a region name belongs to (`aws` for names no partition claims)."""
    for partition, regions in PARTITION_REGIONS.items():
        if region in regions:
            return partition
    for prefix, partition in _PREFIXES:
        if region.startswith(prefix):
            return partition
    return "aws"


def partition_regions(region: str) -> list[str]:
    """Every Secrets Manager region of `region`'s partition, sorted."""
    return list(PARTITION_REGIONS[partition_of(region)])


def is_known_region(region: str, partition: str = "aws") -> bool:
    """True when `region` is a Secrets Manager region of `partition`."""
    return region in PARTITION_REGIONS.get(partition, ())


def region_problem(region: str) -> str | None:
    """Why the local store cannot live in `region`, or None.

    A malformed name gets botocore's words (the aws backend says the same); a well-formed name no partition
    holds is refused too, as AWS has no endpoint there (replicas to such a region become `Failed` instead).
    """
    if not _REGION_FORMAT.fullmatch(region):
        return f"Provided region_name '{region}' doesn't match a supported format."
    if any(region in regions for regions in PARTITION_REGIONS.values()):
        return None
    return (
        f"The local store has no region {region}: it holds the Secrets Manager regions of the aws, aws-cn "
        "and aws-us-gov partitions (e.g. us-east-1)."
    )
