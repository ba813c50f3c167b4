"""Faults met in the wizard, against a real moto server behind the fault proxy: the Result screen says what
happened and what to do (the AWS code and smtui's hint), the draft keeps everything typed, the value
included, and after the fault clears, Retry (same ClientRequestToken) leaves exactly one secret and one
version. Run with --run-slow (each is a full wizard walk; the default suite's wizard flow test already
covers a lost response and its retry, and the command-line fault tests cover every fault's words).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from smtui.settings import TargetSettings
from tests.conftest import MotoServer
from tests.safety.fault_proxy import FaultProxy

CASES = [
    pytest.param("expired", "ExpiredTokenException", "expired", id="expired", marks=pytest.mark.slow),
    pytest.param("denied", "AccessDeniedException", "not allowed", id="denied", marks=pytest.mark.slow),
    pytest.param("error500", "InternalServiceError", "safe", id="error500", marks=pytest.mark.slow),
    pytest.param("reset", "ConnectionClosedError", "safe", id="reset", marks=pytest.mark.slow),
]


def _text(svg: str) -> str:
    """The characters of a screenshot, without any whitespace (lines wrap anywhere)."""
    import html
    import re

    return re.sub(r"\s", "", html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))))


@pytest.mark.parametrize(("mode", "code", "words"), CASES)
async def test_wizard_fault_then_retry(
    fault_proxy: FaultProxy,
    moto_env: MotoServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    mode: Any,
    code: str,
    words: str,
) -> None:
    import boto3

    from smtui.app import SmtuiApp
    from tests.ui.wizard_driver import MARKER, next_step, settle, walk_to_review

    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    app = SmtuiApp(TargetSettings(backend="aws", endpoint_url=fault_proxy.url, region="us-east-1"), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await walk_to_review(pilot, name="faults/wizard")
        fault_proxy.set_mode(mode, only="CreateSecret")
        await next_step(pilot)
        await settle(pilot)
        screen = _text(app.export_screenshot())
        assert code in screen and words.replace(" ", "") in screen.lower(), screen
        assert MARKER not in screen
        assert not app.results
        assert app.draft.secret_string is not None
        assert app.draft.secret_string.get_secret_value() == MARKER, "the value must survive for a retry"
        token = app.draft.client_request_token
        fault_proxy.set_mode("pass")
        await pilot.press("r")  # Retry: the same request, the same token
        await settle(pilot)
        assert app.results and app.results[0].VersionId == token
    sm = boto3.client("secretsmanager", endpoint_url=moto_env.url, region_name="us-east-1")
    assert [s["Name"] for s in sm.list_secrets()["SecretList"]] == ["faults/wizard"]
    versions = sm.list_secret_version_ids(SecretId="faults/wizard")["Versions"]
    assert [v["VersionId"] for v in versions] == [token]
    assert sm.get_secret_value(SecretId="faults/wizard")["SecretString"] == MARKER
