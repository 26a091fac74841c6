"""The sanction rules: a table a reader can check against the regulation, and the engine that reads it.

Pure functions, no database: the engine is handed the catalogue entries of a proven case (code, category,
stage, counterpart, legal basis, confidence), the stage at which the act was done (before or after the
election commission fixed the candidates), the ASN's employment type and the measures of their prior
sanctions, and answers with the level, the allowed measures (heaviest first), the articles, the rule that
fired and the steps that led there. ``shared/domain/sanctions.csv`` and ``reference.md`` §1–3 are the sources.

Reading order of the engine (each step is one row of ``STEPS`` and is printed in the explanation):

1. **Stage** (``STAGE``): an act filed under one stage's code but done at the other stage is judged under its
   counterpart (catalogue ``counterpart``): NTR-04 (a *bakal calon*, kode etik) done after candidate fixing
   is NTR-16 (a *calon*, disiplin berat), and the reverse.
2. **Heaviest** (``HEAVIEST``): several breaches found in one examination give one sanction, the heaviest.
3. **Category × employment** (``RULES``): the level and the measures the regulation allows for that
   category and that employment type (PNS, CPNS, PPPK — PP 49/2018 for PPPK, reference.md §1.5).
4. **Repeat** (``REPEAT``): a repeat offence climbs above the last sanction served: only the measures
   heavier than the heaviest prior one remain; when the level has none left, the next level's measures.

Disputed rows (``confidence`` other than ``confirmed``, in the catalogue or here) are reported as such.
"""

from dataclasses import dataclass, field

# --- the ladder (shared/domain/sanctions.csv) ----------------------------------------------------------

LEVELS = ("kode_etik", "ringan", "sedang", "berat", "uu_asn")
LEVEL_LABELS = {
    "kode_etik": "Sanksi moral (pelanggaran kode etik)",
    "ringan": "Hukuman disiplin ringan",
    "sedang": "Hukuman disiplin sedang",
    "berat": "Hukuman disiplin berat",
    "uu_asn": "Pemberhentian menurut UU ASN",
}
EMPLOYMENT_TYPES = ("PNS", "CPNS", "PPPK")
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Measure:
    code: str
    rank: int
    level: str
    text: str  # Indonesian, as the letter says it
    text_en: str
    duration_months: int | None
    interim: str  # what is executed while the 25% allowance cut cannot be applied ("" when not a cut)
    basis: str
    applies_to: str  # "all", "PNS" or "PPPK" (sanctions.csv)

    @property
    def is_allowance_cut(self) -> bool:
        return bool(self.interim)


MEASURES: dict[str, Measure] = {
    m.code: m
    for m in (
        # code, rank, level, measure_id, measure_en, months, interim_measure_id, basis, applies_to
        Measure("MORAL_TERTUTUP", 1, "kode_etik", "Pernyataan secara tertutup", "Closed written statement by the PPK",
                None, "", "PP 42/2004 Ps 15", "all"),
        Measure("MORAL_TERBUKA", 2, "kode_etik", "Pernyataan secara terbuka", "Open written statement by the PPK",
                None, "", "PP 42/2004 Ps 15", "all"),
        Measure("HD_R1", 3, "ringan", "Teguran lisan", "Oral reprimand", None, "", "PP 94/2021 Ps 8 ayat 2", "all"),
        Measure("HD_R2", 4, "ringan", "Teguran tertulis", "Written reprimand", None, "", "PP 94/2021 Ps 8 ayat 2",
                "all"),
        Measure("HD_R3", 5, "ringan", "Pernyataan tidak puas secara tertulis", "Written statement of dissatisfaction",
                None, "", "PP 94/2021 Ps 8 ayat 2", "all"),
        Measure("HD_S6", 6, "sedang", "Pemotongan tunjangan kinerja 25% selama 6 bulan",
                "25% performance-allowance cut for 6 months", 6, "Penundaan kenaikan gaji berkala 1 tahun",
                "PP 94/2021 Ps 8 ayat 3", "all"),
        Measure("HD_S9", 7, "sedang", "Pemotongan tunjangan kinerja 25% selama 9 bulan",
                "25% performance-allowance cut for 9 months", 9, "Penundaan kenaikan pangkat 1 tahun",
                "PP 94/2021 Ps 8 ayat 3", "all"),
        Measure("HD_S12", 8, "sedang", "Pemotongan tunjangan kinerja 25% selama 12 bulan",
                "25% performance-allowance cut for 12 months", 12, "Penurunan pangkat setingkat lebih rendah 1 tahun",
                "PP 94/2021 Ps 8 ayat 3", "all"),
        Measure("HD_B1", 9, "berat", "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
                "Demotion one level for 12 months", 12, "", "PP 94/2021 Ps 8 ayat 4", "PNS"),
        Measure("HD_B2", 10, "berat", "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
                "Release from position to an executing post for 12 months", 12, "", "PP 94/2021 Ps 8 ayat 4", "PNS"),
        Measure("HD_B3", 11, "berat", "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
                "Dismissal with honour not at own request", None, "", "PP 94/2021 Ps 8 ayat 4", "PNS"),
        Measure("PTDH", 12, "uu_asn", "Pemberhentian tidak dengan hormat",
                "Dismissal without honour (party membership)", None, "", "UU 20/2023 Ps 52", "PNS"),
        Measure("PPPK_B", 11, "berat",
                "Pemutusan hubungan perjanjian kerja dengan hormat tidak atas permintaan sendiri",
                "Contract ended with honour, not at own request", None, "", "PP 49/2018 Ps 53", "PPPK"),
        Measure("PPPK_PTDH", 12, "uu_asn", "Pemutusan hubungan perjanjian kerja tidak dengan hormat",
                "Contract ended without honour (party membership)", None, "", "PP 49/2018 Ps 53; UU 20/2023 Ps 52",
                "PPPK"),
    )
}  # fmt: skip


def measure(code: str) -> Measure:
    try:
        return MEASURES[code]
    except KeyError:
        raise UnknownFact(f"unknown measure code {code!r}; known: {', '.join(MEASURES)}") from None


# --- the rules ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    category: str  # catalogue category (kode_etik, disiplin_sedang, disiplin_berat, ptdh) or "" for a step
    employment: frozenset[str]
    level: str
    measures: tuple[str, ...]  # lightest first, as in the regulation
    basis: str
    text: str  # what the rule says, in the words of the letter
    confidence: str = CONFIRMED
    note: str = ""

    @property
    def is_disputed(self) -> bool:
        return self.confidence != CONFIRMED


ALL = frozenset(EMPLOYMENT_TYPES)
PNS = frozenset({"PNS"})

RULES: tuple[Rule, ...] = (
    Rule("KE-1", "kode_etik", ALL, "kode_etik", ("MORAL_TERTUTUP", "MORAL_TERBUKA"),
         "PP 42/2004 Ps 11 huruf c, Ps 15; SKB 2022 huruf A",
         "Pelanggaran kode etik dikenai sanksi moral yang dibuat tertulis dan dinyatakan oleh PPK, berupa "
         "pernyataan secara tertutup atau terbuka."),
    Rule("DS-1", "disiplin_sedang", ALL, "sedang", ("HD_S6", "HD_S9", "HD_S12"),
         "PP 94/2021 Ps 5 huruf n, Ps 8 ayat 3, Ps 13; PP 49/2018 Ps 52 (PPPK)",
         "Pelanggaran disiplin tingkat sedang dikenai pemotongan tunjangan kinerja 25% selama 6, 9 atau 12 bulan."),
    Rule("DB-PNS", "disiplin_berat", PNS, "berat", ("HD_B1", "HD_B2", "HD_B3"),
         "PP 94/2021 Ps 5 huruf n, Ps 8 ayat 4, Ps 14 huruf i",
         "Pelanggaran disiplin tingkat berat dikenai penurunan jabatan atau pembebasan dari jabatan selama 12 bulan, "
         "atau pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS."),
    Rule("DB-CPNS", "disiplin_berat", frozenset({"CPNS"}), "berat", ("HD_B3",),
         "PP 94/2021 Ps 8 ayat 4, Ps 14 huruf i; PP 11/2017 Ps 44",
         "CPNS belum memangku jabatan yang dapat diturunkan: hukuman disiplin berat bagi CPNS adalah pemberhentian.",
         confidence="unconfirmed",
         note="Pemetaan hukuman berat bagi CPNS belum terkonfirmasi dari teks resmi (reference.md §8)."),
    Rule("DB-PPPK", "disiplin_berat", frozenset({"PPPK"}), "berat", ("PPPK_B",),
         "PP 49/2018 Ps 52, Ps 53",
         "PPPK tidak memiliki jabatan struktural untuk diturunkan: pelanggaran berat mengakhiri perjanjian kerja "
         "dengan hormat tidak atas permintaan sendiri.",
         confidence="single_source",
         note="Satu sumber (reference.md §1.5); perjanjian kerja daerah dapat mengatur lain."),
    Rule("PTDH-PNS", "ptdh", frozenset({"PNS", "CPNS"}), "uu_asn", ("PTDH",),
         "UU 5/2014 Ps 87 ayat 4 huruf c; UU 20/2023 Ps 52",
         "Menjadi anggota dan/atau pengurus partai politik: pemberhentian tidak dengan hormat."),
    Rule("PTDH-PPPK", "ptdh", frozenset({"PPPK"}), "uu_asn", ("PPPK_PTDH",),
         "PP 49/2018 Ps 53; UU 20/2023 Ps 52",
         "PPPK yang menjadi anggota dan/atau pengurus partai politik: perjanjian kerja diputus tidak dengan hormat.",
         confidence="single_source"),
)  # fmt: skip

# The steps around the table (stage, several breaches, repeat): rows of their own, cited like the others.
STAGE = Rule("TAHAP", "", ALL, "", (), "SKB 2022 huruf A dan B; PKPU penetapan calon",
             "Perbuatan yang sama dinilai menurut tahapnya: sebelum penetapan calon (bakal calon) pelanggaran kode "
             "etik, sesudahnya (calon) pelanggaran disiplin.",
             confidence="unconfirmed", note="Pembacaan tahap dari rumusan SKB (reference.md §1.4).")  # fmt: skip
HEAVIEST = Rule("TERBERAT", "", ALL, "", (), "PP 94/2021 (beberapa pelanggaran dalam satu pemeriksaan)",
                "Beberapa pelanggaran yang ditemukan dalam satu pemeriksaan dijatuhi satu hukuman, yang terberat.",
                confidence="single_source")  # fmt: skip
REPEAT = Rule("ULANG", "", ALL, "", (), "PP 94/2021; praktik PP 53/2010 (sanksi progresif KASN 2020)",
              "Pelanggaran berulang dijatuhi hukuman yang lebih berat dari hukuman terakhir yang pernah dijalani.",
              confidence="single_source", note="Pasal PP 94/2021 untuk pengulangan belum terkonfirmasi.")  # fmt: skip
STEPS = (STAGE, HEAVIEST, REPEAT)

# The ladder each employment type climbs (a repeat offence above the table's level).
LADDER: dict[str, tuple[str, ...]] = {
    "PNS": ("MORAL_TERTUTUP", "MORAL_TERBUKA", "HD_R1", "HD_R2", "HD_R3", "HD_S6", "HD_S9", "HD_S12", "HD_B1",
            "HD_B2", "HD_B3", "PTDH"),
    "CPNS": ("MORAL_TERTUTUP", "MORAL_TERBUKA", "HD_R1", "HD_R2", "HD_R3", "HD_S6", "HD_S9", "HD_S12", "HD_B3",
             "PTDH"),
    "PPPK": ("MORAL_TERTUTUP", "MORAL_TERBUKA", "HD_R1", "HD_R2", "HD_R3", "HD_S6", "HD_S9", "HD_S12", "PPPK_B",
             "PPPK_PTDH"),
}  # fmt: skip
CATEGORY_WEIGHT = {"kode_etik": 1, "disiplin_sedang": 2, "disiplin_berat": 3, "ptdh": 4}


class UnknownFact(ValueError):
    """A code, stage, employment type or measure the rules do not know (a clear message for the user)."""


@dataclass(frozen=True)
class Item:
    """What the engine needs of one catalogue entry (violations.ProhibitedActivity or catalogue.csv)."""

    code: str
    category: str
    stage: str  # bakal_calon, calon, any
    counterpart: str = ""
    legal_basis: str = ""
    confidence: str = CONFIRMED
    title: str = ""


@dataclass(frozen=True)
class Step:
    rule_id: str
    text: str
    basis: str
    disputed: bool = False


@dataclass
class Result:
    level: str
    measures: list[Measure]  # heaviest first
    rule: Rule
    basis: list[str]
    steps: list[Step]
    judged: list[Item]  # the entries as judged (counterparts swapped in), heaviest first
    disputed: list[str] = field(default_factory=list)  # why staff must read it with care

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def is_disputed(self) -> bool:
        return bool(self.disputed)

    def lines(self) -> list[str]:
        """The command's output: level, one line per measure (heaviest first), articles, rule."""
        out = [f"level={self.level}"]
        out += [f"measure={m.code} {m.text}" for m in self.measures]
        out.append(f"basis={'; '.join(self.basis)}")
        out.append(f"rule={self.rule.id}")
        return out

    def snapshot(self) -> dict:
        """What a recommendation keeps of the engine's answer (JSON), so the letter explains it for ever."""
        return {
            "level": self.level,
            "measures": [m.code for m in self.measures],
            "rule": self.rule.id,
            "basis": self.basis,
            "steps": [
                {"rule": s.rule_id, "text": s.text, "basis": s.basis, "disputed": s.disputed} for s in self.steps
            ],
            "judged": [i.code for i in self.judged],
            "disputed": self.disputed,
        }


def rule_for(category: str, employment: str) -> Rule:
    for rule in RULES:
        if rule.category == category and employment in rule.employment:
            return rule
    raise UnknownFact(f"no rule for category {category!r} and employment type {employment!r}")


def _judged_item(item: Item, stage: str | None, catalogue: dict[str, Item], steps: list[Step]) -> Item:
    if stage is None or item.stage in ("any", "") or item.stage == stage:
        return item
    if item.counterpart and item.counterpart in catalogue:
        other = catalogue[item.counterpart]
        when = "sebelum" if stage == "bakal_calon" else "sesudah"
        steps.append(
            Step(STAGE.id, f"{item.code} dilakukan {when} penetapan calon: dinilai sebagai {other.code} "
                 f"({other.category}).", STAGE.basis, STAGE.is_disputed)
        )  # fmt: skip
        return other
    when = "sebelum" if stage == "bakal_calon" else "sesudah"
    steps.append(
        Step(STAGE.id, f"{item.code} dilakukan {when} penetapan calon dan tidak mempunyai padanan di tahap itu: "
             "dinilai menurut kategorinya sendiri.", STAGE.basis, True)
    )  # fmt: skip
    return item


def _heaviest_prior(prior: list[str]) -> Measure | None:
    known = [measure(code) for code in prior if code]
    return max(known, key=lambda m: m.rank) if known else None


def recommend(
    items: list[Item], *, employment: str, stage: str | None = None, prior: list[str] = (), catalogue=None
) -> Result:
    """The recommendation for a proven case: see the module's docstring for the order of the steps.

    ``stage`` is "bakal_calon" or "calon" (None: not known, each entry is judged as filed); ``catalogue`` maps
    codes to Items for the counterparts; ``prior`` holds the measure codes of the ASN's earlier sanctions.
    """
    if not items:
        raise UnknownFact("a recommendation needs at least one catalogue entry")
    if employment not in EMPLOYMENT_TYPES:
        raise UnknownFact(f"unknown employment type {employment!r}; use one of {', '.join(EMPLOYMENT_TYPES)}")
    if stage not in (None, "bakal_calon", "calon"):
        raise UnknownFact(f"unknown stage {stage!r}; use bakal_calon (before) or calon (after)")
    catalogue = catalogue or {}
    steps: list[Step] = []
    judged = [_judged_item(item, stage, catalogue, steps) for item in items]
    for item in judged:
        if item.category not in CATEGORY_WEIGHT:
            raise UnknownFact(f"{item.code}: unknown category {item.category!r}")
    judged.sort(key=lambda i: (-CATEGORY_WEIGHT[i.category], i.code))
    if len(judged) > 1:
        steps.append(
            Step(HEAVIEST.id, f"{len(judged)} pelanggaran dalam satu pemeriksaan: satu hukuman, yang terberat "
                 f"({judged[0].code}, {judged[0].category}).", HEAVIEST.basis, HEAVIEST.is_disputed)
        )  # fmt: skip
    heaviest = judged[0]
    rule = rule_for(heaviest.category, employment)
    measures = [MEASURES[c] for c in rule.measures]
    level = rule.level
    steps.append(Step(rule.id, f"{heaviest.code} ({heaviest.category}), {employment}: {rule.text}",
                      rule.basis, rule.is_disputed))  # fmt: skip
    basis = [b for b in (heaviest.legal_basis, rule.basis) if b]
    fired = rule
    last = _heaviest_prior(list(prior))
    if last is not None and last.rank >= measures[0].rank:
        ladder = [MEASURES[c] for c in LADDER[employment]]
        above = [m for m in ladder if m.rank > last.rank]
        if above:
            level = above[0].level
            measures = [m for m in above if m.level == level]
            text = (f"Hukuman terakhir yang dijalani: {last.code} ({last.text}); hukuman baru harus lebih berat: "
                    f"{', '.join(m.code for m in measures)}.")  # fmt: skip
        else:
            measures = [ladder[-1]]
            level = ladder[-1].level
            text = f"Hukuman terakhir ({last.code}) sudah di puncak jenjang: {ladder[-1].code}."
        steps.append(Step(REPEAT.id, text, REPEAT.basis, REPEAT.is_disputed))
        basis.append(REPEAT.basis)
        fired = REPEAT
    elif last is not None:
        steps.append(
            Step(REPEAT.id, f"Hukuman terakhir ({last.code}) lebih ringan dari tingkat pelanggaran ini: tidak ada "
                 "kenaikan.", REPEAT.basis, False)
        )  # fmt: skip
    disputed = [f"{i.code}: {i.confidence}" for i in judged if i.confidence != CONFIRMED]
    disputed += [f"{s.rule_id}: {s.basis}" for s in steps if s.disputed]
    if fired is not rule and rule.is_disputed:
        disputed.append(f"{rule.id}: {rule.confidence}")
    basis += [m.basis for m in measures if m.basis not in basis]
    return Result(level, sorted(measures, key=lambda m: -m.rank), fired, _unique(basis), steps, judged, disputed)


def _unique(values):
    seen, out = set(), []
    for value in values:
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def allowed_for(level: str, employment: str) -> list[Measure]:
    """Every measure of one level an employment type may receive (the lighter options a PPK may choose)."""
    return sorted((MEASURES[c] for c in LADDER[employment] if MEASURES[c].level == level), key=lambda m: -m.rank)


def measures_for(employment: str) -> list[Measure]:
    """Every measure on the employment type's ladder, heaviest first."""
    return sorted((MEASURES[c] for c in LADDER[employment]), key=lambda m: -m.rank)


def stage_of(incident_date, candidates_fixed_on) -> str | None:
    if incident_date is None or candidates_fixed_on is None:
        return None
    return "calon" if incident_date >= candidates_fixed_on else "bakal_calon"


# --- money --------------------------------------------------------------------------------------------

CUT_PERCENT = 25


def monthly_cut(tukin_monthly: int) -> int:
    """25% of the monthly allowance in whole rupiah, rounded down (integer arithmetic, never a float)."""
    return int(tukin_monthly) * CUT_PERCENT // 100


def add_months(first_of_month, months: int):
    """The first day of the month ``months`` after ``first_of_month``."""
    index = first_of_month.year * 12 + (first_of_month.month - 1) + months
    return first_of_month.replace(year=index // 12, month=index % 12 + 1, day=1)


def same_day_after(day, months: int):
    """The same day of the month ``months`` later (the month's last day when it is shorter)."""
    import calendar

    first = add_months(day.replace(day=1), months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def cut_schedule(tukin_monthly: int, months: int, first_month) -> list[tuple]:
    """[(first day of the month, amount withheld), ...] for ``months`` months from ``first_month``."""
    start = first_month.replace(day=1)
    amount = monthly_cut(tukin_monthly)
    return [(add_months(start, n), amount) for n in range(months)]
