"""Posts and scripts made one explainer at a time are kept for the next
build at a cost that grows with what was made, not with the site: the
forked copy makes them page by page, and a pass over every explainer for
each one was quadratic (about 7 s of a 4,242-explainer first build)."""
from __future__ import annotations

from types import SimpleNamespace

from loa.outputs.broadcast import Broadcast
from loa.outputs.social_posts import Posts

N = 300


class _Passes(tuple):
    """A tuple that counts the loops over it."""
    count = 0

    def __iter__(self):
        type(self).count += 1
        return super().__iter__()


class _Memo:
    def __init__(self) -> None:
        self.kept: dict[str, object] = {}

    def of(self, kind: str, e) -> str:
        return f"{kind}:{e.slug}"

    def keep(self, kind: str, key: str, value) -> None:
        self.kept[key] = value


def _explainers() -> _Passes:
    _Passes.count = 0
    return _Passes(SimpleNamespace(slug=f"bai-{i}", lang="vi") for i in range(N))


def test_posts_made_one_at_a_time_are_kept_in_one_pass():
    memo = _Memo()
    ctx = SimpleNamespace(memo=memo, catalog=SimpleNamespace(topics={}))
    posts = Posts(ctx)
    posts._chosen = _explainers()
    for i in range(N):
        posts._memorise({f"bai-{i}": {"zalo": f"bài {i}"}})
    assert memo.kept == {f"posts:bai-{i}": {"zalo": f"bài {i}"} for i in range(N)}
    assert _Passes.count == 1  # was one per explainer made


def test_scripts_made_one_at_a_time_are_kept_in_one_pass():
    memo = _Memo()
    ctx = SimpleNamespace(memo=memo, msgs=SimpleNamespace(lang="vi"))
    broadcast = Broadcast(ctx)
    broadcast._explainers = _explainers()
    for i in range(N):
        broadcast._memorise({f"bai-{i}": f"kịch bản {i}"})
    broadcast._memorise({"khong-co": "không phải bài của trang"})  # not an explainer here: not kept
    assert memo.kept == {f"broadcast:bai-{i}": f"kịch bản {i}" for i in range(N)}
    assert _Passes.count == 1
