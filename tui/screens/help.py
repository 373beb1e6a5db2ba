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
    enabled: bool = True
    """False while it has nothing to act on (no claim yet): listed, but dimmed."""


PALETTE = "command_palette"
PALETTE_DESCRIPTION = "Command palette: every action by name"


def binding_rows(app: App[None], screen: Screen[object]) -> list[BindingRow]:
    """The user's bindings on `screen` (its focused widget, the screen, the app), keys merged.

    Textual's own bindings (focus moves, copy, a container's scroll keys) are left out: they
    work as in any terminal app, and listing them would bury the keys of this one.
    """
    merged: dict[tuple[int, str], BindingRow] = {}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if not binding.description or not _ours(node, binding.action):
            continue
        key = app.get_key_display(binding)
        slot = (id(node), binding.action)
        if slot in merged:
            known = merged[slot]
            merged[slot] = known._replace(keys=f"{known.keys} {key}")
        else:
            description = PALETTE_DESCRIPTION if binding.action == PALETTE else binding.description
            section = _section(app, screen, node)
            row = BindingRow(section, key, description, node, binding.action, active.enabled)
            merged[slot] = row
    order = {
        row.section: 1 if row.node is screen else 3 if row.node is app else 2
        for row in merged.values()
    }
    return sorted(merged.values(), key=lambda row: order[row.section])


def _ours(node: DOMNode, action: str) -> bool:
    """Whether one of this app's classes (not Textual's) binds `action` on `node`."""
    if action == PALETTE:
        return True
    for cls in type(node).__mro__:
        if cls.__module__.startswith("tui.") and any(
            isinstance(binding, Binding) and binding.action == action
            for binding in cls.__dict__.get("BINDINGS", ())
        ):
            return True
    return False


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
            text.append(f"  {row.keys:<16}", "bold cyan" if row.enabled else "dim cyan")
            text.append(row.description + "\n", "" if row.enabled else "dim")
        text.rstrip()
        return text
