"""One local backend per region a request is signed for, over one shared store connection.

Why per region: a signed request names its region in the credential scope, and the service answers it there
(the secret's ARN, its replicas, its KMS keys are the region's); the AWS CLI and the SDKs sign with the region
they are configured with. Opening a backend is cheap after the first (the store's connection is shared and
reference-counted), and there are at most as many as the partitions have regions. A region the local store does
not hold is refused in the service's words for a badly scoped credential. STS's global scope (`aws-global`)
is served in the default region.
"""

from __future__ import annotations

import dataclasses
import threading

from smtui.backends.local import LocalBackend
from smtui.regions import region_problem
from smtui.serve.wire import WireError
from smtui.settings import TargetSettings

GLOBAL_SCOPE = "aws-global"


class RegionBackends:
    """The backends `smtui serve` answers with, opened on first use and closed together."""

    def __init__(self, first: LocalBackend) -> None:
        self.default_region = first.region
        self._settings: TargetSettings = first.settings
        self._open: dict[str, LocalBackend] = {first.region: first}
        self._lock = threading.Lock()
        self._closed = False

    @property
    def first(self) -> LocalBackend:
        return self._open[self.default_region]

    def get(self, region: str) -> LocalBackend:
        """The backend of `region` (opened now if needed), or the service's region error."""
        if region == GLOBAL_SCOPE:
            region = self.default_region
        with self._lock:
            found = self._open.get(region)
            if found is not None:
                return found
            if self._closed:
                raise WireError("InternalServiceError", "The local store is closing.", 500)
            if region_problem(region):
                raise WireError(
                    "InvalidSignatureException",
                    f"Credential should be scoped to a valid region, not '{region}'. ",
                    400,
                    "message",
                )
            backend = LocalBackend(dataclasses.replace(self._settings, region=region))
            self._open[region] = backend
            return backend

    def close(self) -> None:
        """Close every backend (the store's connection closes with the last)."""
        with self._lock:
            self._closed = True
            opened, self._open = list(self._open.values()), {}
        for backend in opened:
            backend.close()
