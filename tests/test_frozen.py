"""quick_init: the records it speeds up are made as their dataclasses make them, and stay frozen."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any

import pytest

from ledger.archive.items import ArchivedClaim, ArchivedEvent
from ledger.frozen import quick_init
from ledger.state import ClaimState, DeadlineState, ForecastState, SourceState

QUICK = [ClaimState, SourceState, DeadlineState, ForecastState, ArchivedEvent, ArchivedClaim]


def field_names(cls: type[Any]) -> list[str]:
    return [field.name for field in dataclasses.fields(cls)]


@pytest.mark.parametrize("cls", QUICK, ids=lambda cls: cls.__name__)
def test_each_field_holds_what_it_was_given_by_position_or_by_name(cls: type[Any]) -> None:
    names = field_names(cls)
    values = [f"value of {name}" for name in names]
    for made in (cls(*values), cls(**dict(zip(names, values, strict=True)))):
        assert type(made) is cls
        assert [getattr(made, name) for name in names] == values
        assert made == cls(*values) and hash(made) == hash(cls(*values))
        assert pickle.loads(pickle.dumps(made)) == made
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, names[0], "changed")
        assert dataclasses.replace(made, **{names[-1]: "new"}) == cls(*values[:-1], "new")


def test_defaults_and_wrong_arguments_are_as_the_dataclass_has_them() -> None:
    event = ArchivedEvent("uid", "at", "actor", "kind", {})  # type: ignore[arg-type]
    assert event.line == 0
    claim = ArchivedClaim("state", ())  # type: ignore[arg-type]
    assert (claim.line, claim.history) == (0, True)
    with pytest.raises(TypeError):
        ArchivedEvent("uid", "at", "actor")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ArchivedEvent("uid", "at", "actor", "kind", {}, colour="red")  # type: ignore[call-arg]


@dataclasses.dataclass(slots=True)
class NotFrozen:
    a: int


@dataclasses.dataclass(frozen=True)
class NoSlots:
    a: int


@dataclasses.dataclass(frozen=True, slots=True)
class WithFactory:
    a: list[int] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True, slots=True)
class WithPostInit:
    a: int

    def __post_init__(self) -> None:
        pass


@pytest.mark.parametrize("cls", [NotFrozen, NoSlots, WithFactory, WithPostInit, int])
def test_only_plain_frozen_slotted_dataclasses_are_taken(cls: type[Any]) -> None:
    with pytest.raises(TypeError):
        quick_init(cls)
