"""Hints that hold a command paste into a shell as they are."""
from __future__ import annotations

import subprocess

from loa.core.problems import problem, shell_word


def test_a_path_with_spaces_and_vietnamese_stays_one_word_in_bash() -> None:
    path = 'content/Hòa giải "mới" $HOME `x`.md'
    hint = problem("LOA212", path).hint
    command = hint.split("chạy: ", 1)[1].split(" để ", 1)[0]
    words = subprocess.run(["bash", "-c", f"printf '%s\\n' {command}"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    assert words == ["loa", "doctor", "--fix", path]


def test_plain_paths_are_left_bare() -> None:
    assert shell_word("content/hoa-giai/a.md") == "content/hoa-giai/a.md"
    assert shell_word("content/a b.md") == '"content/a b.md"'
