"""The parameters of the report notebooks: read from their parameters cells, listed,
and checked before anything runs.

Every notebook's cell tagged ``parameters`` declares the shared parameters
(:class:`corpus_tools.prepared.Parameters`, with their defaults) and may add its own
(``n_show = 15  # rows shown ...``). The cell is read from the notebook's jupytext
``.py`` source without running it: ``corpus-tools report --help`` lists every name
with its default and meaning, and an unknown name is refused with the list.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from ..prepared.parameters import PARAMETER_HELP, ParameterError, Parameters, unknown_parameter

__all__ = ["ReportParameter", "check_parameters", "notebook_parameters", "report_parameters"]

_PARAMETERS_CELL = re.compile(r"^# %%.*\btags=\[[^\]]*[\"']parameters[\"'][^\]]*\].*$", re.MULTILINE)


@dataclass
class ReportParameter:
    """A parameter, its default as written in the notebooks, what it means, and where it is used."""

    name: str
    default: str
    help: str
    notebooks: list[str] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)  # by notebook, for a notebook's own

    @property
    def shared(self) -> bool:
        return self.name in PARAMETER_HELP


def _cell_source(source: Path) -> str:
    text = Path(source).read_text(encoding="utf-8")
    start = _PARAMETERS_CELL.search(text)
    if not start:
        return ""
    rest = text[start.end():]
    end = re.search(r"^# %%", rest, flags=re.MULTILINE)
    return rest[: end.start()] if end else rest


def notebook_parameters(source: str | Path) -> dict[str, tuple[str, str]]:
    """``{name: (default as written, comment)}`` of a notebook's parameters cell.

    A comment on the line of the assignment, or on the comment lines just above it,
    is the parameter's help.

    Examples
    --------
    >>> from corpus_tools.reports import notebook_sources
    >>> notebook_parameters(notebook_sources()[0])["n_topics"][0]
    '"auto"'
    """
    cell = _cell_source(Path(source))
    if not cell.strip():
        return {}
    comments: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(cell).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string.lstrip("#").strip()
    found: dict[str, tuple[str, str]] = {}
    for node in ast.parse(cell).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            above, line = [], node.lineno - 1
            while line in comments and not _code_on(cell, line):
                above.insert(0, comments[line])
                line -= 1
            note = comments.get(node.lineno) or " ".join(above)
            found[node.targets[0].id] = (ast.get_source_segment(cell, node.value), note)
    return found


def _code_on(cell: str, lineno: int) -> bool:
    line = cell.splitlines()[lineno - 1] if 0 < lineno <= len(cell.splitlines()) else ""
    return not line.lstrip().startswith("#")


def report_parameters(sources: Iterable[str | Path]) -> list[ReportParameter]:
    """Every parameter of these notebooks: the shared ones first (in their order, with
    their documented meaning), then each notebook's own."""
    table: dict[str, ReportParameter] = {
        name: ReportParameter(name, repr(default), PARAMETER_HELP[name])
        for name, default in Parameters.defaults().items()}
    for source in sources:
        stem = Path(source).stem
        for name, (default, note) in notebook_parameters(source).items():
            entry = table.setdefault(name, ReportParameter(name, default, note))
            entry.notebooks.append(stem)
            entry.defaults[stem] = default
    return list(table.values())


def check_parameters(parameters: Mapping[str, object], sources: Iterable[str | Path]) -> Parameters:
    """The shared parameters checked; every name must be one a notebook declares.

    Raises
    ------
    ParameterError
        For an unknown name (the message lists the known ones) or an unusable value.
    """
    known = report_parameters(sources)
    names = [p.name for p in known]
    for name in parameters:
        if name not in names:
            raise unknown_parameter(name, names)
    own = {p.name for p in known if not p.shared}
    return Parameters.from_mapping(parameters, known=own)


def describe_parameters(sources: Iterable[str | Path]) -> str:
    """The text ``corpus-tools report --help`` shows after its options."""
    lines = ["notebook parameters (-p NAME=VALUE; values are Python literals):", "",
             "  shared by every notebook:"]
    known = report_parameters(sources)
    for param in known:
        if param.shared:
            lines.append(f"    {param.name} = {param.default}\n        {param.help}")
    own = [p for p in known if not p.shared]
    if own:
        lines += ["", "  of some notebooks only:"]
        for param in own:
            by_default: dict[str, list[str]] = {}
            for stem, default in param.defaults.items():
                by_default.setdefault(default, []).append(stem)
            where = "; ".join(f"{d} in {', '.join(s)}" for d, s in by_default.items()
                              if d != param.default)
            notebooks = ", ".join(by_default[param.default])
            lines.append(f"    {param.name} = {param.default}  ({notebooks}"
                         f"{'; ' + where if where else ''})\n        {param.help}")
    return "\n".join(lines)


__all__ += ["ParameterError", "describe_parameters"]
