"""Our verdict against the source's own labels: the recipe's ``upstream_labels`` policy, as one pure function.

Policies (per source; see :data:`mot.recipe.model.UpstreamPolicy`):

============== ===================================================================================
ignore         labels are recorded only; our verdict alone decides (the default)
require_ours   a trace our checker did not verify is dropped ``unverified``, whatever the domain's
               ``keep_unverified`` and whatever the upstream judges said
ours_or_theirs a trace is verified when our checker or any upstream judge accepted it (MoT's math:
               math-verify or the Llama judge); ``verified_by`` names the judge when it was theirs
============== ===================================================================================
"""

from __future__ import annotations

from typing import Any

from mot.decision import Drop


def settle(meta: dict[str, Any], our_verdict: str, drop: Drop | None, detail: str = "") -> Drop | None:
    """Record ``our_verdict`` and apply the trace's upstream policy to our ``drop`` (None: we keep it).

    >>> meta = {"upstream": {"correctness_math_verify": False, "correctness_llama": True}, "upstream_policy": "ours_or_theirs"}
    >>> settle(meta, "wrong", Drop("wrong_answer", "gold 12, got 13")), meta["verified_by"]
    (None, 'upstream:correctness_llama')
    >>> settle({**meta, "upstream_policy": "ignore"}, "wrong", Drop("wrong_answer")).reason
    'wrong_answer'
    """
    meta["our_verdict"] = our_verdict
    policy = meta.get("upstream_policy", "ignore")
    if our_verdict == "correct" or policy == "ignore":
        return drop
    if policy == "require_ours":
        return drop or Drop("unverified", f"upstream_labels: require_ours; our checker: {detail or our_verdict}")
    accepted_by = [judge for judge, label in (meta.get("upstream") or {}).items() if label is True]
    if not accepted_by:
        return drop
    meta["verification"] = "verified"
    meta["verified_by"] = f"upstream:{accepted_by[0]}"
    meta["verify_detail"] = f"our checker: {our_verdict}{f' ({detail})' if detail else ''}; accepted by {', '.join(accepted_by)}"
    return None
