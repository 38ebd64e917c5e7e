"""The hash chain: every kind of tampering is found and named."""

from __future__ import annotations

from crisis.domain.journal_chain import (
    GENESIS_HASH,
    ChainEvent,
    chain_hash,
    encode_event,
    walk_chain,
)


def build(n: int) -> list[ChainEvent]:
    out: list[ChainEvent] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        ev = make(seq, prev, f'{{"n":{seq}}}')
        out.append(ev)
        prev = ev.hash
    return out


def make(seq: int, prev: str, after: str) -> ChainEvent:
    at = f"2026-11-22T10:00:{seq % 60:02d}.000000+00:00"
    h = chain_hash(
        prev, encode_event(seq, at, "alice", "asset.created", "asset", f"T{seq}", "", after)
    )
    return ChainEvent(seq, at, "alice", "asset.created", "asset", f"T{seq}", "", after, prev, h)


def test_intact_chain_verifies_and_keeps_requested_hashes() -> None:
    events = build(10)
    r = walk_chain(events, keep_hashes_at={3, 10})
    assert r.intact
    assert r.count == 10
    assert r.head_hash == events[-1].hash
    assert r.hashes_at == {3: events[2].hash, 10: events[9].hash}


def test_a_range_of_the_chain_walks_from_its_link() -> None:
    events = build(10)
    r = walk_chain(events[5:], keep_hashes_at={8}, start=6, prev_hash=events[4].hash)
    assert (r.intact, r.count, r.head_hash) == (True, 10, events[-1].hash)
    assert r.hashes_at == {8: events[7].hash}
    wrong = walk_chain(events[5:], start=6, prev_hash=events[3].hash)
    assert wrong.first_break is not None
    assert wrong.first_break.seq in (5, 6)


def test_altered_content_names_the_event() -> None:
    events = build(10)
    events[4] = events[4]._replace(after='{"n":999}')
    r = walk_chain(events)
    assert r.first_break is not None
    assert (r.first_break.seq, r.first_break.kind) == (5, "altered")
    assert r.count == 4


def test_altered_and_rehashed_event_is_found_at_the_next_link() -> None:
    events = build(10)
    forged = make(5, events[3].hash, '{"n":999}')
    events[4] = forged
    r = walk_chain(events)
    assert r.first_break is not None
    assert r.first_break.seq == 5
    assert "event 5 was altered" in r.first_break.detail


def test_removed_event_is_named() -> None:
    events = build(10)
    del events[6]
    r = walk_chain(events)
    assert r.first_break is not None
    assert (r.first_break.seq, r.first_break.kind) == (7, "removed")


def test_inserted_event_is_named() -> None:
    events = build(10)
    # Insert a well-formed event after 4 and renumber what follows (an attacker with write
    # access to the table would have to).
    intruder = make(5, events[3].hash, '{"n":"intruder"}')
    renumbered = [e._replace(seq=e.seq + 1) for e in events[4:]]
    r = walk_chain([*events[:4], intruder, *renumbered])
    assert r.first_break is not None
    assert (r.first_break.seq, r.first_break.kind) == (5, "inserted")


def test_swapped_events_are_reported_as_reordered() -> None:
    events = build(10)
    a, b = events[5], events[6]
    events[5], events[6] = b._replace(seq=6), a._replace(seq=7)
    r = walk_chain(events)
    assert r.first_break is not None
    assert (r.first_break.seq, r.first_break.kind) == (6, "reordered")


def test_encoding_is_injective_across_field_boundaries() -> None:
    a = encode_event(1, "t", "ab", "c", "x", "y", "", "")
    b = encode_event(1, "t", "a", "bc", "x", "y", "", "")
    assert a != b
