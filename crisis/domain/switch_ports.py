"""Port lists written as ranges (``Fa0/1-8,Gi0/1``), as technicians write them."""

from __future__ import annotations

import re

from crisis.errors import ValidationError

_RANGE = re.compile(r"^(?P<prefix>[A-Za-z-]+[\d/]*?/?)(?P<first>\d+)(?:-(?P<last>\d+))?$")


def expand_ports(spec: str, *, where: str = "ports") -> tuple[str, ...]:
    """``Fa0/1-3,Gi0/1`` to ``("Fa0/1", "Fa0/2", "Fa0/3", "Gi0/1")``, in the order written.

    Raises:
        ValidationError: naming the part that is not a port or a range.
    """
    out: list[str] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        m = _RANGE.match(part)
        if not m:
            raise ValidationError(f"not a port or a port range: {part!r}", where=where)
        first = int(m["first"])
        last = int(m["last"]) if m["last"] else first
        if last < first:
            raise ValidationError(f"range goes backwards: {part!r}", where=where)
        out += [f"{m['prefix']}{n}" for n in range(first, last + 1)]
    if len(set(out)) != len(out):
        raise ValidationError("a port appears twice", where=where)
    return tuple(out)
