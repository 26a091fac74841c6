#!/usr/bin/env python3
"""Keep the English catalogues in step with the code.

    tools/po.py extract            run makemessages -l en for every catalogue (same options as the test)
    tools/po.py todo               list the msgids without a translation (or fuzzy), per catalogue
    tools/po.py fill FILE.json     fill translations from {"msgid": "msgstr", ...} (plural: ["one", "other"];
                                   context: "ctxt\\u0004msgid"), drop fuzzy flags of the entries filled
    tools/po.py compile            compilemessages
    tools/po.py resolve            after a git merge that conflicts in catalogues: rebuild them from the code and
                                   fill every translation either side had

Run with the project's virtualenv: .venv/bin/python tools/po.py todo
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
IGNORE = [".venv", "static/vendor", "tests", "benchmarks", "var", "node_modules"]


def catalogues() -> list[Path]:
    skip = {".venv", "node_modules", "var"}
    found = [p for p in ROOT.glob("**/locale/en/LC_MESSAGES/django.po") if not skip & set(p.relative_to(ROOT).parts)]
    return sorted(found)


def extract() -> None:
    command = [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "-v", "0"]
    command += [f"--ignore={pattern}" for pattern in IGNORE]
    subprocess.run(command, cwd=ROOT, check=True)
    for path in catalogues():
        _fix_new_header(path)


def _fix_new_header(path: Path) -> None:
    """A catalogue makemessages just created has a fuzzy template header: give it the project's."""
    text = path.read_text(encoding="utf-8")
    if '"Language: en\\n"' in text.split("\n\n", 1)[0]:
        return
    po = polib.pofile(str(path), wrapwidth=79)
    po.header = "English catalogue of Netralitas (tools/po.py keeps it in step with the code)."
    po.metadata.update({"Project-Id-Version": "netralitas", "Language": "en", "Language-Team": "Netralitas"})
    po.metadata_is_fuzzy = False
    po.save()


def _key(entry) -> str:
    return f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid


def todo() -> int:
    missing = 0
    for path in catalogues():
        po = polib.pofile(str(path))
        for entry in po:
            if entry.obsolete:
                continue
            empty = not entry.msgstr if not entry.msgid_plural else not all(entry.msgstr_plural.values())
            if empty or "fuzzy" in entry.flags:
                missing += 1
                print(
                    json.dumps(
                        {
                            "file": str(path.relative_to(ROOT)),
                            "msgid": _key(entry),
                            "plural": entry.msgid_plural or None,
                            "fuzzy": "fuzzy" in entry.flags,
                            "current": entry.msgstr or dict(entry.msgstr_plural),
                        },
                        ensure_ascii=False,
                    )
                )
    print(f"{missing} to translate", file=sys.stderr)
    return missing


def fill(source: str) -> None:
    translations = json.loads(Path(source).read_text(encoding="utf-8"))
    for path in catalogues():
        po = polib.pofile(str(path), wrapwidth=79)
        changed = False
        for entry in po:
            value = translations.get(_key(entry))
            if value is None:
                continue
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value, value]
                entry.msgstr_plural = {0: forms[0], 1: forms[-1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            changed = True
        if changed:
            po.save()
    extract()  # gettext's own wrapping, so the files change only where the text did


def _translations(po) -> dict:
    found = {}
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural and all(entry.msgstr_plural.values()):
            found[_key(entry)] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        elif not entry.msgid_plural and entry.msgstr:
            found[_key(entry)] = entry.msgstr
    return found


def resolve() -> None:
    """Rebuild the catalogues git could not merge: ours as the base, every translation of both sides kept."""
    conflicted = subprocess.run(
        ["git", "diff", "--name-only", "--diff-filter=U"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    known: dict = {}
    for path in [p for p in conflicted if p.endswith(".po")]:
        for stage in (":2:", ":3:"):
            text = subprocess.run(["git", "show", f"{stage}{path}"], cwd=ROOT, capture_output=True, text=True).stdout
            if text:
                known.update(_translations(polib.pofile(text)))
        ours = subprocess.run(["git", "show", f":2:{path}"], cwd=ROOT, capture_output=True, text=True).stdout
        (ROOT / path).write_text(ours, encoding="utf-8")
    for path in catalogues():
        known.update({k: v for k, v in _translations(polib.pofile(str(path))).items() if k not in known})
    extract()
    staged = ROOT / "var" / "po-resolve.json"
    staged.parent.mkdir(exist_ok=True)
    staged.write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
    fill(str(staged))
    for path in [p for p in conflicted if p.endswith(".po")]:
        subprocess.run(["git", "add", path], cwd=ROOT, check=True)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    if argv[0] == "extract":
        extract()
    elif argv[0] == "todo":
        return 1 if todo() else 0
    elif argv[0] == "fill":
        fill(argv[1])
    elif argv[0] == "resolve":
        resolve()
        return 1 if todo() else 0
    elif argv[0] == "compile":
        subprocess.run(
            [sys.executable, "manage.py", "compilemessages", "--ignore=.venv", "-v", "0"], cwd=ROOT, check=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
