"""smtui: create AWS Secrets Manager secrets from a terminal without the value leaking anywhere."""

__version__ = "0.1.0"
