"""``mot build --dry-run``: does every Hub dataset, config and split the recipe names exist?

One line per dataset. Offline (``HF_HUB_OFFLINE=1``, or the Hub does not answer) it says it cannot
check rather than guessing; a gated dataset says to accept its terms and set ``HF_TOKEN``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from mot.benchmarks import BenchmarkError, BenchmarkSpec, spec_release_files
from mot.recipe.model import HubSpec
from mot.sources.read import hub_error


def _offline() -> bool:
    return any(os.environ.get(name, "").upper() in ("1", "ON", "YES", "TRUE") for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"))


def _check_dataset(hub: HubSpec) -> str:
    from datasets import get_dataset_config_names, get_dataset_split_names

    where = f"{hub.id} config={hub.config or 'default'} split={hub.split}"
    try:
        configs = get_dataset_config_names(hub.id, revision=hub.revision)
        config = hub.config or ("default" if "default" in configs else configs[0])
        if config not in configs:
            return f"  MISSING {where}: no config {config!r} (configs: {', '.join(configs)})"
        splits = get_dataset_split_names(hub.id, config, revision=hub.revision)
    except Exception as err:  # network, auth, missing repo
        return f"  ERROR   {where}: {hub_error(hub, err)}"
    if hub.split not in splits:
        return f"  MISSING {where}: no split {hub.split!r} (splits: {', '.join(splits)})"
    return f"  ok      {where}"


def _check_release_files(spec: BenchmarkSpec) -> str:
    hub = spec.hub
    assert hub is not None
    try:
        files = spec_release_files(spec)
    except BenchmarkError as err:
        return f"  MISSING {hub.id}: {err}"
    except Exception as err:
        return f"  ERROR   {hub.id}: {hub_error(hub, err)}"
    return f"  ok      {hub.id} files {', '.join(files)} (version_tag {spec.version_tag})"


def check_hub(datasets: Iterable[HubSpec], release_benchmarks: Iterable[BenchmarkSpec] = ()) -> list[str]:
    """A report line per Hub dataset (sources, their ``tests_from``, Hub benchmarks)."""
    datasets, release_benchmarks = list(dict.fromkeys(datasets)), list(release_benchmarks)
    if not datasets and not release_benchmarks:
        return []
    head = "Hub datasets, configs and splits:"
    if _offline():
        return [f"{head} not checked (offline: HF_HUB_OFFLINE is set); run without it to check"]
    from huggingface_hub import HfApi

    probe = datasets[0].id if datasets else release_benchmarks[0].hub.id  # type: ignore[union-attr]
    from huggingface_hub.errors import HfHubHTTPError

    try:
        HfApi().dataset_info(probe, timeout=10)
    except HfHubHTTPError:
        pass  # the Hub answered (gated, missing…): the per-dataset checks say what
    except Exception as err:  # no answer at all: DNS, refused connection, timeout, offline mode
        return [f"{head} not checked (cannot reach the Hub: {type(err).__name__}: {str(err)[:80]})"]
    return [head, *(_check_dataset(hub) for hub in datasets), *(_check_release_files(spec) for spec in release_benchmarks)]
