"""The catalogue of shared/domain/catalogue.csv (copied to violations/data/), the suggester's words beside it
(suggestion_rules.txt) and its slang/abbreviation lexicon (lexicon.csv): editable data, loaded once."""

import csv
import re
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parents[1] / "data"


def rule_blocks(text: str) -> dict[str, str]:
    blocks, code = {}, None
    for line in text.splitlines():
        header = re.match(r"^\[(\S+)\]\s*$", line.strip())
        if header:
            code = header.group(1)
            blocks[code] = []
        elif code and line.strip() and not line.lstrip().startswith("#"):
            blocks[code].append(line.strip())
    return {code: "\n".join(lines) for code, lines in blocks.items()}


def load(apps, schema_editor):
    Activity = apps.get_model("violations", "ProhibitedActivity")
    Rule = apps.get_model("violations", "SuggestionRule")
    Lexicon = apps.get_model("violations", "LexiconEntry")
    with (DATA / "catalogue.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Activity.objects.update_or_create(
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
                    "is_current": True,
                },
            )
    for code, rules in rule_blocks((DATA / "suggestion_rules.txt").read_text(encoding="utf-8")).items():
        Rule.objects.update_or_create(code=code, defaults={"rules": rules})
    with (DATA / "lexicon.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Lexicon.objects.update_or_create(term=row["term"].strip(), defaults={"replacement": row["replacement"]})


class Migration(migrations.Migration):
    dependencies = [("violations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
