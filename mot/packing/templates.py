"""Chat templates for training: mot's ChatML with ``{% generation %}`` markers (no torch here).

TRL's ``assistant_only_loss=True`` (and transformers' ``return_assistant_tokens_mask``) find the
trained tokens through ``{% generation %}`` / ``{% endgeneration %}`` markers in the chat template.
mot's counting template (:data:`mot.tokenizer.CHATML_TEMPLATE`) has none, and TRL cannot patch an
unknown template, so a TRL user who packs with TRL would get full-sequence loss or an error.
:data:`CHATML_GENERATION_TEMPLATE` renders byte-for-byte the same text (so ``num_tokens`` stays
exact) and marks each assistant turn's content plus its ``<|im_end|>``: the same tokens that
:func:`mot.packing.tokenize.tokenize_conversation` trains.

Example:
    >>> from mot.tokenizer import load_tokenizer
    >>> tok = load_tokenizer(chat_template=CHATML_GENERATION_TEMPLATE)
    >>> out = tok.apply_chat_template([{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}],
    ...                               return_assistant_tokens_mask=True, return_dict=True)
    >>> tok.decode([t for t, m in zip(out["input_ids"], out["assistant_masks"]) if m])
    'a<|im_end|>'
"""

from __future__ import annotations

CHATML_GENERATION_TEMPLATE = (
    "{% for message in messages %}"
    "{% if message['role'] == 'assistant' %}"
    "{{ '<|im_start|>assistant\\n' }}{% generation %}{{ message['content'] + '<|im_end|>' }}{% endgeneration %}{{ '\\n' }}"
    "{% else %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
