"""The burndown: open and total items per week since the first post. Pure.

The numbers come from each item's life (when it first appeared, open or not,
and every applied status change since); the chart is geometry for the
template `templates/site/burndown.svg.j2`, which draws it as inline SVG:
two lines, a dot per week with its figures as a native tooltip, and the
timeline's milestones as vertical rules. Why not a charting library: see
the README's dependency table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 40, 48
AHEAD = timedelta(weeks=12)  # milestones this far past the last point are still drawn
BEHIND = timedelta(weeks=4)  # and this far before the first post (the freeze, an RC)


@dataclass(frozen=True)
class ItemLife:
    first_seen: date
    open_at_first: bool
    events: tuple[tuple[date, bool], ...]  # (day, open afterwards), applied status changes

    def open_on(self, day: date) -> bool | None:
        """Open on `day`; None before it appeared."""
        if day < self.first_seen:
            return None
        state = self.open_at_first
        for when, is_open in sorted(self.events, key=lambda e: e[0]):
            if when <= day:
                state = is_open
        return state


@dataclass(frozen=True)
class Point:
    day: date
    open: int
    total: int


def weeks(start: date, end: date) -> list[date]:
    """Every seventh day from `start`, and `end` itself when it falls between."""
    days = [start + timedelta(weeks=n) for n in range((end - start).days // 7 + 1)]
    if days[-1] != end and end > start:
        days.append(end)
    return days


def points(lives: Sequence[ItemLife], start: date, end: date) -> list[Point]:
    found = []
    for day in weeks(start, max(start, end)):
        states = [life.open_on(day) for life in lives]
        found.append(Point(day, sum(s is True for s in states), sum(s is not None
                                                                    for s in states)))
    return found


@dataclass(frozen=True)
class Mark:
    x: float
    label: str
    when: str
    reached: bool
    anchor: str = "middle"  # the label's text-anchor: kept inside the picture at the edges


@dataclass(frozen=True)
class Dot:
    x: float
    y_open: float
    y_total: float
    point: Point


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    top: int
    bottom: float  # y of the x axis
    left: int
    right: float
    dots: tuple[Dot, ...]
    open_line: str  # SVG points attribute
    total_line: str
    ticks_y: tuple[tuple[float, int], ...]
    ticks_x: tuple[tuple[float, str, str], ...]  # (x, label, text-anchor)
    marks: tuple[Mark, ...]


def _nice_max(value: int) -> int:
    for step in (5, 10, 20, 50, 100, 200, 500, 1000):
        if value <= step * 5:
            return max(step, -(-value // step) * step)
    return value


def chart(found: Sequence[Point], milestones: Sequence[tuple[date, str, str]],
          today: date) -> Chart:
    """Geometry of the chart; `milestones` are (day, label, as written)."""
    first, last = found[0].day, found[-1].day
    shown = [m for m in milestones if first - BEHIND <= m[0] <= last + AHEAD]
    start = min([first, *(m[0] for m in shown)])
    end = max([last, *(m[0] for m in shown)])
    span = max((end - start).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_max(max(p.total for p in found) or 1)

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - start).days / span, 1)

    def y(value: int) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    dots = tuple(Dot(x(p.day), y(p.open), y(p.total), p) for p in found)
    step = top // 5
    every = max(1, -(-len(found) // 8))
    def anchor(at: float, room: float) -> str:
        return "start" if at < LEFT + room else "end" if at > LEFT + plot_w - room else "middle"

    ticks_x = tuple((x(p.day), f"{p.day.day} {p.day:%b}", anchor(x(p.day), 20))
                    for p in found[::every])
    marks = tuple(Mark(x(day), label, written, day <= today, anchor(x(day), 80))
                  for day, label, written in shown)
    return Chart(WIDTH, HEIGHT, TOP, TOP + plot_h, LEFT, WIDTH - RIGHT, dots,
                 " ".join(f"{d.x},{d.y_open}" for d in dots),
                 " ".join(f"{d.x},{d.y_total}" for d in dots),
                 tuple((y(v), v) for v in range(0, top + 1, step)), ticks_x, marks)
