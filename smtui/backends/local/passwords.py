"""GetRandomPassword in the local store (docs/aws-behaviour.md §19): drawn here with `secrets`
(`smtui.model.password`), refused with the service's answers for options it refuses."""

from __future__ import annotations

from smtui.backends.local.ops_base import LocalOpsBase
from smtui.errors import ParameterError, ServiceError
from smtui.model.lifecycle import RandomPasswordResult
from smtui.model.password import PasswordOptions, generate_password, service_refusal


class LocalPasswordOps(LocalOpsBase):
    def get_random_password(self, options: PasswordOptions) -> RandomPasswordResult:
        refusal = service_refusal(options)
        if refusal is not None:
            code, message, field = refusal
            if code == "ParamValidation":  # botocore's refusal before sending
                raise ParameterError("Parameter validation failed:\n" + message, field=field)
            raise ServiceError(code, message, field=field)
        return RandomPasswordResult(RandomPassword=generate_password(options))
