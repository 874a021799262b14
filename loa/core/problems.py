"""The catalogue of problems: permanent code -> severity; words in problems.po.

Codes never change meaning once published, so authors and tools can look
them up. The message says what happened; the hint says what to do. Their
words live in the message catalogue, `loa/i18n/<lang>/problems.po`, under
"LOA130.message" and "LOA130.hint": `str.format` templates filled from the
keyword arguments of `problem()`. A new code is one line here and two
entries in loa/i18n/vi/problems.po (tests/test_catalogue.py checks both).

Ranges: LOA10x files, LOA11x YAML, LOA12x fields, LOA13x references,
LOA14x dates, LOA15x slugs and aliases, LOA16x links, LOA17x registries,
LOA18x images in the text,
LOA2xx safety, encodings and the URL ledger, LOA5xx social posts,
LOA9xx site configuration.
"""
from __future__ import annotations

from loa.core.model import Problem, Severity
from loa.i18n import SOURCE_LANGUAGE, Messages, messages

E, W = Severity.ERROR, Severity.WARNING

CATALOGUE: dict[str, Severity] = {
    # Files
    "LOA100": E,
    "LOA101": E,
    "LOA102": E,
    "LOA103": E,
    "LOA104": E,
    "LOA105": E,
    # YAML
    "LOA110": E,
    "LOA111": E,
    "LOA112": E,
    "LOA113": E,
    "LOA114": E,
    "LOA115": E,
    # Fields
    "LOA120": E,
    "LOA121": E,
    "LOA122": E,
    "LOA123": W,
    "LOA124": E,
    # References
    "LOA130": E,
    "LOA131": E,
    "LOA132": E,
    "LOA133": E,
    # Dates
    "LOA140": E,
    "LOA141": E,
    "LOA142": W,
    # Slugs and aliases
    "LOA150": E,
    "LOA151": E,
    "LOA152": E,
    "LOA153": E,
    # Links
    "LOA160": E,
    "LOA161": E,
    "LOA162": E,
    "LOA163": E,
    "LOA164": E,
    # Images in the text
    "LOA180": E,
    "LOA181": E,
    "LOA182": E,
    "LOA183": E,
    "LOA184": E,
    "LOA185": E,
    "LOA186": E,
    "LOA187": W,
    # Registries
    "LOA170": E,
    "LOA171": E,
    "LOA172": E,
    # Safety
    "LOA200": E,
    "LOA201": E,
    "LOA202": E,
    "LOA203": E,
    "LOA204": E,
    # Legacy encodings
    "LOA210": W,
    "LOA211": W,
    "LOA212": W,
    # URL ledger
    "LOA220": E,
    # Files, YAML budget and bounds (content checks)
    "LOA106": E,
    "LOA107": E,
    "LOA108": E,
    "LOA109": E,
    "LOA116": E,
    "LOA117": E,
    "LOA125": E,
    "LOA126": E,
    "LOA173": E,
    "LOA174": E,
    "LOA175": E,
    "LOA205": E,
    # Law status and review dates (issue 10 items 1-3: laws.yml status, loa/content/lawstatus.py, lawcheck.py)
    "LOA300": E,
    "LOA301": E,
    "LOA302": E,
    "LOA303": E,
    "LOA304": E,
    "LOA305": E,
    "LOA310": W,
    "LOA311": E,
    "LOA312": W,
    "LOA313": W,
    "LOA314": W,
    # Withdrawn explainers, outdated words, the review list (issue 10 items 4-6:
    # loa/content/withdrawal.py, outdated.py, review.py)
    "LOA330": E,
    "LOA331": E,
    "LOA332": E,
    "LOA333": E,
    "LOA334": W,
    "LOA340": E,
    "LOA341": W,
    "LOA342": W,
    "LOA353": W,
    # Social posts
    "LOA500": E,
    "LOA501": E,
    "LOA502": W,
    "LOA503": W,
    "LOA504": W,
    "LOA505": W,
    # Staff and readers polish (issue 16): the header's short name (settings.py),
    # a placeholder site_url at `loa build` / `loa publish` (adapters/cli_polish.py)
    "LOA600": E,
    "LOA601": W,
    "LOA602": E,  # a link to a section the explainer does not have (content/sections.py)
    # Reports: the posting log content/posted.csv (loa/content/postlog.py)
    # and `loa report`'s access logs, period and output (loa/reports/)
    "LOA400": E,
    "LOA401": E,
    "LOA402": E,
    "LOA403": E,
    "LOA404": E,
    "LOA405": E,
    "LOA406": E,
    "LOA407": E,
    "LOA408": E,
    "LOA409": E,
    "LOA410": E,
    "LOA411": E,
    # Glossary and loudspeaker scripts (issue 15 items 1 and 3): content/glossary.yml
    # (loa/content/glossary.py), content/spoken-words.yml (loa/content/spoken.py)
    "LOA440": E,
    "LOA441": E,
    "LOA442": E,
    "LOA443": E,
    "LOA444": E,
    "LOA450": E,
    "LOA451": E,
    "LOA452": E,
    # The search thesaurus (issue 13: content/thesaurus.yml, loa/content/thesaurus.py)
    "LOA620": E,
    "LOA621": E,
    "LOA622": E,
    "LOA623": E,
    "LOA624": E,
    "LOA625": E,
    # Khmer explainers (issue 11): language, translations, Khmer words, Khmer text
    "LOA800": E,
    "LOA801": E,
    "LOA802": E,
    "LOA803": E,
    "LOA804": E,
    "LOA805": E,
    "LOA806": E,
    "LOA807": E,
    "LOA808": E,
    "LOA810": E,
    "LOA811": E,
    "LOA812": W,
    "LOA813": W,
    "LOA814": W,
    "LOA815": W,  # a translation older than its original (translations.stale)
    "LOA420": E,
    "LOA421": W,
    "LOA422": E,
    "LOA423": E,
    # Leaflets (issue 12 item 1: `loa print`, loa/outputs/leaflets/)
    "LOA700": E,
    "LOA701": E,
    "LOA702": E,
    "LOA703": E,
    # The law bookcase (issue 12 item 2: `loa bookcase`, loa/bookcase/)
    "LOA720": E,
    "LOA721": E,
    "LOA722": E,
    "LOA723": E,
    # Listening and writing from Word (issue 15 items 2 and 4): recordings
    # (content/recordings.py, outputs/recordings.py), `loa new`, `loa import` (loa/authoring/)
    "LOA470": E,
    "LOA471": E,
    "LOA472": E,
    "LOA473": E,
    "LOA474": E,
    "LOA475": W,
    "LOA476": E,
    "LOA480": W,
    "LOA481": W,
    "LOA482": W,
    "LOA483": W,
    "LOA484": W,
    "LOA485": W,
    "LOA486": W,
    "LOA487": W,
    "LOA488": W,
    "LOA490": E,
    "LOA491": E,
    "LOA492": E,
    "LOA493": E,
    # Site configuration
    "LOA900": E,
    # Where a build writes (loa/build/target.py, lock.py, swap.py)
    "LOA901": E,
    "LOA902": E,
    "LOA903": E,
    "LOA904": E,
    "LOA905": E,
    "LOA906": E,
    "LOA907": E,
    "LOA908": E,
    "LOA909": W,
}


def problem(code: str, path: str, line: int = 0, *, msgs: Messages | None = None,
            **params: object) -> Problem:
    """Build the Problem for `code`, filling its templates from `params`."""
    severity, message, hint = texts(code, msgs)
    params.setdefault("path", path)
    return Problem(
        path=path,
        line=line,
        code=code,
        severity=severity,
        message=message.format(**params),
        # Hints hold commands to paste: a path with spaces must stay one word.
        hint=hint.format(**{**params, "path": shell_word(str(params["path"]))}),
    )


def texts(code: str, msgs: Messages | None = None) -> tuple[Severity, str, str]:
    """The severity, message and hint templates of `code`.

    An entry still written the old way, (severity, message, hint), keeps
    working while it is moved to problems.po; tests/test_catalogue.py fails
    until it is."""
    entry = CATALOGUE[code]
    if not isinstance(entry, Severity):
        return entry
    msgs = msgs or messages(SOURCE_LANGUAGE)
    return entry, msgs.raw(f"{code}.message"), msgs.raw(f"{code}.hint")


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:")


def shell_word(text: str) -> str:
    """`text` as one word for a shell: double quotes, which bash, PowerShell
    and cmd.exe all read, and which keep Vietnamese letters readable."""
    if text and all(ch in _PLAIN for ch in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'


def format_problem(p: Problem, msgs: Messages | None = None) -> str:
    """One line per problem, `path:line: lỗi CODE: message`, then the hint.

    Problems about a whole file point at its first line, so every line has
    the same shape for editors and tools."""
    msgs = msgs or messages(SOURCE_LANGUAGE)
    kind = msgs.get("problems.error" if p.is_error else "problems.warning")
    head = f"{p.path}:{max(p.line, 1)}: {kind} {p.code}: {p.message}"
    if not p.hint:
        return head
    hint = p.hint.replace("\n", "\n    ")
    return f"{head}\n  {msgs.get('problems.hint')} {hint}"


def as_dict(p: Problem, strict: bool = False) -> dict[str, object]:
    """A problem for tools. `fails` says whether it fails the run: every
    error does, and with --strict every warning too."""
    return {
        "path": p.path,
        "line": p.line,
        "code": p.code,
        "severity": p.severity.value,
        "fails": p.is_error or strict,
        "message": p.message,
        "hint": p.hint,
    }
