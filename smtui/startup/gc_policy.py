"""The cyclic garbage collector's one policy for the whole process (see `gc_policy`)."""

from __future__ import annotations

import gc
from typing import Literal

GcMoment = Literal["process-start", "first-frame", "process-end"]


def gc_policy(moment: GcMoment) -> None:
    """The cyclic GC's one policy, applied at three moments of the process.

    - process-start (`smtui.__main__`, before anything is imported): off. A command is a short-lived process
      that allocates heavily while importing pydantic and botocore and then exits; the collector's passes during
      start-up and its final sweep cost about a quarter of its CPU time (~0.19 s of ~0.75 s for create-secret
      against moto) and free nothing that matters. While Textual loads and draws the wizard's first frame they
      cost ~8 % of the start-up, again freeing nothing.
    - first-frame (the wizard, long-lived): everything alive so far (the modules, the first screen) is moved out
      of the collector's reach with `gc.freeze()`, so no pass ever walks those objects, and the collector is on.
    - process-end: if it is still off (a command), what is alive is frozen and left to the process exit instead
      of being swept object by object.

    The last two act only when the collector is off, that is, in a process this policy switched off: a test
    process that runs the wizard or a command in-process keeps its collector as it was.
    """
    if moment == "process-start":
        gc.disable()
        return
    if gc.isenabled():
        return
    gc.freeze()
    if moment == "first-frame":
        gc.enable()
