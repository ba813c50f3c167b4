"""The wizard's steps and the step an error sends the person back to: one table, read by the app and the screens.

Why a module of its own, below the screens and the app (docs/architecture.md): the app moves between
the steps, the Review step offers a jump to each, and the result screen names the step a failure goes back
to. All of them read this table, so none of them imports another to learn the order or the titles.

An error goes back to the step that owns the request member it concerns (`SmtuiError.field`, an AWS member path
such as `Tags[2].Key`); when the error names no member of a step, its AWS error code decides; otherwise Review.
Never the words of the message: the backends put the member on the error (the local store where it raises it;
the aws backend in `smtui.backends.aws_errors.field_for`, the one place that reads the service's words to learn
which member an answer concerns, for the codes that cover many members).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smtui.draft import DraftMode
    from smtui.errors import SmtuiError


@dataclass(frozen=True)
class Step:
    """One step of the wizard.

    `screen` is the step's screen class as "module:Class", imported only when the step is first shown (the
    first frame loads the first step alone, docs/performance.md); `fields` are the CreateSecret members the
    step sets, so an error about one of them comes back here.
    """

    id: str
    title: str
    screen: str
    fields: tuple[str, ...] = ()
    short: str = ""  # the label of Review's jump button when the title's first word is too long for 80 columns


STEPS: tuple[Step, ...] = (
    Step("target", "Target", "smtui.screens.target:TargetScreen"),
    Step("name", "Name & description", "smtui.screens.name:NameScreen", ("Name", "Description")),
    Step("value", "Value", "smtui.screens.value:ValueScreen", ("SecretString", "SecretBinary")),
    Step("encryption", "Encryption", "smtui.screens.encryption:EncryptionScreen", ("KmsKeyId",)),
    Step("tags", "Tags", "smtui.screens.tags:TagsScreen", ("Tags",)),
    Step(
        "replicas",
        "Replicas",
        "smtui.screens.replicas:ReplicasScreen",
        ("AddReplicaRegions", "ForceOverwriteReplicaSecret"),
    ),
    Step(
        "permissions",
        "Resource permissions",
        "smtui.screens.permissions:PermissionsScreen",
        ("ResourcePolicy", "BlockPublicPolicy"),
        short="Policy",
    ),
    Step("review", "Review", "smtui.screens.review:ReviewScreen"),
)

# Put mode (a new value for an existing secret, PutSecretValue): the target, the secret it goes into, the value
# and Review. The Secret step owns SecretId, so an error about the secret (scheduled for deletion, not found)
# comes back to it. Its screen is imported only when put mode is chosen.
PICK_SECRET = Step("secret", "Secret", "smtui.screens.pick_secret:PickSecretScreen", ("SecretId",))
PUT_STEPS: tuple[Step, ...] = (STEPS[0], PICK_SECRET, STEPS[2], STEPS[-1])

# The step an AWS error code sends the person to when the error names no member a step owns.
CODE_STEPS: dict[str, str] = {
    "ResourceExistsException": "name",
    "EncryptionFailure": "encryption",
    "DecryptionFailure": "encryption",
    "NotFoundException": "encryption",  # KMS: no such key or alias
    "KeyMaterialDamaged": "encryption",  # the local store: a KMS key's material is unusable
    "KeyMaterialMissing": "encryption",
    "AccessDeniedException": "target",
    "UnrecognizedClientException": "target",
    "ExpiredTokenException": "target",
    "EndpointConnectionError": "target",
    "MalformedPolicyDocumentException": "permissions",  # PutResourcePolicy / ValidateResourcePolicy
    "PublicPolicyException": "permissions",  # a public policy with BlockPublicPolicy on
}

_MEMBER = re.compile(r"[A-Za-z]+")  # the top-level member of a path: Tags[2].Key -> Tags
_BY_FIELD = {member: step.id for step in (*STEPS, PICK_SECRET) for member in step.fields}
_BY_ID = {step.id: step for step in (*STEPS, PICK_SECRET)}
_NUMBERS = {
    mode: {step.id: number for number, step in enumerate(steps, start=1)}
    for mode, steps in (("create", STEPS), ("put", PUT_STEPS))
}


def steps_for(mode: DraftMode = "create") -> tuple[Step, ...]:
    """The steps of `mode`, in order: every step for create, Target, Secret, Value and Review for put."""
    return PUT_STEPS if mode == "put" else STEPS


def step(step_id: str) -> Step:
    """The step with id `step_id` (KeyError for an unknown id)."""
    return _BY_ID[step_id]


def position(step_id: str, mode: DraftMode = "create") -> int:
    """The step's number in `mode`'s steps, 1 for the first (KeyError for a step `mode` does not have)."""
    return _NUMBERS[mode][step_id]


def review_now_offered(step_id: str) -> bool:
    """Whether a step offers "Review now": from the Value step on, up to (not on) Review. The steps before the
    Value step (Target, Name or the Secret of put mode) must be passed through: a secret needs them."""
    for steps in (STEPS, PUT_STEPS):
        ids = [s.id for s in steps]
        if step_id in ids:
            return ids.index("value") <= ids.index(step_id) < ids.index("review")
    return False


def step_for_field(field: str | None) -> str | None:
    """The step that owns the request member `field` is about (None for a member no step sets)."""
    found = _MEMBER.match(field or "")
    return _BY_FIELD.get(found.group(0)) if found else None


def step_for_error(error: SmtuiError) -> str:
    """The step a person must change to fix `error`: by its member, then by its code; Review otherwise."""
    return step_for_field(error.field) or CODE_STEPS.get(error.code or "", "review")
