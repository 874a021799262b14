"""Plain Vietnamese text written out as it is read aloud, for the commune
loudspeaker (issue 15 item 3).

Numbers become words ("mười lăm", "hai mươi mốt", "một trăm lẻ năm"), dates
"ngày mười lăm tháng năm năm hai nghìn không trăm hai mươi sáu", document
numbers "số ba mươi lăm năm hai nghìn không trăm mười ba, Quốc hội khóa
mười ba", percentages "mười một phần trăm", phone numbers digit by digit
in the groups they are written in. Abbreviations and signs come from the
rules table (loa/content/spoken.py); the number words from the message
catalogue (broadcast.po), so this module holds no Vietnamese of its own.
It owns the reading rules "and nothing more".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from loa.core.model import SpokenRules
from loa.i18n import Messages
from loa.text.folding import fold, words

# The issuer's letters may hold a D with stroke (U+0110, U+0111), as in NĐ-CP.
_DOCUMENT = re.compile(r"(?<![\w/])(\d{1,4})/(\d{4})/([A-Z\u0110][A-Za-z\u0110\u0111]*(?:-[A-Z\u0110][A-Za-z\u0110\u0111]*)*?)"
                       r"(\d*)(?![\w/-])")
_DATE = re.compile(r"(?<![\w/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\w/]|[.,]\d)")
_MONTH_YEAR = re.compile(r"(?<![\w/.,])(\d{1,2})/(\d{4})(?![\w/]|[.,]\d)")
_FRACTION = re.compile(r"(?<![\w/.,])(\d+)/(\d+)(?![\w/]|[.,]\d)")
_PHONE = re.compile(r"(?<![\w.,/+])(\+84[ .]?|0)(\d{2,3})((?:[ .\u00a0-]?\d{2,4}){2,3})(?![\w]|[.,]\d|/)")
_SHORT = re.compile(r"(?<![\w.,/])(11[1-5])(?![\w]|[.,]\d|/)")
# 1.500.000 (dots between thousands), 3,5 (a decimal comma), or digits.
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\w]|[.,]\d)")
ID_DIGITS = 7  # a run of this many digits or more, without thousands dots, is read digit by digit
_GLUED = re.compile(r"(\d)(%|[^\W\d_]+)")  # 11% -> 11 %, 500.000đ -> 500.000 đ


@dataclass(frozen=True)
class Words:
    """The words numbers are read with, from the catalogue."""

    digits: tuple[str, ...]
    ten: str
    tens: str
    hundred: str
    scales: tuple[str, ...]
    one_after_tens: str
    four_after_tens: str
    five_after_ten: str
    zero_tens: str
    point: str
    over: str
    day: str
    month: str
    year: str
    april: str
    cues: tuple[tuple[str, str], ...]  # folded words with their marks
    number: str
    of: str
    first: str
    plus: str

    @classmethod
    def of_catalogue(cls, say: Messages) -> "Words":
        n = "broadcast.number."
        return cls(tuple(say("broadcast.digits").split()), say(n + "ten"), say(n + "tens"), say(n + "hundred"),
                   tuple(say(n + "scales").split()), say(n + "one_after_tens"), say(n + "four_after_tens"),
                   say(n + "five_after_ten"), say(n + "zero_tens"), say(n + "point"), say(n + "over"),
                   say("broadcast.date.day"), say("broadcast.date.month"), say("broadcast.date.year"),
                   say("broadcast.date.april"), tuple(words(say("broadcast.date.cues"))),
                   say("broadcast.document.number"), say("broadcast.document.of"), say(n + "first"),
                   say("broadcast.phone.plus"))


class Reader:
    """Writes out one language's text by one rules table."""

    def __init__(self, rules: SpokenRules, say: Messages, call_words: tuple[str, ...] = ()) -> None:
        self.w = Words.of_catalogue(say)
        self.rules = rules
        self.documents = dict(rules.documents)
        self.call_words = tuple(fold(c) for c in call_words if c.strip())
        # Longest first, so "HLHPN" is read before "LHPN" could be.
        written = sorted((w for w, _ in rules.words), key=len, reverse=True)
        self.spoken = {w.casefold(): s for w, s in rules.words}
        self._words = re.compile(r"(?<![\w])(" + "|".join(re.escape(w) for w in written) + r")(?![\w])",
                                 re.IGNORECASE) if written else None
        # "Ủy ban nhân dân (UBND) xã": the expansion is already said.
        self._said = re.compile("|".join(f"(?<=({re.escape(s)}))\\s*\\({re.escape(w)}\\)" for w, s in rules.words),
                                re.IGNORECASE) if rules.words else None

    # Numbers ----------------------------------------------------------------------

    def cardinal(self, n: int) -> str:
        """A whole number in words: 2026 -> hai nghìn không trăm hai mươi sáu."""
        if n == 0:
            return self.w.digits[0]
        groups = []
        while n:
            groups.append(n % 1000)
            n //= 1000
        words: list[str] = []
        for i in range(len(groups) - 1, -1, -1):
            g = groups[i]
            if g == 0:
                continue
            words += self._hundreds(g, full=i < len(groups) - 1)
            if i:
                words += self._scale(i)
        return " ".join(words)

    def _scale(self, i: int) -> list[str]:
        # thousand, million, billion, then thousand billion, million billion...
        s = self.w.scales
        return ([s[(i - 1) % 3]] if (i - 1) % 3 < len(s) else []) + [s[-1]] * ((i - 1) // 3)

    def _hundreds(self, g: int, full: bool) -> list[str]:
        """Up to three digits; `full` when a higher group comes first, which
        names the hundreds even when they are zero (nghìn không trăm...)."""
        d = self.w.digits
        h, t, u = g // 100, g // 10 % 10, g % 10
        out: list[str] = []
        if h or full:
            out += [d[h], self.w.hundred]
        if t == 0:
            if u and out:
                out.append(self.w.zero_tens)
            if u:
                out.append(d[u])
            return out
        out += [self.w.ten] if t == 1 else [d[t], self.w.tens]
        if u == 5:
            out.append(self.w.five_after_ten)
        elif u == 1 and t > 1:
            out.append(self.w.one_after_tens)
        elif u == 4 and t > 1:
            out.append(self.w.four_after_tens)
        elif u:
            out.append(d[u])
        return out

    def ordinal(self, n: int) -> str:
        """Thứ nhất, thứ hai, thứ tư: the word after "thứ"."""
        return self.w.first if n == 1 else self.w.four_after_tens if n == 4 else self.cardinal(n)

    def digits(self, text: str) -> str:
        return " ".join(self.w.digits[int(c)] for c in text if c.isdigit())

    def number(self, whole: str, decimals: str | None = None) -> str:
        if "." not in whole and (len(whole) >= ID_DIGITS or (whole.startswith("0") and len(whole) > 1)):
            return self._digit_group(whole)  # 079123456789 is an identifier, not a quantity
        spoken = self.cardinal(int(whole.replace(".", "")))
        if decimals:  # 3,25: ba phẩy hai mươi lăm; 0,05: không phẩy không năm
            tail = self.digits(decimals) if decimals.startswith("0") else self.cardinal(int(decimals))
            spoken += f" {self.w.point} {tail}"
        return spoken

    def date(self, day: int, month: int, year: int | None) -> str:
        month_words = self.w.april if month == 4 else self.cardinal(month)
        out = f"{self.w.day} {self.cardinal(day)} {self.w.month} {month_words}"
        return out + (f" {self.w.year} {self.cardinal(year)}" if year is not None else "")

    # Text -------------------------------------------------------------------------

    def read(self, text: str) -> str:
        """One line of plain text as it is read out."""
        text = _DOCUMENT.sub(lambda m: self._document(m, text), text)
        text = _DATE.sub(lambda m: self._date(m, text), text)
        text = _MONTH_YEAR.sub(self._month_year, text)
        text = _PHONE.sub(self._phone, text)
        text = _SHORT.sub(lambda m: self._short(m, text), text)
        text = _FRACTION.sub(lambda m: f"{self.number(m.group(1))} {self.w.over} {self.number(m.group(2))}", text)
        text = _GLUED.sub(lambda m: f"{m.group(1)} {m.group(2)}" if m.group(2).casefold() in self.spoken
                          else m.group(0), text)
        text = self._abbreviations(text)
        text = _NUMBER.sub(lambda m: self.number(m.group(1), m.group(2)), text)
        return " ".join(text.split())

    def _before(self, text: str, start: int, count: int = 1) -> list[tuple[str, str]]:
        """The last words before `start`, with their marks: "số" is not "sở"."""
        return words(text[max(0, start - 40):start])[-count:]

    def _document(self, m: re.Match, text: str) -> str:
        number, year, code, suffix = m.groups()
        issuer = self.documents.get(code)
        if issuer is None:
            issuer = " ".join(self._abbreviations(part) for part in code.split("-"))
            if suffix:
                issuer += " " + self.cardinal(int(suffix))
        else:
            issuer = issuer.replace("{n}", self.cardinal(int(suffix)) if suffix else "").strip()
        said = self._before(text, m.start()) == words(self.w.number)
        named = fold(issuer).removeprefix(fold(self.w.of)).strip()
        if named and named in fold(text[m.end():m.end() + 80]):
            issuer = ""  # "... 14/2019/QĐ-TTg ngày 13/3/2019 của Thủ tướng Chính phủ": said once
        head = ("" if said else self.w.number + " ") + f"{self.cardinal(int(number))} {self.w.year} " \
            f"{self.cardinal(int(year))}"
        if not issuer:
            return head
        joiner = " " if issuer.split(" ", 1)[0] == self.w.of else ", "
        return head + joiner + issuer

    def _date(self, m: re.Match, text: str) -> str:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m.group(0)
        if year is None and not set(self._before(text, m.start(), 3)) & set(self.w.cues):
            return m.group(0)  # 1/2 alone is a fraction: read later as one over two
        spoken = self.date(day, month, int(year) if year else None)
        if self._before(text, m.start()) == words(self.w.day):
            spoken = spoken.split(" ", 1)[1]  # "ngày 15/5/2026": one "ngày"
        return spoken

    def _month_year(self, m: re.Match) -> str:
        month, year = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            return m.group(0)
        return f"{self.w.april if month == 4 else self.cardinal(month)} {self.w.year} {self.cardinal(year)}"

    def _phone(self, m: re.Match) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        international = m.group(1).startswith("+")
        if not (len(digits) in (10, 11) or (international and len(digits) in (11, 12))):
            return m.group(0)  # a citizen ID or another long number: read digit by digit later
        rest = re.split(r"[ .\u00a0-]", m.group(3).strip(" .\u00a0-"))
        first = [self.w.plus + " " + self.digits("84"), self.digits(m.group(2))] if international \
            else [self.digits(m.group(1) + m.group(2))]
        return ", ".join(first + [self._digit_group(g) for g in rest if g])

    def _digit_group(self, group: str) -> str:
        # A long run written without separators (3827525) is read in threes, the last four at most.
        if len(group) > 4:
            head = len(group) - 4 if len(group) % 3 == 1 else len(group) - 3
            return self._digit_group(group[:head]) + ", " + self._digit_group(group[head:])
        return self.digits(group)

    def _short(self, m: re.Match, text: str) -> str:
        near = " ".join(f for f, _ in self._before(text, m.start(), 3))
        if any(c in near for c in self.call_words) or not text[:m.start()].strip(" -•*\t"):
            return self.digits(m.group(1))
        return m.group(0)

    def _abbreviations(self, text: str) -> str:
        if self._words is None:
            return text
        if "(" in text:
            text = self._said.sub("", text)
        return self._words.sub(lambda m: self.spoken[m.group(1).casefold()], text)
