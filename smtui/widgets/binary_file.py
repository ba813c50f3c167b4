"""A binary secret from a file: path typed or picked, read in a thread worker, shown as size and SHA-256.

Reading happens off the UI thread (a slow disk or a network mount must not freeze the wizard). A file over the
size limit is not read at all: its size comes from `stat` and the model's rule (`rules.secret_binary_issues`,
which needs only a length) says why it cannot be used. The bytes are kept as SecretBytes and never rendered.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretBytes
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Static

from smtui.draft import ValueOrigin
from smtui.errors import Issue
from smtui.model.rules import VALUE_MAX, secret_binary_issues
from smtui.model.value import describe_value
from smtui.widgets.secret_form import SecretForm
from smtui.widgets.styled_text import plain

NOTHING = plain("No file loaded yet.", "dim")


class FilePicker(ModalScreen[Path | None]):
    """Pick a file from a directory tree; Escape cancels."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, start: Path) -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(id="file-picker"):
            yield Label("Choose the file that holds the binary secret (Enter picks, Escape cancels)")
            yield DirectoryTree(self.start, id="file-tree")
            yield Button("Cancel", id="file-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(DirectoryTree).focus()

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(Path(event.path))

    @on(Button.Pressed, "#file-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class FileRead(Message):
    """A worker finished reading a file: the bytes (wrapped), or the reasons it cannot be used."""

    def __init__(self, path: Path, data: SecretBytes | None, size: int, issues: list[Issue]) -> None:
        super().__init__()
        self.path, self.data, self.size, self.issues = path, data, size, issues


def read_secret_file(path: Path) -> FileRead:
    """Stat, then read at most the limit: a file too large is reported by size without being read."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            return FileRead(path, None, 0, [Issue("SecretBinary", "That path is not a regular file.")])
        if size > VALUE_MAX:
            return FileRead(path, None, size, list(secret_binary_issues(size)))
        with path.open("rb") as handle:
            data = handle.read(VALUE_MAX + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return FileRead(path, None, 0, [Issue("SecretBinary", f"The file could not be read: {reason}.")])
    return FileRead(path, SecretBytes(data), len(data), list(secret_binary_issues(len(data))))


class BinaryFileForm(SecretForm):
    """Path input, Browse (a directory tree in a modal) and Load; the result as size and fingerprint."""

    FORM = "binary"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._data: SecretBytes | None = None
        self._issues: list[Issue] = []
        self.loading = False

    def compose(self) -> ComposeResult:
        yield Label("Binary value from a file (a DER key, a keystore, any bytes)")
        with Horizontal(classes="file-row"):
            yield Input(placeholder="path, e.g. ~/certs/keystore.p12", id="file-path")
            yield Button("Browse…", id="file-browse", compact=True)
            yield Button("Load", id="file-load", compact=True, variant="primary")
        yield Static(NOTHING, id="file-result")

    def load_path(self, path: Path) -> None:
        self.loading = True
        self.query_one("#file-result", Static).update(plain(f"Reading {path}…", "dim"))
        self._read(path)

    @work(thread=True, exclusive=True, group="binary-file", exit_on_error=False)
    def _read(self, path: Path) -> None:
        self.post_message(read_secret_file(path))

    def on_file_read(self, event: FileRead) -> None:
        event.stop()
        self.loading = False
        self._data, self._issues = event.data, event.issues
        result = self.query_one("#file-result", Static)
        if event.data is None:
            reasons = " ".join(i.message for i in event.issues)
            result.update(plain(f"✗ {event.path.name}: {reasons}"))
        else:
            summary = describe_value(event.data.get_secret_value())
            result.update(
                plain(f"{event.path.name}: {summary.size_text()} · {summary.kind_label} · {summary.fingerprint}")
            )
        self.post_message(self.Changed(self))

    def _typed_path(self) -> Path | None:
        text = self.query_one("#file-path", Input).value.strip()
        return Path(text).expanduser() if text else None

    @on(Button.Pressed, "#file-load")
    @on(Input.Submitted, "#file-path")
    def _load(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        path = self._typed_path()
        if path is not None:
            self.load_path(path)

    @on(Input.Changed, "#file-path")
    def _path_changed(self, event: Input.Changed) -> None:
        event.stop()

    @on(Button.Pressed, "#file-browse")
    def _browse(self, event: Button.Pressed) -> None:
        event.stop()
        typed = self._typed_path()
        start = Path.cwd()
        if typed is not None:
            start = typed if typed.is_dir() else (typed.parent if typed.parent.is_dir() else start)

        def picked(path: Path | None) -> None:
            if path is not None:
                self.query_one("#file-path", Input).value = str(path)
                self.load_path(path)

        self.app.push_screen(FilePicker(start), picked)

    # SecretForm ---------------------------------------------------------------------------------------------
    def current_value(self) -> bytes | None:
        return self._data.get_secret_value() if self._data is not None else None

    def origin(self) -> ValueOrigin:
        return "file"

    def form_issues(self) -> list[Issue]:
        if self.loading:
            return [Issue("SecretBinary", "The file is still being read; try again in a moment.")]
        return [i for i in self._issues if i.severity == "error" and self._data is None]

    def load(self, value: str | bytes, origin: ValueOrigin) -> None:
        data = value if isinstance(value, bytes) else value.encode("utf-8")
        self._data, self._issues = SecretBytes(data), []
        summary = describe_value(data)
        self.query_one("#file-result", Static).update(
            plain(f"Ready: {summary.size_text()} · {summary.kind_label} · {summary.fingerprint}")
        )

    def wipe(self) -> None:
        self._data, self._issues = None, []
        self.query_one("#file-result", Static).update(NOTHING)

    def focus_first(self) -> None:
        self.query_one("#file-path", Input).focus()
