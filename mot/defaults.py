"""Defaults a user can override, each defined once (recipe fields, CLI options and the library share them)."""

from __future__ import annotations

from pathlib import Path

SEED = 42
MAX_TOKENS = 32768  # OpenR1-Distill-7B trains at 32k
TOKENIZER = "qwen2.5-offline"  # Qwen2.5's tokenizer, shipped offline (see mot.tokenizer)
CHAT_TEMPLATE = "chatml"
OUTPUT = Path("mot-out")
TASKS = 2
VERIFY_TIMEOUT_S = 10.0
EXECUTORS = ("local", "ray", "slurm")  # who runs a build's tasks (mot.executors)
