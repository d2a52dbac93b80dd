"""Number words and GTD's counting rules for figures found in text."""

from __future__ import annotations

import re

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    # vague quantities: GTD takes the lowest value the phrase allows
    "both": 2, "dozen": 12, "dozens": 24, "scores": 40, "hundred": 100, "hundreds": 200,
}


#: a figure or a quantifier of people followed by at most one word, at the end of the text searched: "twelve
#: soldiers killed" (the force's dead, not its act), "Several policemen died" (no count of one)
QUANTITY_BEFORE = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|many|several|both|"
                             r"all|some|dozens(?: of)?|hundreds(?: of)?|thousands(?: of)?)\s+(?:[\w'-]+\s+)?$",
                             re.IGNORECASE)


def parse_number(text: str) -> int | None:
    """``"84"`` → 84, ``"1,200"`` → 1200, ``"twenty-five"`` → 25, ``"dozens"`` → 24 (lowest plural reading)."""
    t = text.strip().lower()
    if re.fullmatch(r"\d[\d,]*", t):
        v = int(t.replace(",", ""))
        return v if v < 100000 else None
    parts = re.split(r"[- ]", t)
    total = 0
    for p in parts:
        if p not in _UNITS:
            return None
        v = _UNITS[p]
        total = total * v if v == 100 and total else total + v
    return total or None
