"""datatrove PipelineSteps of the build: one stage per module, each recording drops in the ledger."""
