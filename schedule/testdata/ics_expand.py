"""Expand the events of an iCalendar file with Python's icalendar and
dateutil, which nobody on unhunch wrote: prints each occurrence in
[FROM, UNTIL) as UTC, one per line, in order.

usage: ics_expand.py FILE FROM UNTIL [ZONE]
FROM and UNTIL are UTC (2026-03-20T00:00:00); ZONE is the IANA zone in
which floating times are read (events with a TZID use their VTIMEZONE).
"""
import sys
from datetime import datetime, timezone

from dateutil import rrule
from icalendar import Calendar

try:
    from zoneinfo import ZoneInfo
except ImportError:  # Python before 3.9
    from dateutil.tz import gettz as ZoneInfo


def main():
    path, start, until = sys.argv[1], sys.argv[2], sys.argv[3]
    floating = ZoneInfo(sys.argv[4]) if len(sys.argv) > 4 else None
    start = datetime.fromisoformat(start).replace(tzinfo=timezone.utc)
    until = datetime.fromisoformat(until).replace(tzinfo=timezone.utc)
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    zones = {}
    for vtz in cal.walk("VTIMEZONE"):
        zones[str(vtz["TZID"])] = vtz.to_tz()
    out = []
    events = cal.walk("VEVENT")
    if not events:
        sys.exit("no events")
    for ev in events:
        for key in ("UID", "DTSTAMP", "DTSTART", "RRULE", "SUMMARY"):
            if key not in ev:
                sys.exit("an event without " + key)
        alarms = ev.walk("VALARM")
        if len(alarms) != 1 or "TRIGGER" not in alarms[0] or str(alarms[0]["ACTION"]) != "DISPLAY":
            sys.exit("an event without its display alarm")
        prop = ev["DTSTART"]
        dt = prop.dt
        tzid = prop.params.get("TZID")
        naive = dt.replace(tzinfo=None)
        rule = rrule.rrulestr(ev["RRULE"].to_ical().decode(), dtstart=naive)
        for wall in rule.between(start.replace(tzinfo=None) - (start - start), datetime(until.year + 1, 1, 1), inc=True):
            if tzid:
                tz = zones[str(tzid)]
                at = tz.localize(wall) if hasattr(tz, "localize") else wall.replace(tzinfo=tz)
            else:
                at = wall.replace(tzinfo=floating)
            at = at.astimezone(timezone.utc)
            if start <= at < until:
                out.append(at)
    for at in sorted(out):
        print(at.strftime("%Y-%m-%dT%H:%M:%SZ"))


main()
