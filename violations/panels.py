"""Panels other apps add to the staff case page (the sanctions app shows the recommendation there).

An app registers a panel in its ``AppConfig.ready()``::

    from violations import panels

    panels.case_panel("sanctions.recommendation", "sanctions/_case_panel.html", context_fn, order=10)

``context_fn(request, case)`` returns the template's context, or None to show nothing; it narrows its own
queries with ``visible_to``. The violations app never imports the apps above it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable
    order: int = 100


@dataclass(frozen=True)
class Shown:
    key: str
    template: str
    context: dict


_panels: dict[str, Panel] = {}
_own_panels: dict[str, Panel] = {}  # on the reported ASN's own case page (my_case_detail)


def case_panel(key: str, template: str, context: Callable, *, order: int = 100) -> Panel:
    panel = Panel(key, template, context, order)
    _panels[key] = panel
    return panel


def own_case_panel(key: str, template: str, context: Callable, *, order: int = 100) -> Panel:
    """A panel on the reported ASN's page of their own case (its context narrows to what they may read)."""
    panel = Panel(key, template, context, order)
    _own_panels[key] = panel
    return panel


def panels_for(request, case, *, own: bool = False) -> list[Shown]:
    shown = []
    registry = _own_panels if own else _panels
    for panel in sorted(registry.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request, case)
        if context is not None:
            shown.append(Shown(panel.key, panel.template, context))
    return shown
