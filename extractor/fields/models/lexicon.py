"""Models' lexicon: the tables compiled from ``patterns/models.yaml`` (and the level words
of ``places.yaml``), the window sizes, and the helpers every construction shares."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ...record import Level, Locality, PlaceRef
from ...rules import Rules
from ...text import chars
from ...text.norm import fold, tone_key
from ...text.segment import ArticleText

log = logging.getLogger(__name__)

#: A model's name has at most this many words (longer is a clause, not a name).
MAX_NAME_WORDS = 22
#: An unquoted "mô hình …" outside a list names a model in at most this many words.
MAX_SINGLE_WORDS = 12
#: A cue within this many characters before a list marker opens a list of any items.
MAX_CUE_DISTANCE = 90
#: A cue further back, up to this many characters within the sentence ("các mô hình tiêu
#: biểu của các đơn vị … đang phát huy hiệu quả, như: “A”, …"), opens a list only when the
#: list itself opens on a quoted name, a cue or a named group.
MAX_FAR_CUE = 320
#: Longest quoted name (characters, and words).
MAX_QUOTED = 220
MAX_QUOTED_WORDS = 30
#: A cue stands at most this many characters before its quoted name.
CUE_LOOKBACK = 90
#: A name's owner-and-place tail is read in at most this many characters.
TAIL_WINDOW = 240
#: A list body is read in at most this many characters after its marker.
LIST_WINDOW = 2400
#: An owner before a quoted list item ("Ban CHQS huyện X với “A”") has at most this many characters.
MAX_OWNER = 120
#: Per sentence, at most this many list markers, quotes and "mô hình" are read (bounds the work
#: on a pathological sentence; real sentences hold a handful).
MAX_PER_SENTENCE = 120
#: At most this many models per article (the name dedup is pairwise).
MAX_MODELS = 300
#: The relevance gate reads this many characters either side of a model's name.
GATE_WINDOW = 400

_OPEN = "“\"«„"
#: Upper-case letters of Vietnamese (``re`` has no ``\p{Lu}``).
_UPPER = chars.UPPER_LETTERS
_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“"}

#: The model's level of a unit named by a level word of ``patterns/places.yaml`` (a city is
#: taken for a district: "thành phố Bắc Kạn" under its province).
_LEVEL_OF_LABEL = {"commune": Level.commune, "district": Level.district, "city": Level.district,
                   "province": Level.province}
_RANK = {Level.commune: 0, Level.district: 1, Level.province: 2, Level.village: 3}


@dataclass
class _Lex:
    level_of: dict[str, Level]   # level word (places.yaml) -> the unit's level
    place_re: re.Pattern[str]    # a level word and up to four words of its name
    cues: dict[str, bool]        # cue -> quoted only
    kinds: set[str]
    group_kinds: set[str]
    markers: list[str]
    list_blockers: set[str]
    rivals: list[str]            # campaign, programme … nouns that take a list from a far cue
    hard_blockers: set[str]
    generic: set[str]
    captions: list[str]
    cue_adjectives: list[str]
    clause_verbs: list[str]
    subject_kinds: list[str]
    caption_verbs: list[str]
    tails: list[str]
    bare_owners: list[str]       # an owner unit right after a name ("… Chi hội bản Lụ")
    movement: set[str]
    movement_prefixes: tuple[str, ...]   # tone_keys of motto openings ("Dân vận khéo thì")
    fields: list[tuple[str, list[str]]]
    bridges: list[str]           # words between a cue and its quoted name ("mô hình đột phá “…”")
    openers: list[str]           # sentence openers that are never a name ("Được biết")
    persons: list[str]           # a person's title: "chị Lò Thị A" is no model
    owner_heads: list[str]       # lower-case words after "của" that open an owner ("của hội viên …")
    article_gate: list[str]      # words that make a whole article about the movement
    local_gate: list[str]        # mass-mobilisation words that make one model's context relevant
    weak_gate: list[str]         # words of which two make it relevant
    rx: dict[str, re.Pattern] = field(default_factory=dict)  # the stage's regexes (:func:`_regexes`)


def _level_words(rules: Rules) -> dict[str, Level]:
    """Level words of units a model may lie in (``patterns/places.yaml``, ``level_words``): the
    communes', districts', cities' and provinces', without address abbreviations ("Q.") and
    words known only with their unit's name ("đặc khu")."""
    out: dict[str, Level] = {}
    for r in rules.file("places").section("level_words"):
        data = r.data or {}
        if r.label in _LEVEL_OF_LABEL and not data.get("abbrev") and not data.get("known_only"):
            out.update(dict.fromkeys(r.phrases, _LEVEL_OF_LABEL[r.label]))
    return out


def _place_regex(level_words: list[str]) -> re.Pattern[str]:
    return re.compile(r"""
    (?<![^\W_])(?<!hợp\ tác\ )(?<!Hợp\ tác\ )    # not the "xã" of "Hợp tác xã"
    (?P<level>""" + chars.alt(level_words, what="level words") + r""")
    \s+(?:biên\ giới\s+|vùng\ cao\s+)?            # "xã biên giới Tam Hợp"
    (?P<name>[^\W_]+(?:\s+[^\W_]+){0,3})        # up to four words; the capitalised ones are the name
""", re.VERBOSE)


def compile_models(rules: Rules) -> _Lex:
    """The lexicons of ``patterns/models.yaml`` (level words from ``places.yaml``) and the
    stage's regexes built from them."""
    pf = rules.file("models")
    cues = {p: bool((r.data or {}).get("quoted_only")) for r in pf.section("cues") for p in r.phrases}
    level_of = _level_words(rules)
    lex = _Lex(
        level_of=level_of,
        place_re=_place_regex(list(level_of)),
        cues=cues,
        kinds={p for r in pf.section("kinds") for p in r.phrases},
        group_kinds={p for r in pf.section("kinds") if r.id == "mod.kind.group" for p in r.phrases},
        markers=sorted({p for r in pf.section("list_markers") for p in r.phrases}, key=len, reverse=True),
        list_blockers={p for r in pf.section("list_blockers") if not (r.data or {}).get("rival") for p in r.phrases},
        rivals=[p for r in pf.section("list_blockers") if (r.data or {}).get("rival") for p in r.phrases],
        hard_blockers={p for r in pf.section("list_blockers") if (r.data or {}).get("compare") for p in r.phrases},
        generic={p.lower() for r in pf.section("generic") for p in r.phrases},
        captions=[p for r in pf.section("caption_markers") for p in r.phrases],
        clause_verbs=[p for r in pf.section("clause_verbs") for p in r.phrases],
        cue_adjectives=[p for r in pf.section("cue_adjectives") for p in r.phrases],
        subject_kinds=[p for r in pf.section("subject_kinds") for p in r.phrases],
        caption_verbs=[p for r in pf.section("caption_verbs") for p in r.phrases],
        tails=[p for r in pf.section("owner_tails") if not (r.data or {}).get("bare") for p in r.phrases],
        bare_owners=[p for r in pf.section("owner_tails") if (r.data or {}).get("bare") for p in r.phrases],
        movement={tone_key(p) for r in pf.section("movement_names") if not (r.data or {}).get("prefix")
                  for p in r.phrases},
        movement_prefixes=tuple(tone_key(p) + " " for r in pf.section("movement_names")
                                if (r.data or {}).get("prefix") for p in r.phrases),
        fields=[(r.label, r.phrases) for r in pf.section("fields")],
        bridges=[p for r in pf.section("cue_bridges") for p in r.phrases],
        openers=[p for r in pf.section("openers") if not (r.data or {}).get("person") for p in r.phrases],
        persons=[p for r in pf.section("openers") if (r.data or {}).get("person") for p in r.phrases],
        owner_heads=[p for r in pf.section("owner_heads") for p in r.phrases],
        article_gate=[p for r in pf.section("gate") if r.id == "mod.gate.article" for p in r.phrases],
        local_gate=[p for r in pf.section("gate") if r.id == "mod.gate.local" for p in r.phrases],
        weak_gate=[p for r in pf.section("gate") if r.id == "mod.gate.weak" for p in r.phrases],
    )
    lex.rx.update(_regexes(lex))
    return lex


def _marker_regex(markers: list[str], flags: int) -> re.Pattern[str]:
    return re.compile(rf"""
            (?<![^\W_])(?:{chars.alt(markers, what="list markers")[3:-1]})(?![^\W_])\s*:?\s*     # "như:", "tiêu biểu như"
            (?P<cue>(?:các|những|một\ số)\s+(?:mô\ hình|điển\ hình)(?:\s+tiêu\ biểu)?\s*:\s*)?  # "như các mô hình:"
        """, re.VERBOSE | flags)


class _InText:
    """A match found in the lower-cased text, its groups read in the text itself."""

    __slots__ = ("_m", "_text")

    def __init__(self, m: re.Match[str], text: str):
        self._m, self._text = m, text

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)

    def group(self, group: int | str = 0) -> str | None:
        s = self._m.start(group)
        return None if s < 0 else self._text[s:self._m.end(group)]


def _regexes(lex: _Lex) -> dict[str, re.Pattern]:
    def alt(words) -> str:
        return chars.alt(words, what="models lexicon")[3:-1]  # the bare alternatives: callers group them

    return {
        # a cue, then at most three bridge words, right before a quote ("mô hình dân vận khéo về “…”")
        "cue_end": re.compile(rf"(?:^|(?<=\s))(?P<cue>{alt(lex.cues)})(?:\s+(?:{alt(lex.bridges)})){{0,3}}\s*:?\s*$"),
        "marker": _marker_regex(lex.markers, re.IGNORECASE),
        # the same, case-sensitive, for the lower-cased text (faster; :class:`_InText`)
        "marker_lower": _marker_regex([m.lower() for m in lex.markers], 0),
        "tail": re.compile(rf"""
            \s*(?:,\s*)?(?<![^\W_])(?<!nhà\ )(?:{alt(t for t in lex.tails if t != "của")})\s+  # ", tại thôn …", not "nhà ở"
          | \s*(?:,\s*)?(?<![^\W_])của\s+(?=[{_UPPER}0-9]|(?:{alt(lex.owner_heads)})(?![^\W_]))  # "của Hội …", not "của phụ nữ …"
          | \s*,?\s*\(\s*(?=(?:xã|phường|thị\ trấn|huyện|thôn|bản|TP|TX)\s)  # "(xã Hữu Kiên)"
          | \s*,\s*(?=(?:xã|phường|thị\ trấn|huyện|thị\ xã|thôn|bản|tổ\ dân\ phố)\s+[{_UPPER}0-9])  # ", xã Mai Pha"
          | \s+(?=(?:{alt(lex.bare_owners)})\s)                     # "… Chi hội bản Lụ"
          | \s+(?<!tác\ )(?=(?:xã|phường|thị\ trấn)\s+{chars.UPPER})     # "hát sli xã Hòa Bình"
        """, re.VERBOSE),
        # before a repeated cue or group, or after an owner in brackets ("A (Hội Nông dân tỉnh), B")
        "split": re.compile(rf"\s*[,;]\s*(?=(?:mô hình|Mô hình|{alt(lex.group_kinds)})\s)|(?<=\))\s*,\s*"),
        # a comma list of activities ("như: nuôi gà đồi, trồng bưởi Diễn, nuôi cá lồng")
        "split_activity": re.compile(rf"\s*,\s*(?=(?:{alt(k for k in lex.kinds if k not in lex.group_kinds)})\s)"),
        "activity_start": re.compile(rf"(?:[Mm]ô hình\s+)?(?:{alt(k for k in lex.kinds if k not in lex.group_kinds)})(?![^\W_])"),
        # "các mô hình tiêu biểu: …": a cue and its adjectives, then a colon
        "colon_list": re.compile(rf"""
            (?<![^\W_])(?:[Cc]ác|[Nn]hững|[Mm]ột\ số|[Nn]hiều|là|có|như|\d+)\s+   # "các", "3", "là" before the cue
            (?:mô\ hình|điển\ hình)
            (?:\s*,?\s*(?:{alt(lex.cue_adjectives)}))*\s*:\s*
        """, re.VERBOSE),
        # a list that opens on a model cue or a named group outweighs a blocker before it
        "strong_start": re.compile(r"(?:mô hình|Mô hình|HTX|Hợp tác xã|[Tt]ổ hợp tác|CLB|Câu lạc bộ)\s"),
        "opener": re.compile(rf"(?:{alt(lex.openers)})(?![^\W_])", re.IGNORECASE),
        "person": re.compile(rf"(?:{alt(lex.persons)})\s+[{_UPPER}]"),
        "article_gate": re.compile(rf"(?<![^\W_])(?:{alt(fold(w) for w in lex.article_gate)})(?![^\W_])"),
        "local_gate": re.compile(rf"(?<![^\W_])(?:{alt(fold(w) for w in lex.local_gate)})(?![^\W_])"),
        "weak_gate": re.compile(rf"(?<![^\W_])(?:{alt(fold(w) for w in lex.weak_gate)})(?![^\W_])"),
        # an owner before a quoted list item: "Ban CHQS huyện X với “A”", "Hội Phụ nữ xã Y có “B”"
        "owner_quote": re.compile(rf"""(?:[{_UPPER}][^“”"«»;:.!?]{{0,{MAX_OWNER}}}?\s)?
            (?:với|có|là|gồm)\s+(?:(?:các\s+)?(?:mô\ hình|điển\ hình)\s*)?$""", re.VERBOSE),
        "clause": re.compile(rf"(?<![^\W_])(?:{alt(lex.clause_verbs)})(?![^\W_])"),
        "quoted_part": re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»"),
        "copula_marker": re.compile(r"(?:là\s+)?(?:một\s+trong\s+những|(?:một\s+)?(?:mô hình|điển hình)\s+[“\"]?[Dd]ân vận khéo)"),
        "tail_segment": re.compile(rf"\s*(?:\(|(?:{alt(lex.tails)}|xã|phường|thị trấn|huyện|thị xã|quận|thành phố|tỉnh|thôn|bản|xóm|tổ dân phố|khu phố|ấp|TP|TX)\s)"),
        "self_cue": re.compile(r"(?:[Đđ]iển hình|[Tt]iêu biểu|[Nn]ổi bật)\s"),
        "subject_kind": re.compile(rf"(?:{alt(lex.subject_kinds)})\s"),
        "mo_hinh": re.compile(r"(?<![^\W_])[Mm]ô hình\s+"),
        "rival": re.compile(rf"(?<![^\W_])(?:{alt(lex.rivals)})(?![^\W_])", re.IGNORECASE),
        "one_model": re.compile(r"(?<![^\W_])một\s+(?:mô hình|điển hình)\s*$"),
        "cue_word": re.compile(r"(?<![^\W_])(?:mô hình|Mô hình|điển hình|HTX|hợp tác xã)(?![^\W_])"),
        # an unquoted name ends at punctuation (not at an abbreviation "(THT)") or a verb
        "single_stop": re.compile(r"[,.;:]|\sẢNH(?![^\W_])|\sẢnh:|\((?![A-ZĐ]{2,8}\))|\s(?:là|đã|được|đang|với|nhằm|góp phần|giúp|tạo|mang lại|và)\s"),
        "caption": re.compile(rf"""
            (?:(?P<comma>\s*,\s*|\s+[-–]\s+)(?:(?P<verb1>{alt(lex.caption_verbs)})\s+)?  # ", một trong …", " – là …"
              |\s+(?P<verb2>{alt(lex.caption_verbs)})\s+)                       # " là một trong …"
            (?P<marker>{alt(lex.captions)})(?![^\W_])
        """, re.VERBOSE),
    }


# -- helpers ------------------------------------------------------------------------------

def _clean_name(name: str) -> str:
    """A model's name without quotation marks, ellipses, brackets or a leading "mô hình"."""
    name = re.sub(r"\s*\([^()]*\)", "", name)
    name = re.sub(r"^(?:các\s+|những\s+)?[Mm]ô hình\s+", "", name.strip())
    return name.strip(" \t,;:.…“”\"'«»-–")


def _is_movement(name: str, lex: _Lex) -> bool:
    key = tone_key(_clean_name(name).strip("“”\""))
    return key in lex.movement or (key + " ").startswith(lex.movement_prefixes)


def _field(text: str, lex: _Lex) -> str | None:
    low = fold(text)
    for label, words in lex.fields:
        if any(re.search(rf"(?<![^\W_]){re.escape(fold(w))}(?![^\W_])", low) for w in words):
            return label
    return None


def _place_in(doc: ArticleText, start: int, end: int, localities: list[Locality], lex: _Lex) -> PlaceRef | None:
    """The lowest unit named in ``text[start:end]``: a places-stage mention, else a level word."""
    best: tuple[int, int, PlaceRef] | None = None
    for loc in localities:
        for s, e in loc.mentions:
            if start <= s and e <= end and loc.level != Level.village:
                key = (_RANK[Level(loc.level)], s)
                if best is None or key < best[:2]:
                    best = (*key, PlaceRef(name=loc.name, level=loc.level, code=loc.code, province=loc.province))
    if best:
        return best[2]
    for m in lex.place_re.finditer(doc.text, start, end):
        level = lex.level_of.get(m.group("level"))
        words = []
        for w in m.group("name").split():
            if not (w[0].isupper() or w[0].isdigit()):
                break
            words.append(w)
        if level is None or not words:
            continue
        key = (_RANK[level], m.start())
        if best is None or key < best[:2]:
            best = (*key, PlaceRef(name=" ".join(words), level=level))
    return best[2] if best else None


