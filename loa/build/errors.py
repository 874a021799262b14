"""The exceptions a build raises about where it writes, each carrying a Problem.

Adapters print `exc.problem` with `format_problem` (or `str(exc)`, which is
the same message and hint) and choose the exit status; nothing here prints.
"""
from __future__ import annotations

from loa.core.model import Problem
from loa.core.problems import problem
from loa.i18n import Messages, messages


class BuildStopped(RuntimeError):
    """A build step refused or failed before anything in the target changed."""

    def __init__(self, found: Problem, msgs: Messages | None = None) -> None:
        hint_word = (msgs or messages()).get("problems.hint")
        super().__init__(f"{found.message}\n  {hint_word} {found.hint}" if found.hint else found.message)
        self.problem = found

    @classmethod
    def of(cls, code: str, path: str, *, msgs: Messages | None = None, **params: object) -> "BuildStopped":
        return cls(problem(code, path, msgs=msgs, **params), msgs)


class UnsafeTarget(BuildStopped):
    """The target folder is the project, the content, a file, or someone's own folder."""


class BuildBusy(BuildStopped):
    """Another build holds the lock of this target."""


class AsideFailed(BuildStopped):
    """The folder to build into could not be made; the target is untouched."""


class CommitFailed(BuildStopped):
    """The new site could not be put in place; the old site is untouched."""
