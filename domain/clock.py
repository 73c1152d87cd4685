"""A trusted "now" on a device whose wall clock the user can change.

Backdating and future checks on the device are only as good as its clock, and a rep
can move the clock back to record an old visit "on time". The server re-checks with
its own clock on push, but a device can be offline for days; this module makes the
device-side checks hard to fool while offline.

How it works (pure: the caller supplies every clock reading):

* At each sync the device records an **anchor**: the server's time from the response
  together with a reading of the device's **monotonic** clock (seconds since boot,
  which the user cannot set) and the boot's identity. Later, on the same boot,
  ``trusted now = anchor.server_time + (monotonic now - anchor.monotonic)``, whatever
  the wall clock says. The device should read a monotonic clock that keeps counting
  during sleep (``CLOCK_BOOTTIME`` on Linux); one that stops during sleep makes the
  trusted time lag, which shows up as a skew flag, never as a refusal.
* Monotonic clocks **restart at boot**. After a reboot (different boot id, or a
  monotonic reading below the anchor's) the anchor says nothing about elapsed time,
  so the clock falls back to the wall clock, **floored** at the last server time
  seen: time never runs backwards past what a server has told us. When the platform
  gives no boot id, the anchor is used only while the wall clock and the monotonic
  clock agree on the elapsed time (within the tolerance); otherwise it is a reboot or
  tampering, which cannot be told apart, and the floor is all that remains.
  Consequence: after a reboot a clock moved back, but not behind the last server
  time, goes unnoticed until the next sync (the server still checks on push).
* **Refusal**: when the wall clock reads more than ``tolerance`` earlier than the
  last server time seen, the clock has been moved back (or the device's clock is
  badly wrong): ``behind_server`` is set and the device refuses to submit.
* **Flag**: when the anchor is usable and the wall clock differs from the trusted
  time by more than ``tolerance`` either way, ``skewed`` is set (the UI warns); the
  checks use the trusted time, so the skew does no harm.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

DEFAULT_TOLERANCE = dt.timedelta(minutes=10)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class ClockReading:
    """The device's clocks read at one moment."""

    wall: dt.datetime  # the user-settable clock
    monotonic: float  # seconds since boot, not settable
    boot_id: str | None = None  # changes at every boot (None: the platform has none)


@dataclass(frozen=True, slots=True)
class ServerTimeAnchor:
    """The server's time as seen at a sync, with the device clocks read at that moment."""

    server_time: dt.datetime
    monotonic: float
    boot_id: str | None
    wall: dt.datetime  # the device's wall clock then (detects reboots without a boot id)

    @classmethod
    def at(cls, server_time: dt.datetime, reading: ClockReading) -> ServerTimeAnchor:
        return cls(_utc(server_time), reading.monotonic, reading.boot_id, _utc(reading.wall))

    def to_json(self) -> dict[str, Any]:
        return {"server_time": self.server_time.isoformat(), "monotonic": self.monotonic,
                "boot_id": self.boot_id, "wall": self.wall.isoformat()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ServerTimeAnchor:
        return cls(_utc(dt.datetime.fromisoformat(data["server_time"])), float(data["monotonic"]),
                   data.get("boot_id"), _utc(dt.datetime.fromisoformat(data["wall"])))


class ClockSource(StrEnum):
    ANCHOR = "anchor"  # server time + monotonic elapsed (same boot)
    WALL = "wall"  # the wall clock (no usable anchor)
    FLOOR = "floor"  # the last server time: the wall clock reads earlier


@dataclass(frozen=True, slots=True)
class ClockCheck:
    """The outcome of one ``TrustedClock.check``."""

    now: dt.datetime  # the time to use for rules
    source: ClockSource
    wall: dt.datetime
    skew: dt.timedelta | None  # wall - trusted time, when known
    skewed: bool  # the wall clock is off by more than the tolerance
    behind_server: bool  # the wall clock is earlier than the last server time seen

    @property
    def may_submit(self) -> bool:
        return not self.behind_server


@dataclass(frozen=True, slots=True)
class TrustedClock:
    """``check(reading)`` -> the trusted now and what is wrong with the wall clock."""

    anchor: ServerTimeAnchor | None = None
    last_server_time: dt.datetime | None = None
    tolerance: dt.timedelta = DEFAULT_TOLERANCE

    def floor(self) -> dt.datetime | None:
        """The latest server time ever seen: trusted time never goes below it."""
        times = [_utc(t) for t in (self.last_server_time,
                                   self.anchor.server_time if self.anchor else None) if t]
        return max(times) if times else None

    def anchor_usable(self, reading: ClockReading) -> bool:
        a = self.anchor
        if a is None or reading.monotonic < a.monotonic:
            return False
        if a.boot_id is not None and reading.boot_id is not None:
            return a.boot_id == reading.boot_id
        elapsed_mono = reading.monotonic - a.monotonic
        elapsed_wall = (_utc(reading.wall) - a.wall).total_seconds()
        return abs(elapsed_wall - elapsed_mono) <= self.tolerance.total_seconds()

    def check(self, reading: ClockReading) -> ClockCheck:
        wall = _utc(reading.wall)
        floor = self.floor()
        behind = floor is not None and wall < floor - self.tolerance
        if self.anchor is not None and self.anchor_usable(reading):
            trusted = self.anchor.server_time + dt.timedelta(
                seconds=reading.monotonic - self.anchor.monotonic)
            if floor is not None:
                trusted = max(trusted, floor)
            skew = wall - trusted
            return ClockCheck(now=trusted, source=ClockSource.ANCHOR, wall=wall, skew=skew,
                              skewed=abs(skew) > self.tolerance, behind_server=behind)
        if floor is not None and wall < floor:
            return ClockCheck(now=floor, source=ClockSource.FLOOR, wall=wall, skew=wall - floor,
                              skewed=behind, behind_server=behind)
        return ClockCheck(now=wall, source=ClockSource.WALL, wall=wall, skew=None, skewed=False,
                          behind_server=False)
