"""Help: every key of the screen beneath, with what it does (the bindings are the manual)."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class BindingRow(NamedTuple):
    """One action a user can take: where it applies, its keys, and what it does."""

    section: str
    keys: str
    description: str
    node: DOMNode
    action: str


def binding_rows(app: App[None], screen: Screen[object]) -> list[BindingRow]:
    """The enabled bindings of `screen` (its focused widget, the screen, the app), keys merged."""
    merged: dict[tuple[int, str], BindingRow] = {}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if not binding.description or not active.enabled:
            continue
        key = app.get_key_display(binding)
        slot = (id(node), binding.action)
        if slot in merged:
            known = merged[slot]
            merged[slot] = known._replace(keys=f"{known.keys} {key}")
        else:
            merged[slot] = BindingRow(
                _section(app, screen, node), key, binding.description, node, binding.action
            )
    order = {
        row.section: 1 if row.node is screen else 3 if row.node is app else 2
        for row in merged.values()
    }
    return sorted(merged.values(), key=lambda row: order[row.section])


_WIDGET_SECTIONS = {"VirtualTable": "Table", "DetailPane": "Detail pane"}


def _section(app: App[None], screen: Screen[object], node: DOMNode) -> str:
    if node is app:
        return "Everywhere"
    if node is screen:
        return screen.name or "This screen"
    name = type(node).__name__
    return _WIDGET_SECTIONS.get(name, "Scrolling" if "Scroll" in name else name)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened over, section by section."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, title: str, rows: list[BindingRow]) -> None:
        super().__init__(name="Help")
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = f"Keys: {self.title_text}" if self.title_text else "Keys"
            scroll.border_subtitle = "Esc closes · ctrl+p lists them as commands"
            yield Static(self.keys_text(), id="help-keys")

    def keys_text(self) -> Text:
        text = Text()
        section = None
        for row in self.rows:
            if row.section != section:
                section = row.section
                text.append(("\n" if text else "") + section + "\n", "bold")
            text.append(f"  {row.keys:<16}", "bold cyan")
            text.append(row.description + "\n")
        text.rstrip()
        return text
