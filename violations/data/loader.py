"""Loading the catalogue, the suggester's words and its lexicon from the data files beside this module.

Used by the data migration (with the historical models) and by the demo data (which restores them on a
database a test flushed): plain functions over the models they are given.
"""

import csv
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent


def rule_blocks(text: str) -> dict[str, str]:
    """suggestion_rules.txt as {code: its lines}."""
    blocks, code = {}, None
    for line in text.splitlines():
        header = re.match(r"^\[(\S+)\]\s*$", line.strip())
        if header:
            code = header.group(1)
            blocks[code] = []
        elif code and line.strip() and not line.lstrip().startswith("#"):
            blocks[code].append(line.strip())
    return {code: "\n".join(lines) for code, lines in blocks.items()}


def load_catalogue(activity_model, rule_model, lexicon_model) -> None:
    """Version 1 of every entry of catalogue.csv, the rules and the lexicon (existing rows are left as they are)."""
    with (DATA / "catalogue.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            activity_model.objects.get_or_create(
                code=row["code"],
                version=1,
                defaults={
                    "title": row["title_id"],
                    "title_en": row["gloss_en"],
                    "legal_basis": row["legal_basis"],
                    "category": row["category"],
                    "stage": row["stage"],
                    "counterpart_code": row["counterpart"],
                    "sanctions_allowed": [s for s in row["sanctions_allowed"].split("|") if s],
                    "confidence": row["confidence"],
                    "is_current": not activity_model.objects.filter(code=row["code"], is_current=True).exists(),
                },
            )
    for code, rules in rule_blocks((DATA / "suggestion_rules.txt").read_text(encoding="utf-8")).items():
        rule_model.objects.get_or_create(code=code, defaults={"rules": rules})
    with (DATA / "lexicon.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lexicon_model.objects.get_or_create(term=row["term"].strip(), defaults={"replacement": row["replacement"]})
