"""In-process checks of the pieces under the commands: shorthand parsing, output rendering, import hygiene."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from smtui.cli.shorthand import parse_structs
from smtui.errors import ParameterError
from smtui.output import OutputOptions, render


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["Key=env,Value=dev", "Key=team,Value=core"],
            [{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "core"}],
        ),
        (["Key=k,Value="], [{"Key": "k", "Value": ""}]),
        (["Key=url,Value=a=b"], [{"Key": "url", "Value": "a=b"}]),
        (['Key=k,Value="a,b"'], [{"Key": "k", "Value": "a,b"}]),
        (["Key=k,Value=a\\,b"], [{"Key": "k", "Value": "a,b"}]),
        (["Key=k,Value=with space"], [{"Key": "k", "Value": "with space"}]),
        (['[{"Key": "j", "Value": "v"}]'], [{"Key": "j", "Value": "v"}]),
        (['{"Key": "j", "Value": "v"}'], [{"Key": "j", "Value": "v"}]),
    ],
)
def test_tags_shorthand_and_json(args: list[str], expected: list[dict[str, str]]) -> None:
    assert parse_structs(args, "--tags", ("Key", "Value")) == expected


def test_list_members_and_files(tmp_path: pytest.TempPathFactory) -> None:
    got = parse_structs(
        ["Key=name,Values=app,db", "Key=tag-key,Values=[x,y]"],
        "--filters",
        ("Key", "Values"),
        list_members=("Values",),
    )
    assert got == [{"Key": "name", "Values": ["app", "db"]}, {"Key": "tag-key", "Values": ["x", "y"]}]
    path = tmp_path / "r.json"  # type: ignore[operator]
    path.write_text('[{"Region": "eu-west-1"}]')
    assert parse_structs([f"file://{path}"], "--add-replica-regions", ("Region", "KmsKeyId")) == [
        {"Region": "eu-west-1"}
    ]
    for bad in (["Key=k,Nope=1"], ["Key"], ["[not json"], ["Key=k,Value=a,b"]):
        with pytest.raises(ParameterError) as err:
            parse_structs(bad, "--tags", ("Key", "Value"))
        assert "--tags" in str(err.value)


def test_render_dates_bytes_and_queries() -> None:
    data = {
        "CreatedDate": datetime(2024, 1, 1, 12, 0, 0, 123000, tzinfo=UTC),
        "SecretBinary": b"\x00\xff",
        "Name": "n",
    }
    out = render(data, OutputOptions())
    assert '"CreatedDate": "2024-01-01T12:00:00.123000+00:00"' in out and '"SecretBinary": "AP8="' in out
    assert out.startswith('{\n    "CreatedDate"')  # indent 4, key order kept
    assert render(data, OutputOptions(query="Name", format="text")) == "n\n"
    assert render({}, OutputOptions()) == ""
    with pytest.raises(ParameterError):
        render(data, OutputOptions(query="[["))


def test_non_interactive_paths_import_no_textual_and_no_boto3() -> None:
    code = (
        "import sys, smtui.cli, smtui.cli.create, smtui.cli.companions, smtui.cli.kms, smtui.output, "
        "smtui.cli.value_source, smtui.cli.documents, smtui.cli.service_model, smtui.backends.local; "
        "from smtui.cli import main; main(['create-secret', '--generate-cli-skeleton']); "
        "bad = [m for m in ('textual', 'boto3', 'botocore') if m in sys.modules]; "
        "assert not bad, bad"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    "text",
    [
        "Key=env,Value=dev",
        "Key=k,Value=",
        "Key=url,Value=a=b",
        'Key=k,Value="a,b"',
        "Key=k,Value=a\\,b",
        "Key=k,Value=with space",
        "Key=name,Values=app,db",
        "Key=tag-key,Values=[x,y]",
        "Key=k,Value='q, r'",
    ],
)
def test_shorthand_agrees_with_the_aws_cli(text: str) -> None:
    from awscli.shorthand import ShorthandParser

    ours = parse_structs([text], "--filters", ("Key", "Value", "Values"), list_members=("Values",))
    assert ours == [ShorthandParser().parse(text)]


def test_an_unexpected_error_is_one_line_without_its_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 255 and the exception's type only: its text could quote a value (here a marker stands in)."""
    import smtui.cli.command
    from smtui.cli import main

    def boom(command: object, ns: object) -> int:
        raise RuntimeError("Zq9-unexpected-marker")

    monkeypatch.setattr(smtui.cli.command, "execute", boom)  # an injected fault: no real path raises this
    assert main(["describe-secret", "--secret-id", "x"]) == 255
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "Zq9-unexpected-marker" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
