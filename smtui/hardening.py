"""Process hardening while a secret value is in memory.

CONTRACT (owner: safety helper; called by the CLI's main and the wizard at start):
- `harden_process()` disables core dumps (RLIMIT_CORE = 0, PR_SET_DUMPABLE 0 where available) and is idempotent.
"""
