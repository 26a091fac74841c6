"""The catalogue of shared/domain/catalogue.csv (copied to violations/data/), the suggester's words beside it
(suggestion_rules.txt) and its slang/abbreviation lexicon (lexicon.csv): editable data, loaded once."""

from django.db import migrations

from violations.data.loader import load_catalogue


def load(apps, schema_editor):
    load_catalogue(
        apps.get_model("violations", "ProhibitedActivity"),
        apps.get_model("violations", "SuggestionRule"),
        apps.get_model("violations", "LexiconEntry"),
    )


class Migration(migrations.Migration):
    dependencies = [("violations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
