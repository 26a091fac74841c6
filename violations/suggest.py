"""Suggest catalogue entries from a report's Indonesian text (the chronology as it is typed, or a news story).

Rules, not a model: each entry's words (``SuggestionRule``, loaded from violations/data/suggestion_rules.txt
and editable beside the catalogue) are matched against the text after both went through the same
normalisation — lower case, slang and abbreviations rewritten (``LexiconEntry``: "timses" → "tim sukses",
"paslon" → "pasangan calon", "serangan fajar" → "politik uang"), then Indonesian stemming (PySastrawi:
"memasang" → "pasang", "dikampanyekan" → "kampanye"). The words of a term may stand up to three words apart
("memasang sebuah spanduk"). A term right after a negation ("tidak", "bukan", "belum", "jangan") does not
count. Context words count near a core match (same or neighbouring sentence).

The stage — before or after the candidates were fixed — is read from the incident date and the election
(``Election.stage_on``): the same act is a code-of-ethics breach before (NTR-04) and a disciplinary one after
(NTR-16), so a pair of counterpart codes shares its words and the stage picks the code. Without a date the
text is asked (its "bakal calon" / "pasangan calon", or a date it names), and failing that today's date.
Below a threshold it says nothing: a report with no fitting entry is filed as "not in the catalogue".
"""

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import timezone

MAX_GAP = 3  # words allowed between two words of a term ("ikut serta dalam kegiatan kampanye")
THRESHOLD = 3.5  # below this raw score an entry is not suggested
RELATIVE_CUT = 0.65  # ... nor when it scores less than this share of the best one
MAX_RESULTS = 5
EXTRA_CORE_BONUS, EXTRA_CORE_MAX = 0.5, 2
OFF_STAGE_FACTOR = 0.9  # an entry of the other stage that has no counterpart
NEGATORS = frozenset({"tidak", "bukan", "belum", "jangan"})
NEGATION_REACH = 2

TOKEN = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*")
SENTENCE_END = re.compile(r"[.!?;\n]+(?:\s|$)|\n")
URL = re.compile(r"https?://\S+|www\.\S+")
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11, "desember": 12,
    "des": 12,
}  # fmt: skip
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
WORDED_DATE = re.compile(r"\b(\d{1,2})\s+([a-z]+)\s+(\d{4})\b")

# Cues in the text (in their normalised form) for the stage and the election, when no date is given.
STAGE_CUES = {
    "bakal_calon": ["bakal calon", "bakal pasangan calon", "sebelum penetapan", "belum tetap", "penjaringan"],
    "calon": ["pasangan calon", "nomor urut", "masa kampanye", "setelah penetapan", "sudah tetap", "calon legislatif"],
}
ELECTION_CUES = {
    "pilkada": ["pilkada", "calon bupati", "calon gubernur", "calon wali kota", "calon kepala daerah", "bupati",
                "gubernur", "wali kota", "walikota", "pemilihan kepala daerah"],
    "pemilu": ["pemilu", "calon legislatif", "calon presiden", "dpr", "dprd", "dpd", "presiden", "legislatif"],
}  # fmt: skip


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    return _stemmer().stem(word) or word


class Analyzer:
    """Text → sentences of normalised tokens, with the lexicon applied longest-match first."""

    def __init__(self, lexicon: dict[str, str]):
        self.lexicon = {" ".join(TOKEN.findall(_fold(k))): tuple(TOKEN.findall(_fold(v))) for k, v in lexicon.items()}
        self.lexicon = {k: v for k, v in self.lexicon.items() if k}
        self.longest = max((len(k.split()) for k in self.lexicon), default=1)
        # Words the lexicon produces are canonical already: never stemmed ("pasangan" stays, "relawan" too).
        self.protected = {word for replacement in self.lexicon.values() for word in replacement}

    def tokens(self, text: str) -> list[str]:
        raw = TOKEN.findall(_fold(URL.sub(" ", text)))
        out: list[str] = []
        i = 0
        while i < len(raw):
            for size in range(min(self.longest, len(raw) - i), 0, -1):
                key = " ".join(raw[i : i + size])
                if key in self.lexicon:
                    out.extend(self.lexicon[key])
                    i += size
                    break
            else:
                word = raw[i]
                if word in self.protected or word in NEGATORS:
                    out.append(word)
                else:
                    # A stemmed slang word may be one the lexicon knows ("berswafoto" → "swafoto" → "foto").
                    root = stem(word)
                    out.extend(self.lexicon.get(root, (root,)))
                i += 1
        return out

    def sentences(self, text: str) -> list[list[str]]:
        return [tokens for part in SENTENCE_END.split(text or "") if (tokens := self.tokens(part))]

    def term(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokens(text))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return text.replace("’", "'").replace("‘", "'")


def find(term: tuple[str, ...], sentence: list[str]) -> list[int]:
    """Start positions where the term's words occur in order, each within MAX_GAP words of the previous one,
    and not right after a negation (unless the term holds the negation itself)."""
    found = []
    negatable = not (set(term) & NEGATORS)
    for start, word in enumerate(sentence):
        if word != term[0]:
            continue
        position, ok = start, True
        for part in term[1:]:
            window = sentence[position + 1 : position + 2 + MAX_GAP]
            if part not in window:
                ok = False
                break
            position = position + 1 + window.index(part)
        if not ok:
            continue
        before = sentence[max(0, start - NEGATION_REACH) : start]
        if negatable and NEGATORS & set(before):
            continue
        found.append(start)
    return found


@dataclass
class Group:
    name: str
    weight: float
    terms: list[tuple[str, tuple[str, ...]]]  # (as written, normalised)

    @property
    def is_core(self) -> bool:
        return self.name.startswith("core")

    @property
    def is_veto(self) -> bool:
        return self.name == "not"


def parse_rules(text: str, analyzer: Analyzer) -> list[Group]:
    """``<group>:<weight> = term | term`` lines into groups (a bad line raises ValueError naming it)."""
    groups = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, sep, body = line.partition("=")
        name, _colon, weight = head.strip().partition(":")
        try:
            value = float(weight) if weight.strip() else 1.0
        except ValueError:
            raise ValueError(f"line {number}: weight {weight.strip()!r} is not a number") from None
        if not sep or not name.strip():
            raise ValueError(f"line {number}: write <group>:<weight> = term | term")
        terms = [(t.strip(), analyzer.term(t)) for t in body.split("|") if t.strip()]
        terms = [(written, norm) for written, norm in terms if norm]
        if terms:
            groups.append(Group(name.strip().lower(), value, terms))
    return groups


@dataclass(frozen=True)
class Entry:
    """A current catalogue entry as the engine sees it."""

    code: str
    title: str
    stage: str  # bakal_calon, calon, any
    counterpart: str
    activity_id: int | None = None


@dataclass
class Suggestion:
    code: str
    score: float  # 0..1, for people; ``raw`` is what the thresholds compare
    title: str
    raw: float
    activity_id: int | None = None
    matched: list[str] = field(default_factory=list)


@dataclass
class Context:
    stage: str
    election: object | None
    how: str  # "date", "text", "text-date", "today"
    day: dt.date | None = None


@dataclass
class Engine:
    analyzer: Analyzer
    entries: dict[str, Entry]
    rules: dict[str, list[Group]]  # by code, as stored
    elections: list = field(default_factory=list)

    def acts(self) -> list[tuple[list[str], list[Group]]]:
        """Groups of codes for one act (a code and its counterpart) with the rules they share."""
        seen, acts = set(), []
        for code in sorted(self.entries):
            if code in seen:
                continue
            codes = [code]
            other = self.entries[code].counterpart
            if other and other in self.entries and other not in seen:
                codes.append(other)
            seen.update(codes)
            groups = [g for c in codes for g in self.rules.get(c, [])]
            if groups:
                acts.append((codes, groups))
        return acts

    def score(self, groups: list[Group], sentences: list[list[str]]) -> tuple[float, list[str]]:
        core_hits: dict[str, float] = {}
        core_sentences: set[int] = set()
        hits: list[tuple[Group, str, int]] = []
        for group in groups:
            for written, term in group.terms:
                for index, sentence in enumerate(sentences):
                    if find(term, sentence):
                        hits.append((group, written, index))
        if any(group.is_veto for group, _w, _i in hits):
            return 0.0, []
        for group, written, index in hits:
            if group.is_core:
                core_hits[written] = max(core_hits.get(written, 0.0), group.weight)
                core_sentences.add(index)
        if not core_hits:
            return 0.0, []
        raw = max(core_hits.values()) + EXTRA_CORE_BONUS * min(EXTRA_CORE_MAX, len(core_hits) - 1)
        near = {i + d for i in core_sentences for d in (-1, 0, 1)}
        context_groups = {id(g): g for g, _w, i in hits if not g.is_core and not g.is_veto and i in near}
        raw += sum(g.weight for g in context_groups.values())
        matched = list(core_hits) + sorted({w for g, w, i in hits if id(g) in context_groups and i in near})
        return raw, matched

    def pick(self, codes: list[str], stage: str) -> tuple[str, float]:
        """The code of the act for this stage, and a factor when only the other stage's code exists."""
        for code in codes:
            if self.entries[code].stage in (stage, "any"):
                return code, 1.0
        return codes[0], OFF_STAGE_FACTOR

    def context(self, sentences, *, day=None, election=None, today=None) -> Context:
        """The stage: from the date given; else the text's own cues; else a date in the text; else today."""
        flat = " ".join(" ".join(s) for s in sentences)
        if election is None:
            election = self._election_from_text(flat)
        if day is not None:
            election = election or self._election_for(day)
            return Context(election.stage_on(day) if election else "calon", election, "date", day)
        stage = self._stage_from_text(sentences)
        if stage:
            return Context(stage, election, "text")
        found = self._date_in_text(sentences)
        how = "text-date" if found else "today"
        day = found or today or timezone.localdate()
        election = election or self._election_for(day)
        return Context(election.stage_on(day) if election else "calon", election, how, day)

    def suggest(self, text: str, *, day=None, election=None, today=None, limit: int = MAX_RESULTS):
        sentences = self.analyzer.sentences(text)
        ctx = self.context(sentences, day=day, election=election, today=today)
        found = []
        for codes, groups in self.acts():
            raw, matched = self.score(groups, sentences)
            if raw <= 0:
                continue
            code, factor = self.pick(codes, ctx.stage)
            raw *= factor
            entry = self.entries[code]
            found.append(Suggestion(code, _confidence(raw), entry.title, raw, entry.activity_id, matched))
        found = [s for s in found if s.raw >= THRESHOLD]
        if found:
            best = max(s.raw for s in found)
            found = [s for s in found if s.raw >= RELATIVE_CUT * best]
        found.sort(key=lambda s: (-s.raw, s.code))
        return found[:limit], ctx

    # --- reading the text for the stage and the election ------------------------------------------------

    def _cue_count(self, sentences, cues) -> int:
        return sum(len(find(self.analyzer.term(cue), s)) for cue in cues for s in sentences)

    def _stage_from_text(self, sentences) -> str | None:
        before = self._cue_count(sentences, STAGE_CUES["bakal_calon"])
        after = self._cue_count(sentences, STAGE_CUES["calon"]) - self._cue_count(sentences, ["bakal pasangan calon"])
        if before > after:
            return "bakal_calon"
        if after > before:
            return "calon"
        return None

    def _election_from_text(self, flat: str):
        kinds = []
        for kind, cues in ELECTION_CUES.items():
            terms = [" ".join(self.analyzer.term(c)) for c in cues]
            if any(re.search(rf"\b{re.escape(t)}\b", flat) for t in terms if t):
                kinds.append(kind)
        if len(kinds) != 1:
            return None
        return next((e for e in self.elections if e.kind == kinds[0]), None)

    def _election_for(self, day: dt.date):
        """The election a date most likely concerns: the next vote on or after it, else the latest one."""
        upcoming = sorted((e for e in self.elections if e.voting_day >= day), key=lambda e: e.voting_day)
        if upcoming:
            return upcoming[0]
        past = sorted(self.elections, key=lambda e: e.voting_day)
        return past[-1] if past else None

    def _date_in_text(self, sentences) -> dt.date | None:
        return None  # the raw text is needed: see suggest_text()


def _confidence(raw: float) -> float:
    return round(1 - math.exp(-raw / 4), 2)


def date_in_text(text: str) -> dt.date | None:
    """The first full date a story names ("Senin (14/10/2024)", "14 Oktober 2024"), if any."""
    folded = _fold(text)
    candidates = []
    for match in NUMERIC_DATE.finditer(folded):
        day, month, year = (int(g) for g in match.groups())
        year = year + 2000 if year < 100 else year
        candidates.append((match.start(), _date(year, month, day)))
    for match in WORDED_DATE.finditer(folded):
        month = MONTHS.get(match.group(2))
        if month:
            candidates.append((match.start(), _date(int(match.group(3)), month, int(match.group(1)))))
    dates = [d for _pos, d in sorted(candidates, key=lambda c: c[0]) if d is not None]
    return dates[0] if dates else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None
    return found if 2000 <= year <= 2100 else None


# --- loading from the database ---------------------------------------------------------------------------


def build_engine(*, entries, rules: dict[str, str], lexicon: dict[str, str], elections) -> Engine:
    analyzer = Analyzer(lexicon)
    parsed = {code: parse_rules(text, analyzer) for code, text in rules.items()}
    return Engine(analyzer, {e.code: e for e in entries}, parsed, list(elections))


_cache: dict = {}


def load_engine() -> Engine:
    """The engine for the catalogue in force, rebuilt when the catalogue, its rules or the lexicon change."""
    from pledges.models import Election

    from .models import LexiconEntry, ProhibitedActivity, SuggestionRule

    current = list(ProhibitedActivity.objects.current().order_by("code"))
    rules = dict(SuggestionRule.objects.values_list("code", "rules"))
    lexicon = dict(LexiconEntry.objects.values_list("term", "replacement"))
    elections = list(Election.objects.filter(is_active=True))
    stamp = (
        tuple((a.pk, a.code) for a in current),
        hash(frozenset(rules.items())),
        hash(frozenset(lexicon.items())),
        tuple((e.pk, e.candidates_fixed_on, e.voting_day) for e in elections),
    )
    if _cache.get("stamp") != stamp:
        entries = [Entry(a.code, a.title, a.stage, a.counterpart_code, a.pk) for a in current]
        _cache["engine"] = build_engine(entries=entries, rules=rules, lexicon=lexicon, elections=elections)
        _cache["stamp"] = stamp
    return _cache["engine"]


def suggest_text(text: str, *, day: dt.date | None = None, election=None, today: dt.date | None = None):
    """(suggestions best first, context) for a text, with the catalogue in force."""
    engine = load_engine()
    if day is None:
        # A date the story itself names stands in for the incident date, after the text's stage words.
        sentences = engine.analyzer.sentences(text)
        if engine._stage_from_text(sentences) is None:
            day = date_in_text(text)
            if day is not None:
                suggestions, ctx = engine.suggest(text, day=day, election=election, today=today)
                ctx.how = "text-date"
                return suggestions, ctx
    return engine.suggest(text, day=day, election=election, today=today)
