"""The ansible-runner adapter's pure parts: events, results, secrets file, scrubbing."""

from __future__ import annotations

import json
import os
import queue
import stat
from pathlib import Path

import pytest

from crisis.adapters import ansible_run
from crisis.adapters.ansible_run import (
    REDACTED,
    PlaybookEvent,
    RunResult,
    _Collector,
    _host_results,
    _secret_strings,
    _with_interpreter,
    run_playbook,
    scrub,
    secrets_file,
)
from crisis.errors import ValidationError


def test_secrets_file_is_private_and_removed() -> None:
    with secrets_file({"laptop_admin_password_hashes": {"pc1": "$6$abc$def"}}) as path:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert json.loads(path.read_text())["laptop_admin_password_hashes"]["pc1"] == "$6$abc$def"
        directory = path.parent
    assert not directory.exists()


def test_secrets_file_removed_on_error() -> None:
    with pytest.raises(RuntimeError), secrets_file({"x": "secret-value"}) as path:
        raise RuntimeError
    assert not path.exists()


def test_secret_strings_walks_nested_values() -> None:
    found = _secret_strings({"a": {"b": ["long-secret-1", "short"]}, "c": "long-secret-2"})
    assert found == {"long-secret-1", "long-secret-2"}


def test_scrub_replaces_plain_and_json_escaped(tmp_path: Path) -> None:
    secret = 'pa"ss\\word-1'
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "event.json").write_text(json.dumps({"res": secret}))
    (tmp_path / "stdout").write_text(f"line {secret} end")
    (tmp_path / "clean").write_text("nothing here")
    assert scrub(tmp_path, {secret}) == 2
    for p in tmp_path.rglob("*"):
        if p.is_file():
            text = p.read_text()
            assert secret not in text
            assert json.dumps(secret)[1:-1] not in text
    assert REDACTED in (tmp_path / "stdout").read_text()


def _ev(event: str, host: str = "pc1", task: str = "t", **data: object) -> dict[str, object]:
    return {"event": event, "event_data": {"host": host, "task": task, **data}}


def test_collector_turns_events_into_progress_and_messages() -> None:
    sink: queue.SimpleQueue[PlaybookEvent | None] = queue.SimpleQueue()
    c = _Collector(sink)
    assert c(_ev("runner_on_start")) is True
    c(_ev("runner_on_ok", res={"changed": True}))
    c(_ev("runner_on_failed", host="pc2", task="Install", res={"msg": "no space left"}))
    c(_ev("runner_on_failed", host="pc3", res={"msg": "ignored"}, ignore_errors=True))
    c(_ev("runner_on_unreachable", host="pc4", res={"msg": "ssh: connect refused"}))
    c({"event": "playbook_on_stats", "event_data": {"ok": {"pc1": 2}}})
    got = []
    while not sink.empty():
        got.append(sink.get())
    assert [(e.kind, e.host) for e in got if e] == [
        ("started", "pc1"),
        ("changed", "pc1"),
        ("failed", "pc2"),
        ("ok", "pc3"),
        ("unreachable", "pc4"),
    ]
    assert c.messages == {"pc2": ("Install", "no space left"), "pc4": ("t", "ssh: connect refused")}
    assert c.stats == {"ok": {"pc1": 2}}


def test_host_results_from_stats() -> None:
    stats = {
        "ok": {"pc1": 3, "pc2": 1, "pc3": 4},
        "changed": {"pc1": 2},
        "failures": {"pc2": 1},
        "dark": {"pc4": 1},
    }
    messages = {"pc2": ("Install", "boom"), "pc4": ("Gather", "unreachable")}
    results = _host_results(stats, messages)
    assert {h: r.status for h, r in results.items()} == {
        "pc1": "changed",
        "pc2": "failed",
        "pc3": "ok",
        "pc4": "unreachable",
    }
    assert results["pc2"].failed_task == "Install"
    assert results["pc2"].message == "boom"
    run = RunResult("x.yml", "failed", 2, ansible_run.datetime.now(ansible_run.UTC), 1.0, results)
    assert run.failed_hosts == ("pc2", "pc4")
    assert run.summary == "x.yml: 4 hosts: 1 changed, 1 failed, 1 ok, 1 unreachable (failed)"


def test_interpreter_is_pinned_without_touching_the_caller() -> None:
    inventory = {"all": {"hosts": {"pc1": {"ansible_host": "127.0.1.10"}}}}
    out = _with_interpreter(inventory)
    assert out["all"]["vars"]["ansible_python_interpreter"] == "/usr/bin/python3"
    assert "vars" not in inventory["all"]


def test_unknown_playbook_is_a_validation_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no such playbook"):
        run_playbook("nope.yml", {}, runs_dir=tmp_path)


def test_shipped_playbooks_are_found() -> None:
    names = {p.name for p in ansible_run.playbooks_dir().glob("*.yml")}
    assert {
        "mail_server.yml",
        "mailboxes.yml",
        "laptop_clean.yml",
        "laptop_sanitise.yml",
        "phone_reset.yml",
    } <= names


def test_syntax_error_is_a_playbook_error(tmp_path: Path) -> None:
    (tmp_path / "broken.yml").write_text("- hosts: all\n  tasks:\n    - bogus_module_xyz: {}\n")
    with pytest.raises(ansible_run.PlaybookError, match="did not run"):
        run_playbook(
            "broken.yml",
            {"all": {"hosts": {"h": {"ansible_connection": "local"}}}},
            playbook_dir=tmp_path,
            runs_dir=tmp_path / "runs",
            secrets={"k": "secret-in-broken-run"},
        )
    for p in (tmp_path / "runs").rglob("*"):
        if p.is_file():
            assert b"secret-in-broken-run" not in p.read_bytes()


def test_local_run_publishes_data_and_rotates(tmp_path: Path) -> None:
    (tmp_path / "pub.yml").write_text(
        "- hosts: all\n  gather_facts: false\n  tasks:\n"
        "    - name: Publish\n      ansible.builtin.set_stats:\n"
        "        data:\n"
        "          crisis: \"{{ {inventory_hostname: {'v': secret_v | length}} }}\"\n"
        "        per_host: false\n        aggregate: true\n"
    )
    events: list[PlaybookEvent] = []
    runs = tmp_path / "runs"
    for _ in range(3):
        result = run_playbook(
            "pub.yml",
            {"all": {"hosts": {"h1": {"ansible_connection": "local"}}}},
            secrets={"secret_v": "very-secret-value"},
            on_event=events.append,
            playbook_dir=tmp_path,
            runs_dir=runs,
            keep_runs=2,
        )
    assert result.status == "successful"
    assert result.host_data("h1") == {"v": 17}
    assert result.hosts["h1"].status == "ok"
    assert [e.kind for e in events[:2]] == ["started", "ok"]
    assert len(list(runs.iterdir())) == 2
    for p in runs.rglob("*"):
        if p.is_file():
            assert b"very-secret-value" not in p.read_bytes()
    assert os.environ.get("ANSIBLE_PIPELINING") is None
    (command,) = result.run_dir.glob("artifacts/*/command") if result.run_dir else ()
    assert "HOME" not in json.loads(command.read_text())["env"]


def test_importing_the_adapter_does_not_load_ansible_runner() -> None:
    import subprocess
    import sys

    code = (
        "import sys, crisis.adapters.ansible_run, crisis.lab.laptops, crisis.lab.mail;"
        "print('ansible_runner' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIojojbrHHR9QBE57lDQaCR8rzLmTaWL09j4DMnIhAGy"


def test_every_ssh_host_verifies_against_its_pinned_keys_only(tmp_path: Path) -> None:
    inventory = {
        "all": {
            "children": {
                "laptops": {
                    "hosts": {
                        "pc1": {"ansible_host": "127.0.1.10", "ssh_host_keys": [KEY]},
                        "pc2": {
                            "ansible_host": "127.0.1.11",
                            "ansible_port": 2222,
                            "ssh_host_keys": KEY,
                            "ansible_ssh_common_args": "-o LogLevel=ERROR",
                        },
                    }
                },
                "phones": {"hosts": {"tel": {"ansible_connection": "local"}}},
            }
        }
    }
    known = tmp_path / "known_hosts"
    ansible_run._pin_host_keys(inventory, known)
    assert known.read_text() == f"127.0.1.10 {KEY}\n[127.0.1.11]:2222 {KEY}\n"
    assert stat.S_IMODE(known.stat().st_mode) == 0o600
    hosts = inventory["all"]["children"]["laptops"]["hosts"]
    args = hosts["pc2"]["ansible_ssh_common_args"]
    assert args.startswith("-o StrictHostKeyChecking=yes")
    assert f"-o UserKnownHostsFile={known}" in args
    assert args.endswith("-o LogLevel=ERROR")  # the host's own options follow ours
    assert hosts["pc1"]["ansible_host_key_checking"] is True
    assert "ansible_ssh_common_args" not in inventory["all"]["children"]["phones"]["hosts"]["tel"]


@pytest.mark.parametrize(
    ("hostvars", "message"),
    [
        ({"ansible_host": "127.0.1.10"}, "no SSH host key is pinned for pc1"),
        (
            {"ssh_host_keys": [KEY], "ansible_ssh_extra_args": "-o StrictHostKeyChecking=no"},
            "pc1.ansible_ssh_extra_args: host key options are set by the tool",
        ),
        ({"ssh_host_keys": ["ssh-ed25519 not-base64!"]}, r"pc1.ssh_host_keys\[0\]"),
    ],
)
def test_a_host_without_a_usable_pin_stops_the_run_before_it_starts(
    tmp_path: Path, hostvars: dict[str, object], message: str
) -> None:
    (tmp_path / "p.yml").write_text("- hosts: all\n  gather_facts: false\n  tasks: []\n")
    runs = tmp_path / "runs"
    with pytest.raises(ValidationError, match=message):
        run_playbook(
            "p.yml", {"all": {"hosts": {"pc1": hostvars}}}, playbook_dir=tmp_path, runs_dir=runs
        )
    assert not any(runs.iterdir())  # nothing run, nothing left
