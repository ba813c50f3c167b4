"""Start-up: the one way from `exec` to the wizard's first frame, and the process's one policy for the cyclic GC.

Everything smtui does to start fast, other than plain lazy imports inside functions, is here or called from here:
- `gc_policy`: when Python's cyclic garbage collector is off and on, for the whole process (applied by
  `smtui.__main__` at the process's start and end, and by the wizard's first frame);
- `wizard.start_wizard`: the only import of the wizard (Textual, `smtui.app`), made when the wizard really
  starts; a broken install is a loud exit 255 naming the module that is missing, never a usage line and exit 0;
- `wizard.direct_target`: `smtui` with target options only (`--backend`, `--store`, `--key-file`, `--profile`,
  `--region`) read without the command line's parser, as the parser reads them (`smtui.__main__` then goes
  straight to the wizard; anything else takes the parser);
- `terminal.wizard_terminal`: the wizard draws on the terminal, and only there, whatever stdout and stderr are;
- `first_frame.first_frame_drawn`: what the wizard defers until its first frame is on the terminal (the GC, the
  later steps' stylesheet); `SmtuiApp._first_frame` calls it, then hardens the process and opens the backend;
- `first_frame.first_screen`: the first screen's first ScreenResume skips Textual's restyle of every node (they
  were styled as they mounted, a moment before); `SmtuiApp.get_default_screen` calls it;
- `first_frame.quick_handoff`: a 0.1 ms thread switch interval from `run_wizard`'s start until the target's
  first open is answered, so Textual's writer thread puts the first frame on the terminal at once instead of
  waiting behind the work that follows it.
The first screen itself keeps rare widgets and modules out of its first frame (the target step mounts its
key-file box only when it is offered; TextArea and hashlib load after the frame); the figures are in
docs/performance.md, (d).

Layer: with the app (tests/unit/test_layers.py). `smtui.__main__` and `smtui.cli.wizard` call it; only
`wizard.start_wizard` imports `smtui.app` (and so Textual), inside the function, so the non-interactive commands
never load it. This package's own `__init__` imports nothing: `smtui.app` imports `first_frame` without
pulling in `wizard`, which imports the app.
"""
