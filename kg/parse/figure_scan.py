"""Find figures in free prose: "killing at least eleven soldiers", "ten were captured".

:func:`scan_figures` reads a sentence with the same number grammar as infobox values
(:mod:`kg.parse.figure_core`), then keeps a number only when a counted noun follows it within a
few words or a casualty word says what happened to it; years, days of dates, clock times and
ordinals are not figures. The words are data (``data/lexicons/quantities.toml``, ``[prose]``, and
``data/lexicons/casualties.toml``, ``[prose]``). Rules, beyond the number grammar:

* **Category after** the number: a casualty verb after an auxiliary or at once ("ten were
  killed", "ten killed"), a casualty noun after a word or two ("eleven militia deaths"), after a
  pronoun ("more than 40 others injured", "nine more missing").
* **Category before** it: "killing 40", "the deaths of 12"; with a counted noun only, "losing
  about 30 men", "eliminated 75 fighters", "burned 12 houses"; a total, "the death toll climbed
  to 23", "deaths passed 400" (a lower bound only); "leaving nine soldiers and two civilians dead".
* **Shared** by a list: figures joined by commas, "and", "or" share the casualty word said once
  before or after them ("six soldiers, one civilian and four gunmen were killed" is three
  figures killed) and the qualifier of the first ("at least 12 soldiers and 40 militants" are two
  lower bounds).
* **Vague** words ("dozens of", "several") give a figure with no bounds and the vague word kept:
  no number is invented for them.
* **Not casualties**: a number after "the release of", "freed", "exchanged" (prisoners set free).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .categories import casualty_category, category_lexicon
from .figure_core import WORD, Draft, Figure, make_draft, skip, word_kind
from .figure_lexicon import lazy_figure_grammar, norm
from .prose_figure_words import ProseWords, key_of, prose_words

__all__ = ["scan_figures", "list_runs", "casualty_words_end", "ProseWords", "prose_words"]

_G = lazy_figure_grammar()


def _ends(text: str, pos: int, which: str) -> bool:
    """True when the words before *pos* may end one of the phrases of pattern *which*: a cheap
    test before the pattern, which looks for them anywhere in its window."""
    words = text[max(0, pos - 24) : pos].split()
    return bool(words) and words[-1].casefold() in prose_words().ends[which]


def _prose_unit(text: str, pos: int) -> tuple[int, int, str] | None:
    """Counted noun right after a number in prose: (start, end, kind) or None."""
    words = []
    for wm in re.finditer(r"[^\W\d_][\w'’-]*|\S", text[pos : pos + 120]):
        if not wm.group(0)[0].isalpha():
            break
        words.append((pos + wm.start(), pos + wm.end(), wm.group(0)))
        if len(words) > _G.noun_window + 2:
            break
    best = None
    i = plain = 0
    while i < len(words) and i <= _G.noun_window:
        matched = 0
        for size in (3, 2, 1):
            if i + size <= len(words):
                phrase = " ".join(w[2] for w in words[i : i + size])
                kind = word_kind(phrase)
                if kind and not (size == 1 and norm(phrase) in _G.category_words):
                    best = (words[0][0], words[i + size - 1][1], kind)
                    matched = size
                    break
        if matched:
            i += matched
            continue
        if best is not None:
            break
        token = words[i][2]
        if norm(token) in _G.stop or _G.prose_core.match(text, words[i][0]):
            break
        if token.islower() and "-" not in token:
            plain += 1
            if plain > 2:
                break
        i += 1
    return best


def _prose_category(text: str, pos: int) -> str | None:
    """A casualty word after a figure: a verb after an auxiliary or at once ("were killed",
    "killed"), a noun after at most two other words ("militia deaths"), within the verb window."""
    aux = False
    gap = 0
    words = prose_words()
    nouns = words.nouns
    while gap <= _G.verb_window:
        pos = skip(text, pos)
        if pos >= len(text) or text[pos] in '.;:!?,()"“”':
            return None
        am = _G.auxiliary.match(text, pos)
        if am and am.end() > pos:
            aux = True
            pos = am.end()
            continue
        cm = _G.category_list.match(text, pos)
        if cm and (aux or gap == 0 or (gap <= 2 and norm(cm.group(0)) in nouns)):
            after = skip(text, cm.end())
            if _G.prose_core.match(text, after) and after < len(text):
                return None  # "killed 40": the number after is the figure
            category = casualty_category(cm.group(0))
            if not aux and norm(cm.group(0)) not in nouns and category not in words.intransitive:
                wm = WORD.match(text, after)
                if wm and norm(wm.group(0)) in words.objects:
                    return None  # "fighters captured it": active, the figure did it
            return category
        nm = _G.prose_core.match(text, pos)
        if nm and nm.end() > pos:
            return None
        wm = WORD.match(text, pos)
        if not wm or norm(wm.group(0)) in _G.clause:
            return None
        pos = wm.end()
        gap += 1
    return None


def _left_in_state(text: str, pos: int) -> str | None:
    """The fate word of "left/leaving N ... dead": within the window, in the same clause."""
    words = prose_words()
    for count, wm in enumerate(re.finditer(r"[^\s.,;:!?()\"“”]+|[.,;:!?()\"“”]", text[pos : pos + 160])):
        token = norm(wm.group(0))
        if count > words.leave_window or not token[0].isalnum() or (token in _G.clause and token not in ("and", "or")):
            return None
        if token in words.leave_states:
            return words.leave_states[token]
    return None


def _partitive(text: str, pos: int) -> tuple[int, int, str] | None:
    """ "12 of his colleagues being killed": (noun start, noun end, category), or None."""
    pm = prose_words().partitive.match(text, pos)
    if pm is None:
        return None
    for group in ("n1", "n2"):
        if pm.group(group) is None or norm(pm.group(group)) in _G.category_words:
            break
        category = _prose_category(text, pm.end(group))
        if category:
            return pm.start("n1"), pm.end(group), category
    return None


def _prose_rejected(text: str, m: re.Match[str], *, partitive: bool = False) -> bool:
    start, end = m.start(), m.end()
    before = text[max(0, start - 40) : start]
    number = m.group("n1") or ""
    day = number.isdigit() and 1 <= int(number) <= 31 and not m.group("n2")
    if day and (_G.month_before.search(before) or _G.month_after.match(text, end)):
        return True  # "July 4", "16 June"
    if _G.clock_after.match(text, m.end("n1") if m.group("n1") else end) and number:
        return True
    if _G.not_after.search(before):
        return True
    if _G.not_before.match(text, end) and not partitive:
        return True
    digits = number.replace(",", "")
    if number and not m.group("n2") and digits.isdigit() and len(digits) == 4 and "," not in number:
        word = WORD.match(text, skip(text, end))
        if word is None or not word_kind(word.group(0)):
            return True  # a year, unless a counted noun follows at once ("5000 men")
    return False


def _before(text: str, start: int, has_noun: bool, d: Draft) -> str | None:
    """The category a word before the number gives it (may make *d* a lower bound: "passed 500")."""
    window = text[max(0, start - 80) : start]
    bm = _G.before_category.search(window[-60:])
    if bm:
        return casualty_category(bm.group("w")) or category_lexicon().before.get(norm(bm.group("w")))
    words = prose_words()
    am = words.along.search(window) if _ends(text, start, "along") else None
    if am:  # "was killed in combat, along with 400 soldiers"
        return casualty_category(am.group("w"))
    tm = words.toll.search(window) if _ends(text, start, "toll") else None
    if tm:
        verb = key_of(tm.group("verb"))
        if verb in words.toll_open and d.min is not None:
            d.max = None
        return words.toll_nouns.get(key_of(tm.group("noun")))
    if has_noun and _ends(text, start, "with_noun"):
        wm = words.with_noun.search(window)
        if wm:
            return words.with_noun_categories.get(key_of(wm.group("w")))
    return None


_OF_THE = re.compile(r"\bof\s+(?:the\s+)?$", re.I)


@dataclass(slots=True)
class _Candidate:
    draft: Draft
    qualified: bool  # the number has a qualifier of its own ("at least", "about", "+")
    following: str | None  # category from a casualty word after it
    before: str | None  # category from a word before it
    unit_end: int  # where its counted words (or pronoun, or core) end
    weak: str | None = None  # "lost 3 BMP-2, ...": a word before it that needs a counted noun, none read
    whole: bool = False  # "of the nine trucks, four ...": the whole a partitive splits, no list member


def _candidates(text: str) -> list[_Candidate]:
    words = prose_words()
    found: list[_Candidate] = []
    previous: tuple[_Candidate, int] | None = None
    for m in _G.prose_core.finditer(text):
        if m.end() == m.start() or not (m.group("n1") or m.group("between") or m.group("vague") or m.group("unk")):
            continue
        d = make_draft(m)
        part = (
            _partitive(text, m.end()) if d is not None and m.group("n1") and text.startswith(" of ", m.end()) else None
        )
        if d is None or _prose_rejected(text, m, partitive=part is not None):
            continue
        if _ends(text, m.start(), "not_after") and words.not_after.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "the release of 300 prisoners": no casualties
        if d.vague is not None and d.vague != "unknown":
            d.min = d.max = None  # "dozens", "several": no number is invented
        core_end = m.end()
        end = core_end
        unit: tuple[int, int, str | None] | None
        if part is not None:  # "12 of his colleagues": a part of the noun counted
            unit = (part[0], part[1], word_kind(text[part[0] : part[1]]))
        else:
            unit = _prose_unit(text, core_end)
            head = WORD.match(text, skip(text, unit[1])) if unit else None
            if head and norm(head.group(0)).rstrip(".") in words.compound_heads:
                continue  # "several police stations": not the police
        if unit:
            d.unit = text[unit[0] : unit[1]]
            d.kind = unit[2]
            end = unit[1]
        else:
            pm = words.pronoun.match(text, core_end)
            if pm:
                end = pm.end()  # "40 others injured": the pronoun stands for the counted noun
        cm = _G.category_list.match(text, skip(text, end))
        if words.freed.match(text, end) or (cm and words.freed.match(text, cm.end())):
            continue  # "300 prisoners were released": no casualties
        following = _prose_category(text, end)
        if following and d.kind == "formation" and _G.category_list.match(text, skip(text, end)):
            d.kind = None  # "two army casualties": people of the army, not armies
        before = None
        if following is None:
            if _ends(text, m.start(), "leave") and words.leave_before.search(text[max(0, m.start() - 20) : m.start()]):
                before = _left_in_state(text, end)
            if before is None:
                before = _before(text, m.start(), unit is not None, d)
        if d.unit is None and previous is not None:
            pc, pstart = previous
            if re.fullmatch(r"\s*,\s*", text[pc.draft.end : m.start()]) and _OF_THE.search(
                text[max(0, pstart - 12) : pstart]
            ):
                d.unit, d.kind = pc.draft.unit, pc.draft.kind
        d.end = end if unit else core_end
        qualified = bool((m.group("quals") or "").strip() or m.group("suffix") or m.group("q2") or m.group("mid"))
        cand = _Candidate(d, qualified, following, before, end)
        if unit is None and following is None and before is None and _ends(text, m.start(), "with_noun"):
            wm = words.with_noun.search(text[max(0, m.start() - 60) : m.start()])
            cand.weak = words.with_noun_categories.get(key_of(wm.group("w"))) if wm else None
        cand.whole = bool(_OF_THE.search(text[max(0, m.start() - 12) : m.start()]) and re.match(r"\s*,", text[end:]))
        found.append(cand)
        previous = (cand, m.start())
    return found


def _share(text: str, cands: list[_Candidate]) -> None:
    """Spread the casualty word and the qualifier a list of figures says once (see the module)."""
    words = prose_words()
    runs: list[list[_Candidate]] = []
    for c in cands:
        if runs and not runs[-1][-1].whole and words.separator.match(text[runs[-1][-1].unit_end : c.draft.start]):
            runs[-1].append(c)
        else:
            runs.append([c])
    for run in runs:
        if len(run) < 2:
            continue
        shared: dict[int, str] = {}
        for i in range(len(run) - 1, -1, -1):  # "X and Y were killed": back from the verb
            follows = run[i].following
            if follows:
                for j in range(i - 1, -1, -1):
                    if run[j].following or run[j].before:
                        break
                    shared.setdefault(j, follows)
        for i, c in enumerate(run):  # "killing X and Y": on from the word before
            if (c.before or c.weak) and not c.following:
                for j in range(i + 1, len(run)):
                    if run[j].following or run[j].before:
                        break
                    if c.before or run[j].draft.unit:
                        shared.setdefault(j, c.before or c.weak)  # type: ignore[arg-type]
        for j, category in shared.items():
            run[j].before = category
        first = run[0]
        if first.qualified and (first.following or first.before):
            lower_only = first.draft.max is None and first.draft.min is not None
            upper_only = first.draft.min is None and first.draft.max is not None
            for c in run[1:]:
                if c.qualified or not (c.following or c.before) or c.draft.min is None:
                    continue
                c.draft.approximate = c.draft.approximate or first.draft.approximate
                if lower_only:
                    c.draft.max = None
                elif upper_only:
                    c.draft.min = None


def casualty_words_end(text: str, pos: int) -> int | None:
    """Where the casualty words right after *pos* end ("dozens of| casualties"), or None."""
    m = _G.category_list.match(text, skip(text, pos))
    return m.end() if m else None


def list_runs(text: str, figures: list[Figure]) -> list[list[Figure]]:
    """The figures of *text* grouped in lists ("120 dead, 90 wounded, and 14 prisoners ..."):
    figures joined by commas, "and", "or", maybe after a casualty word, in text order."""
    sep = prose_words().separator
    runs: list[list[Figure]] = []
    for f in sorted(figures, key=lambda f: f.start):
        if runs and sep.match(text[runs[-1][-1].end : f.start]):
            runs[-1].append(f)
        else:
            runs.append([f])
    return runs


def scan_figures(text: str) -> list[Figure]:
    """Find figures in free prose (one sentence or a paragraph); offsets are into *text*.

    A number is a figure when a counted noun follows it within a few words, or a casualty
    word names what happened to it ("ten were captured", "killing at least 40"), or it shares
    one with the figures of its list. Years, days of dates, clock times, ordinals, "one of" and
    prisoners set free are not figures. A vague word gives a figure with no bounds.
    """
    cands = _candidates(text)
    _share(text, cands)
    found: list[Figure] = []
    for c in cands:
        d = c.draft
        d.category = c.following or c.before
        if d.unit is None and d.category is None:
            continue
        if d.vague is not None and d.unit is None and d.vague in _G.alone and not c.following:
            continue  # "the capture of several key cities": a bare "several" needs its noun
        found.append(d.figure(text))
    return found
