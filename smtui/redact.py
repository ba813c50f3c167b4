"""Keeping secret values out of logs, including botocore's own debug logs.

CONTRACT (owner: aws backend helper; used by the CLI's --debug and by the wizard):
- `configure_debug_logging(stream)` turns on DEBUG logging for smtui and botocore with a filter that redacts
  SecretString / SecretBinary members structurally and every registered secret (raw, JSON-escaped, base64).
- `secret_scope(value)` is a context manager that registers a value while a request is in flight.
"""
