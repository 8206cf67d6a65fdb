"""One vocabulary of table kinds (issue 24): parsers/tables/kinds.py lists them; the rules,
the export and the GUI's translatable names are keyed by that list, nothing else."""

from __future__ import annotations

import ast
from pathlib import Path

from parsers.tables import kinds

ROOT = Path(__file__).resolve().parents[1]


def test_every_layer_names_the_same_kinds() -> None:
    from gui.catalog import CATALOG as GUI_NAMES
    from model.export.catalog import SHEETS
    from model.validation.registry import CODED_KINDS, KIND_NAMES

    assert tuple(GUI_NAMES) == kinds.KINDS
    assert KIND_NAMES is kinds.CATALOG and CODED_KINDS is kinds.CODED_KINDS
    assert {s.kind for s in SHEETS if s.kind} <= set(kinds.KINDS)


def test_no_other_module_lists_the_kinds() -> None:
    """Outside kinds.py no literal names the kinds (kind -> a name string) or lists the
    catalog (nine kinds or more). Per-kind data (a canonical header, a rule's patterns)
    and the few kinds a rule reads are no second vocabulary."""
    offenders = []
    for path in [*ROOT.glob("parsers/**/*.py"), *ROOT.glob("model/**/*.py")]:
        if path.name == "kinds.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keyed = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                names = all(
                    isinstance(v, ast.Constant) and isinstance(v.value, str) for v in node.values
                )
                if len(set(keyed) & set(kinds.KINDS)) >= 4 and names:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} names kinds")
            elif isinstance(node, ast.Set | ast.List | ast.Tuple):
                listed = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(listed & set(kinds.KINDS)) >= 9:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} lists the catalog")
    assert offenders == []
