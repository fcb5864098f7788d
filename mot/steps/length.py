"""Count each conversation's tokens as the trainer will see them, and drop what exceeds the window.

``num_tokens`` is the length of the conversation rendered with the chat template and encoded
by the target tokenizer: exactly ``len(apply_chat_template(messages, tokenize=True))``, counted by
:func:`mot.fastcount.make_counter` (exact and several times faster than HF for the default Qwen2.5
tokenizer, HF otherwise).
"""

from __future__ import annotations

from datatrove.data import Document

from mot.fastcount import Counter, make_counter
from mot.decision import Drop
from mot.steps.ledger import DecisionStep


class TokenLength(DecisionStep):
    name = "token length"
    stage = "length"
    batch_size = 64

    def __init__(self, ledger_folder: str, max_tokens: int, tokenizer: str, chat_template: str):
        super().__init__(ledger_folder)
        self.max_tokens = max_tokens
        self.tokenizer_name = tokenizer
        self.chat_template = chat_template
        self._count: Counter | None = None

    def setup(self) -> None:
        self._count = make_counter(self.tokenizer_name, self.chat_template)

    def decide_batch(self, docs: list[Document]) -> list[Drop | None]:
        assert self._count is not None
        counts = self._count([doc.metadata["messages"] for doc in docs])
        drops: list[Drop | None] = []
        for doc, count in zip(docs, counts, strict=True):
            doc.metadata["num_tokens"] = count
            self.stat_update("tokens", value=count)
            too_long = count > self.max_tokens
            drops.append(Drop("too_long", f"{count} tokens > {self.max_tokens}") if too_long else None)
        return drops
