"""The server's transport wrapper: what one turn of the event loop writes leaves in one write, so a reply's head
and body cannot be parted by a kill between them (docs/aws-behaviour.md §22.4)."""

from __future__ import annotations

import asyncio
from typing import Any, cast

from smtui.serve.server import _OneWrite


class Recorder:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.events: list[str] = []
        self.closing = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)
        self.events.append("write")

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        self.closing = True
        self.events.append("close")

    def get_extra_info(self, name: str) -> Any:
        return f"info:{name}"


def run(steps: Any) -> Recorder:
    recorder = Recorder()

    async def main() -> None:
        wrapped = _OneWrite(cast(asyncio.Transport, recorder), asyncio.get_running_loop())
        await steps(wrapped)
        await asyncio.sleep(0)  # one more turn: what is pending is written

    asyncio.run(main())
    return recorder


def test_head_and_body_written_in_one_turn_leave_in_one_write() -> None:
    async def steps(transport: _OneWrite) -> None:
        transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        transport.write(b"{}")
        transport.write(b"")

    assert run(steps).writes == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"]


def test_writes_of_different_turns_stay_in_order() -> None:
    async def steps(transport: _OneWrite) -> None:
        transport.write(b"one")
        await asyncio.sleep(0)
        transport.write(b"two")

    assert run(steps).writes == [b"one", b"two"]


def test_close_sends_what_is_pending_first() -> None:
    async def steps(transport: _OneWrite) -> None:
        transport.write(b"HTTP/1.1 400 Bad Request\r\n\r\n")
        transport.close()
        transport.write(b"late")  # after the close: dropped, as the transport itself would

    recorder = run(steps)
    assert recorder.events == ["write", "close"] and recorder.writes == [b"HTTP/1.1 400 Bad Request\r\n\r\n"]


def test_everything_else_is_the_transports() -> None:
    async def steps(transport: _OneWrite) -> None:
        assert transport.get_extra_info("socket") == "info:socket"
        assert transport.is_closing() is False

    run(steps)
