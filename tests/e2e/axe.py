"""The accessibility check: axe-core (vendored in tests/e2e/vendor/, see tools/vendor.sh) run in the page.

Each app lists its pages in ``tests/<app>/a11y.py``; tests/e2e/test_a11y.py opens every one at 360 px as
its actor and fails on any serious or critical finding::

    from tests.e2e.axe import A11yPage

    PAGES = [
        A11yPage("employee-list", "bkd.muba", "employee_list"),          # a URL name without arguments
        A11yPage("outbox-detail", "bkd.muba", lambda env: reverse(...)),  # or env -> path (env.user, env.region)
        A11yPage("login-errors", None, "login", then=submit_empty_form),  # None: the public; then(page) acts first
    ]
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_JS = VENDOR / "axe-core" / "axe.min.js"
REPORTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "a11y"

# WCAG 2.0/2.1/2.2 levels A and AA, and Deque's best practices (a missing h1, duplicate landmarks, …).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING = ("serious", "critical")


@dataclass(frozen=True)
class A11yEnv:
    """What a page's URL callable may use: the actor's account (None for the public) and home region."""

    user: object | None
    region: object | None


@dataclass(frozen=True)
class A11yPage:
    name: str  # unique across the apps: the test's id and the screenshot's name
    actor: str | None  # a demo username ("bkd.muba", "asn.muba", …) or None for the public
    url: str | Callable[[A11yEnv], str]  # a URL name without arguments, or env -> path
    then: Callable | None = None  # then(page): bring the page into the state to check (open a menu, …)
    status: int = 200  # the status the page answers with (an error page is checked too)


def axe_run(page) -> dict[str, list[dict]]:
    """Inject axe into the page and run it over the whole document. Returns its ``violations`` (every
    impact) and what it could not decide (``incomplete``: text over an image, say), which never fails."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations", "incomplete"],
            });
            const brief = (list) => list.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                    target: n.target.join(" "), impact: n.impact, summary: n.failureSummary,
                    data: [...n.any, ...n.all, ...n.none].map(c => c.data).find(d => d) || null,
                })),
            }));
            return {violations: brief(results.violations), incomplete: brief(results.incomplete)};
        }""",
        TAGS,
    )


def failing(results: dict) -> list[dict]:
    """The serious and critical violations, plus short text that fails contrast: axe leaves a one- or
    two-character text undecided (it might be an icon glyph), but here it is a count on a dashboard."""
    found = [v for v in results["violations"] if v["impact"] in FAILING]
    short = [
        {**node, "summary": _short_text_reason(node["data"])}
        for v in results["incomplete"]
        if v["id"] == "color-contrast"
        for node in v["nodes"]
        if (data := node["data"] or {}).get("messageKey") == "shortTextContent" and data["fgColor"] and data["bgColor"]
    ]
    if short:
        found.append({
            "id": "color-contrast-short-text", "impact": "serious", "nodes": short,
            "help": "Short text (a number, a count) must meet the minimum contrast ratio too",
            "helpUrl": "https://dequeuniversity.com/rules/axe/4.14/color-contrast",
        })  # fmt: skip
    return found


def _short_text_reason(data: dict) -> str:
    return (
        f"Element has insufficient color contrast of {data['contrastRatio']} (foreground color: {data['fgColor']}, "
        f"background color: {data['bgColor']}, font size: {data['fontSize']}). "
        f"Expected contrast ratio of {data['expectedContrastRatio']}"
    )


def describe(violations: list[dict], *, per_rule: int = 8) -> str:
    """One block per rule: id, impact, help text, then the failing targets with axe's reason."""
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} [{v['impact']}] {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:per_rule]:
            head, *reasons = [line.strip() for line in (node["summary"] or "").splitlines() if line.strip()] or [""]
            reason = f"{head} {'; '.join(reasons)}".strip()
            lines.append(f"    {node['target']}: {reason}")
        if len(v["nodes"]) > per_rule:
            lines.append(f"    … and {len(v['nodes']) - per_rule} more")
    return "\n".join(lines)


def save_report(name: str, url: str, results: dict) -> Path:
    """Every finding, serious or not, and what axe left undecided: for whoever fixes the lesser ones too."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    path = REPORTS / f"{name}.json"
    path.write_text(json.dumps({"url": url, **results}, indent=2, ensure_ascii=False))
    return path
