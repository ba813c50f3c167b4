"""smtui.model.put_preview against the local store: what the preview says the labels become is what a real
PutSecretValue then does to them (first put, a second put that takes AWSPREVIOUS away, AWSPENDING on the outgoing
version, and the retry with the same token that changes nothing)."""

from __future__ import annotations

from smtui.backends.local import LocalBackend
from smtui.model.put_preview import PutPreview, preview_put
from tests.local.version_cases import V3, World


def _after(preview: PutPreview, before: dict[str, list[str]]) -> dict[str, list[str]]:
    """The labels the preview predicts, in the shape of World.labels (labelled versions, sorted labels)."""
    if preview.replay:
        return before
    out = {vid: [s for s in labels if s not in ("AWSCURRENT", "AWSPREVIOUS")] for vid, labels in before.items()}
    if preview.drops_pending and preview.becomes_previous is not None:
        out[preview.becomes_previous].remove("AWSPENDING")
    if preview.becomes_previous is not None:
        out[preview.becomes_previous].append("AWSPREVIOUS")
    out[preview.new_version] = ["AWSCURRENT"]
    return {vid: sorted(labels) for vid, labels in out.items() if labels}


def _check(w: World, name: str, token: str) -> PutPreview:
    before = w.labels(name)
    preview = preview_put(w.b.describe_secret(name).VersionIdsToStages, token)
    w.put(name, token=token)
    assert w.labels(name) == _after(preview, before)
    return preview


def test_preview_matches_the_store(backend: LocalBackend) -> None:
    w = World(backend)
    v1 = w.create("app")
    first = _check(w, "app", t2 := World.token())
    assert (first.becomes_previous, first.loses_previous, first.replay) == (v1, None, False)
    assert first.lines() == [f"AWSCURRENT: the new version {t2}", f"AWSPREVIOUS: {v1} (the current version now)"]
    second = _check(w, "app", t3 := World.token())
    assert (second.becomes_previous, second.loses_previous) == (t2, v1)
    assert f"{v1} loses AWSPREVIOUS" in second.lines()
    again = _check(w, "app", t3)  # the retry of a request already applied
    assert again.replay and "changes nothing" in again.lines()[0]


def test_preview_pending_on_the_outgoing_version(backend: LocalBackend) -> None:
    """AWSPENDING on the current version goes with AWSCURRENT (docs/aws-behaviour.md §15.2)."""
    w = World(backend)
    v1 = w.create("app")
    pending = w.put("app", V3, stages=["AWSPENDING"]).VersionId
    backend.update_secret_version_stage("app", "AWSPENDING", move_to_version_id=v1, remove_from_version_id=pending)
    preview = _check(w, "app", World.token())
    assert preview.drops_pending and f"{v1} loses AWSPENDING" in preview.lines()


def test_preview_without_a_version() -> None:
    p = preview_put(None, "tok-1")
    assert p.lines()[1] == "AWSPREVIOUS: none (the secret has no current version)"
