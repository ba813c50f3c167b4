"""`smtui kms` on the local store: AWS-shaped outputs, and a disabled key refused as AWS refuses it."""

from __future__ import annotations

from tests.cli.conftest import run


def test_kms_keys_on_the_local_store(local: list[str]) -> None:
    made = run(["kms", "create-key", *local, "--alias", "alias/app", "--description", "for app"])
    assert made.code == 0, made.err
    meta = made.json()["KeyMetadata"]
    assert meta["KeyState"] == "Enabled" and meta["Enabled"] is True and meta["Description"] == "for app"
    assert meta["Arn"].startswith("arn:aws:kms:") and meta["KeyId"] in meta["Arn"]
    aliases = run(["kms", "list-aliases", *local]).json()["Aliases"]
    mine = [a for a in aliases if a["AliasName"] == "alias/app"]
    assert mine and mine[0]["TargetKeyId"] == meta["KeyId"] and mine[0]["AliasArn"].endswith(":alias/app")

    assert run(["kms", "disable-key", *local, "--key-id", meta["KeyId"]]).out == ""
    refused = run(
        ["create-secret", *local, "--name", "k/one", "--kms-key-id", "alias/app", "--secret-string", "-"],
        stdin=b"v",
    )
    assert refused.code == 254 and "when calling the CreateSecret operation" in refused.err, refused.err
    assert run(["kms", "enable-key", *local, "--key-id", meta["KeyId"]]).code == 0
    ok = run(
        ["create-secret", *local, "--name", "k/one", "--kms-key-id", "alias/app", "--secret-string", "-"],
        stdin=b"v",
    )
    assert ok.code == 0, ok.err
    assert run(["describe-secret", *local, "--secret-id", "k/one", "--query", "KmsKeyId"]).json()
    wrong = run(["kms", "list-aliases", "--backend", "aws"])
    assert wrong.code == 252 and "local store only" in wrong.err
