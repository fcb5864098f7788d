"""Adapters from upstream row shapes to :class:`~mot.sources.base.Trace`, by recipe name."""

from mot.sources import codeforces_cots, messages, nemotron_science, openr1_math
from mot.sources.base import Adapter, AdapterError, Trace

ADAPTERS: dict[str, Adapter] = {
    "openr1_math": openr1_math.adapt,
    "codeforces_cots": codeforces_cots.adapt,
    "nemotron_science": nemotron_science.adapt,
    "mot": messages.adapt,
    "messages": messages.adapt,
}

# The upstream columns each adapter reads, for ``mot build --dry-run``.
ADAPTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "openr1_math": openr1_math.COLUMNS,
    "codeforces_cots": codeforces_cots.COLUMNS,
    "nemotron_science": nemotron_science.COLUMNS,
    "mot": messages.COLUMNS,
    "messages": messages.COLUMNS,
}

__all__ = ["ADAPTERS", "ADAPTER_COLUMNS", "Adapter", "AdapterError", "Trace"]
