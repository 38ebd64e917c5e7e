"""No words for a user written in the front ends: they come from the gettext catalogue.

An AST check over ``tui/``, ``crisis/commands/`` and ``crisis/cli.py``: a string literal with
words in it (two words, or a word given to an output call such as ``typer.echo`` or
``Static``) must be a message id passed to ``t()``. ``--help`` texts (``help=`` and command
docstrings) are not checked yet: Typer prints them in English.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("tui", "crisis/commands", "crisis/cli.py")
#: Two words in a row: prose.
WORDS = re.compile(r"[A-Za-zÀ-ÿ]{2,}[ ,:;'’][ ]?[A-Za-zÀ-ÿ]{2,}")
#: One word given to a call that shows it.
WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")
SHOWN_BY = frozenset(
    {"echo", "echo_safe", "secho", "fail", "prompt", "confirm", "notify", "Static", "Label",
     "Button", "print_table", "add_column", "BadParameter", "show_problem", "update", "Checkbox"}
)  # fmt: skip
#: Keyword arguments that are not words for a user (or not checked yet: help). ``purpose``
#: is the code a vault reveal is journaled with ("switch apply"), the same in every language.
NOT_WORDS = frozenset(
    {"help", "id", "classes", "name", "group", "metavar", "envvar", "rich_help_panel",
     "short_help", "epilog", "style", "severity", "key", "variant", "formats", "purpose"}
)  # fmt: skip
#: Calls whose arguments are ids, keys or actions, not words.
ID_CALLS = frozenset(
    {"t", "tn", "msg", "Message", "query_one", "query", "Binding", "work", "getattr",
     "import_module", "add_mode", "switch_mode", "set_class", "add_class", "remove_class",
     "has_class", "startswith", "endswith", "split", "replace", "join", "get", "Option",
     "Argument", "Typer", "command", "callback", "add_typer", "environ", "getenv"}
)  # fmt: skip
RICH_STYLE = re.compile(r"^(?:bold|italic|dim|underline|reverse|not|on|red|green|yellow|blue"
                        r"|magenta|cyan|white|black|\s)+$")  # fmt: skip

#: Literals that are not words for a user, file by file, each with its reason. (The debt
#: left when the catalogue moved to gettext is paid: add nothing here but such markers.)
ALLOWED: dict[str, frozenset[str]] = {
    # The marker the switch adapter returns for an empty diff: compared, never shown (the
    # screen shows switch.no_change instead).
    "tui/widgets/switch_diff.py": frozenset({"(no change)"}),
}


def _skipped(tree: ast.AST) -> set[int]:
    skip: set[int] = set()

    def all_of(node: ast.AST) -> None:
        skip.update(id(sub) for sub in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            skip.add(id(first.value))  # a docstring
        if isinstance(node, ast.keyword) and node.arg in NOT_WORDS:
            all_of(node.value)
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(x, ast.Name) and x.id in ("DEFAULT_CSS", "CSS") for x in targets):
                all_of(node)
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", "")
            if name in ID_CALLS:
                for a in node.args:
                    all_of(a)
        if isinstance(node, ast.Subscript):
            all_of(node.slice)  # data["key"]
        if isinstance(node, ast.Compare):
            all_of(node)  # comparisons with codes
    return skip


def _shown(tree: ast.AST) -> set[int]:
    """Literals given to an output call: as arguments, in a list or tuple of them, or as
    parts of an f-string or a concatenation (not inside another call or a loop's iterable)."""
    shown: set[int] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Constant):
            shown.add(id(node))
        elif isinstance(node, ast.List | ast.Tuple | ast.JoinedStr | ast.BinOp | ast.IfExp):
            for child in ast.iter_child_nodes(node):
                visit(child)
        elif isinstance(node, ast.FormattedValue):
            visit(node.value)
        elif isinstance(node, ast.ListComp):
            visit(node.elt)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", "")
            if name in SHOWN_BY:
                for a in [*node.args, *(k.value for k in node.keywords)]:
                    visit(a)
    return shown


def words_outside_the_catalogue() -> dict[str, set[str]]:
    """Every literal with words for a user, by file (relative to the repository)."""
    found: dict[str, set[str]] = {}
    for entry in CHECKED:
        base = ROOT / entry
        for path in [base] if base.suffix == ".py" else sorted(base.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            skip, shown = _skipped(tree), _shown(tree)
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                    continue
                text = node.value
                if id(node) in skip or RICH_STYLE.match(text):
                    continue
                if WORDS.search(text) or (id(node) in shown and WORD.search(text)):
                    found.setdefault(str(path.relative_to(ROOT)), set()).add(text)
    return found


def test_front_ends_take_their_words_from_the_catalogue() -> None:
    new = {
        path: sorted(texts - ALLOWED.get(path, frozenset()))
        for path, texts in words_outside_the_catalogue().items()
    }
    new = {path: texts for path, texts in new.items() if texts}
    assert new == {}, (
        "words for a user written in the code: put them in the catalogue (a new "
        "crisis/catalogue/<branch>.py, then python3 dev.py i18n absorb) and call t()"
    )


def test_the_allow_list_holds_only_literals_still_there() -> None:
    found = words_outside_the_catalogue()
    stale = {p: sorted(x - found.get(p, set())) for p, x in ALLOWED.items()}
    assert {p: x for p, x in stale.items() if x} == {}, "remove these from ALLOWED"


def test_the_check_sees_a_sentence_given_to_echo(tmp_path: Path) -> None:
    tree = ast.parse('import typer\ntyper.echo("vault unlocked")\ntyper.echo(t("a.b", "fr"))\n')
    skip, shown = _skipped(tree), _shown(tree)
    flagged = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and id(n) not in skip
        and (WORDS.search(n.value) or (id(n) in shown and WORD.search(n.value)))
    ]
    assert flagged == ["vault unlocked"]
