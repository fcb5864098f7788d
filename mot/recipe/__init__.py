"""Recipes (``pipelines/*.yaml``): the typed model (:mod:`.model`), the loader (:mod:`.parse`) and
experiment overlays (:mod:`.overlay`). Import from the module you need: the model sits low in the
house (sources and stages read it), the loader high (it knows the adapter and filter tables).

A recipe names, per domain, the sources to ingest (local files or Hub datasets, each with the
adapter for its upstream shape) and the policies of the build. Paths are relative to the recipe
file. Every problem is reported as a :class:`RecipeError` naming the offending key.

Example recipe::

    name: sample
    seed: 42
    max_tokens: 32768
    domains:
      math:
        sources:
          - name: openr1_math
            adapter: openr1_math
            path: ../data/math/openr1_math.jsonl
          - name: openr1_math_hub
            adapter: openr1_math
            hub: {id: open-r1/OpenR1-Math-220k, config: default, split: train}
        verify: {timeout_s: 10}

Mixture keys (see :mod:`mot.pool.mixture` for what they do to the pool)::

    domains:
      code:
        target: 83070                      # rows of this domain's mixture
        sources:
          - {name: cf_python, adapter: codeforces_cots, hub: {...}, weight: 2}  # shares the domain target
          - {name: cf_cpp, adapter: codeforces_cots, hub: {...}, cap: 30000, upsample: 2}
          - {name: nemotron, adapter: nemotron_science, hub: {...},
             where: {field: generator, not_contains: Qwen}}    # row filter(s) applied at ingest
    combine: {target_total: 350000, shares: {math: 0.27, code: 0.24, science: 0.49}}
    experiments:
      code/exp6:                           # an overlay on this recipe (see mot.recipe.overlay)
        domains: {code: {add_sources: [{name: cf_py_extra, adapter: codeforces_cots, path: extra.jsonl}]}}

Editors validate and complete recipes with ``schemas/recipe.schema.json`` (exported from the model).
"""
