"""The task board: every initiative and every task as one item with an owner, a date and a
status, sorted into status columns and into personal boards. Pure functions over the plan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..model import STATUSES, Initiative, Task
from ..plan import Plan


def is_overdue(end: date | None, status: str, today: date) -> bool:
    """Past its date and not done: an initiative whose inclusive end, or a task whose due
    date, lies before today."""
    return end is not None and end < today and status != "done"


@dataclass(frozen=True)
class BoardItem:
    """An initiative (``task is None``) or one of its tasks, as the board shows it.

    ``owner`` is the responsible team id: a task without an owner belongs to its initiative's
    owner, because every piece of work needs exactly one person who answers for it (the
    plan's effective value, ``plan.effective.task_owner``).
    """

    initiative: Initiative
    task: Task | None
    task_index: int | None
    overdue: bool
    owner: str

    @property
    def kind(self) -> str:
        return "initiative" if self.task is None else "task"

    @property
    def key(self) -> str:
        if self.task is None:
            return self.initiative.id
        return f"{self.initiative.id}/tasks/{self.task_index}"

    @property
    def title(self) -> str:
        return self.initiative.title if self.task is None else self.task.title

    @property
    def status(self) -> str:
        return self.initiative.status if self.task is None else self.task.status

    @property
    def due(self) -> date | None:
        return self.initiative.end if self.task is None else self.task.due

    @property
    def goal(self) -> str:
        return self.initiative.goal

    def involves(self, person: str) -> bool:
        """Owner of the item, or a contributor to the initiative (not to its tasks: a task has
        its own owner)."""
        if self.owner == person:
            return True
        return self.task is None and person in self.initiative.contributors


def board_items(plan: Plan) -> list[BoardItem]:
    """Every initiative the audience may see and all of its tasks, in plan order."""
    items: list[BoardItem] = []
    for initiative in plan.all("initiatives"):
        assert isinstance(initiative, Initiative)
        overdue = is_overdue(initiative.end, initiative.status, plan.today)
        items.append(BoardItem(initiative, None, None, overdue, initiative.owner))
        for index, task in enumerate(initiative.tasks):
            owner = plan.effective.task_owner(initiative, index)
            items.append(BoardItem(initiative, task, index, is_overdue(task.due, task.status, plan.today), owner))
    return items


def _by_date(item: BoardItem) -> tuple:
    return (item.due is None, item.due or date.min, item.kind != "initiative", item.title.casefold(), item.key)


#: The Done column shows its latest items only; the rest wait behind a "more" toggle, so a
#: year of finished work does not make the board page endless.
DONE_SHOWN = 5


def _latest_first(item: BoardItem) -> tuple:
    return (
        item.due is None,
        -(item.due or date.min).toordinal(),
        item.kind != "initiative",
        item.title.casefold(),
        item.key,
    )


def board_columns(items: Iterable[BoardItem]) -> dict[str, list[BoardItem]]:
    """One column per status, in workflow order, each sorted by date (undated last); the Done
    column latest first: what was finished last week matters, last spring's work is history."""
    columns: dict[str, list[BoardItem]] = {status: [] for status in STATUSES}
    for item in items:
        columns[item.status].append(item)
    return {
        status: sorted(column, key=_latest_first if status == "done" else _by_date)
        for status, column in columns.items()
    }


def shown_in_column(status: str, count: int) -> int:
    """How many of a column's ``count`` items show before the "more" toggle."""
    return min(count, DONE_SHOWN) if status == "done" else count


def personal_items(items: Iterable[BoardItem], person: str) -> list[BoardItem]:
    """What ``person`` owns or contributes to: overdue first, then open work by date, done last."""
    mine = [item for item in items if item.involves(person)]
    return sorted(mine, key=lambda i: (not i.overdue, i.status == "done", *_by_date(i)))
