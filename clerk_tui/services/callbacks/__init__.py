"""Callback services (回访): callbacks the rules create, the queue, answers and what follows them.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.callbacks.answers import (
    Answer,
    CallbackChanged,
    apply_answers,
    record_answer,
)
from clerk_tui.services.callbacks.create import Generated, Sampled, generate, sample
from clerk_tui.services.callbacks.queue import QueueRow, load_queue

__all__ = [
    "Answer",
    "CallbackChanged",
    "Generated",
    "QueueRow",
    "Sampled",
    "apply_answers",
    "generate",
    "load_queue",
    "record_answer",
    "sample",
]
