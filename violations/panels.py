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


def case_panel(key: str, template: str, context: Callable, *, order: int = 100) -> Panel:
    panel = Panel(key, template, context, order)
    _panels[key] = panel
    return panel


def panels_for(request, case) -> list[Shown]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request, case)
        if context is not None:
            shown.append(Shown(panel.key, panel.template, context))
    return shown
