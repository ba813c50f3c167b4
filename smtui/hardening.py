"""Process hardening while a secret value is in memory.

Called by the CLI's main and the wizard at start:
- `harden_process()` disables core dumps (RLIMIT_CORE = 0, PR_SET_DUMPABLE 0 where available) and is
  idempotent.
- `harden_app(app)` (called by the wizard's App right after `App.__init__`) turns off Textual's log file
  (TEXTUAL_LOG) and devtools, which would record every key press and message, the value included, and
  replaces Textual's crash report, which prints every frame's local variables (a value among them) to the
  terminal, by one without locals.
- `ignore_late_signals()` (called by `smtui.__main__` once the command returned) ignores those signals
  during interpreter shutdown, so a finished command's exit code stands.
- `exit_on_termination()` (called by `smtui.__main__` for the real process only) turns SIGTERM and SIGHUP into
  `Terminated` (a SystemExit with code 128 + signal, so 143 for SIGTERM) raised in the main thread. Why: by
  default those signals kill Python without running `finally` blocks, which would leave the terminal silent
  after the masked prompt and skip a transaction's rollback; raised as an exception, every `finally` runs.
  While the wizard runs (registered by `harden_app`), these signals and SIGINT instead ask the app to exit
  through Textual's own shutdown (raising inside its event loop would print asyncio tracebacks).

Why: a crash (or `kill -SEGV`, `gcore`, a debugger attaching) would otherwise write the process memory,
the plaintext value included, to a core file or hand it to another process of the same user.
RLIMIT_CORE 0 stops the kernel writing a core file; PR_SET_DUMPABLE 0 also makes /proc/PID/mem,
/proc/PID/environ and ptrace refuse other unprivileged processes of the same user, and keeps the dump from
systemd-coredump (which ignores RLIMIT_CORE when it is the core-pattern pipe). Neither can fail the
program: hardening is best effort, and a platform without them (macOS, Windows) gets what it has. Swap
cannot be prevented here (mlock needs privileges and Python copies strings freely): docs/security.md tells
people to use encrypted swap.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import types
import weakref
from dataclasses import dataclass
from types import FrameType
from typing import Any

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


@dataclass(frozen=True)
class HardeningReport:
    """What `harden_process()` achieved, for `--debug` and for tests."""

    core_limit_zero: bool
    not_dumpable: bool


def _disable_core_files() -> bool:
    """Set the soft and hard core-file size limits to 0 (the hard one cannot be raised back unprivileged)."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        try:  # a hard limit we may not lower: at least the soft one
            _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
            resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
        except (ValueError, OSError):
            return False
    return resource.getrlimit(resource.RLIMIT_CORE)[0] == 0


def _prctl(option: int, arg: int = 0) -> int | None:
    """Call Linux prctl(2) through ctypes; None when it is not available."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    prctl.restype = ctypes.c_int
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    return int(prctl(option, arg, 0, 0, 0))


def _make_not_dumpable() -> bool:
    """prctl(PR_SET_DUMPABLE, 0): no core dump, no ptrace or /proc/PID/mem by other same-user processes."""
    if _prctl(PR_SET_DUMPABLE, 0) is None:
        return False
    return _prctl(PR_GET_DUMPABLE) == 0


def harden_process() -> HardeningReport:
    """Disable core dumps for this process (and its children, which inherit RLIMIT_CORE). Never raises."""
    return HardeningReport(core_limit_zero=_disable_core_files(), not_dumpable=_make_not_dumpable())


class Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived: leave through every `finally`, exit 128 + signal number."""


_active_app: weakref.ref[Any] | None = None
_SIGNALLED: list[int] = []  # exit codes of the stopping signals received, in order


def _exit_running_app(code: int) -> bool:
    """Ask a running wizard to exit through Textual's own shutdown (terminal restored, draft cleared)."""
    app = _active_app() if _active_app is not None else None
    loop = getattr(app, "_loop", None)
    if app is None or loop is None or not getattr(app, "is_running", False) or not loop.is_running():
        return False
    loop.call_soon_threadsafe(app.exit, code, code)
    return True


def _raise_terminated(signum: int, _frame: FrameType | None) -> None:
    if not _exit_running_app(128 + signum):
        _SIGNALLED.append(128 + signum)
        raise Terminated(128 + signum)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    if not _exit_running_app(128 + signum):
        _SIGNALLED.append(128 + signum)
        signal.default_int_handler(signum, frame)


def signal_exit_code() -> int | None:
    """128 + the first stopping signal (SIGINT 130, SIGTERM 143, SIGHUP 129) that reached the command line, if
    any. Its KeyboardInterrupt or Terminated may not arrive as one: a library that runs Python code from native
    code turns it into its own error (pydantic-core gives a SchemaError when the signal lands while it builds a
    schema), and the person asked to stop all the same: the signal's code, not 255."""
    return _SIGNALLED[0] if _SIGNALLED else None


_REDELIVERIES_MAX = 3
_redelivered: list[int] = []


def _signal_not_swallowed(unraisable: Any) -> None:
    """`sys.unraisablehook`: a Terminated or KeyboardInterrupt raised where Python cannot pass an exception on
    (a finalizer, a callback from native code) is not printed as a traceback on stderr and not lost: the signal
    is sent again once the hook has returned (from a thread: sent from here, its handler would run inside the
    hook), so it runs at the next point where the exception can travel and the command leaves through its
    `finally` blocks with the signal's code. Any other unraisable exception goes to the default."""
    stopping = isinstance(unraisable.exc_value, (Terminated, KeyboardInterrupt))
    if not stopping or not _SIGNALLED or len(_redelivered) >= _REDELIVERIES_MAX:
        _default_unraisablehook(unraisable)
        return
    _redelivered.append(_SIGNALLED[-1])
    returned = threading.Event()

    def again(signum: int = _SIGNALLED[-1] - 128) -> None:
        returned.wait(5)  # sent once this hook has returned: its handler then runs where it can raise
        os.kill(os.getpid(), signum)

    threading.Thread(target=again, daemon=True).start()
    returned.set()


_default_unraisablehook = sys.unraisablehook


def exit_on_termination() -> bool:
    """Make SIGTERM and SIGHUP raise `Terminated` in the main thread (or, while the wizard runs, make it exit
    through Textual's shutdown, as SIGINT does then); False where that cannot be done."""
    if threading.current_thread() is not threading.main_thread():
        return False
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, _raise_terminated)
    signal.signal(signal.SIGINT, _interrupt)
    sys.unraisablehook = _signal_not_swallowed
    return True


def ignore_late_signals() -> None:
    """Once the command's outcome is decided (its exit code known, its output written), ignore SIGINT, SIGTERM
    and SIGHUP: a signal during interpreter shutdown would otherwise turn a success into a death by signal."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, signal.SIG_IGN)


def silence_textual_logs(app: object | None = None) -> None:
    """Turn off Textual's debugging sinks for the wizard: they record every key press and every message,
    values included (`Input.Changed(value=...)`, `Key(character=...)`).

    TEXTUAL_LOG names a file Textual appends its whole log to; the `devtools` feature (TEXTUAL=devtools, or
    `textual run --dev`) streams the same log to a console over a socket. Either would keep a typed secret.
    Call it right after `App.__init__` (which is where Textual connects devtools); a no-op without Textual.
    """
    constants = sys.modules.get("textual.constants")
    if constants is not None:
        setattr(constants, "LOG_FILE", None)  # noqa: B010 - a Final in Textual's typing
    if app is not None and getattr(app, "devtools", None) is not None:
        setattr(app, "devtools", None)  # noqa: B010
        setattr(app, "_devtools_redirector", None)  # noqa: B010


def _fatal_error_without_locals(app: Any) -> None:
    """Textual's `App._fatal_error`, minus `show_locals=True`: the traceback printed when the app crashes
    stays on the terminal after exit, and a frame's locals may hold the plaintext value."""
    import rich
    from rich.segment import Segments
    from rich.traceback import Traceback

    app.bell()
    traceback = Traceback(show_locals=False, width=None, suppress=[rich])
    app._exit_renderables.append(Segments(app.console.render(traceback, app.console.options)))
    app._close_messages_no_wait()


def harden_app(app: Any) -> None:
    """Everything the wizard's Textual App needs: no log file, no devtools, crash reports without locals, and
    signals (SIGINT, SIGTERM, SIGHUP) that exit it through Textual's own shutdown."""
    global _active_app
    _active_app = weakref.ref(app)
    silence_textual_logs(app)
    from smtui.widgets.control_filter import install

    install(app)  # text from the store or the service never drives the terminal (smtui.output.terminal_text)
    setattr(app, "_fatal_error", types.MethodType(_fatal_error_without_locals, app))  # noqa: B010
