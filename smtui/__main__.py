"""Entry point for `smtui` and `python -m smtui`.

Kept tiny on purpose: nothing heavy (Textual, boto3) is imported here, so the non-interactive commands start fast
and the wizard can draw its first frame before boto3 loads.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from smtui.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
