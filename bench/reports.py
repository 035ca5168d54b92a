"""How long a report build takes, stage by stage and notebook by notebook.

Prints, for the default corpus (or ``--corpus``):

1. each stage of the prepared corpus (load, copies, stories, matrix, choice of k,
   topics): seconds to compute it in a fresh project, and to read it back;
2. each notebook as JupyterLab's "Run All" runs it (kernel started in ``notebooks/``,
   default parameters), once in a fresh project (the notebook computes what it needs)
   and once after the others (the stages are read back);
3. the whole build, ``corpus-tools report CORPUS --format html,pdf``, in a fresh project
   and again with the stages kept, wall-clock and CPU seconds (this process's children:
   the builder, the notebook kernels and Chromium), beside the same command of a
   baseline git revision (``--baseline``, by default where this branch left main: the
   code before this change) in the same run, and the page count of each PDF. The
   machine is shared: compare the ratios, and CPU seconds more than wall time;
4. the corpus-shape matrix (``tests/shapes.py``: page dumps, HTML, exports, an ingest
   Parquet, undated, one and two outlets, ten articles): which notebooks build on which
   shape, with this checkout and with the baseline (``--skip shapes`` to leave out).

    nice .venv/bin/python bench/reports.py [--corpus data/raw] [--baseline main] [--format html]
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of a command (and everything it started and waited for)."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return wall, _children_cpu() - cpu


def _env(processed: Path, code: Path | None = None) -> dict:
    """A fresh derived-data folder, and the checkout whose corpus_tools is imported (by
    this process's children and by the notebook kernels they start)."""
    env = dict(os.environ, CORPUS_TOOLS_PROCESSED_DIR=str(processed))
    env.pop("CORPUS_TOOLS_TABLES_DIR", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def snapshot(source: Path, target: Path) -> Path:
    """A copy of a working tree (its code, notebooks and data), so that editing the
    checkout while the benchmark runs changes nothing it measures."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(
        ".venv", ".git", "reports", "processed", "__pycache__", "*.egg-info", ".pytest_cache"))
    return target


def checkout(revision: str, target: Path) -> Path:
    """The tree of a git revision (e.g. main, the code before this change)."""
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def stages(corpus: str, work: Path, code: Path) -> None:
    print("\n1. Stages of the prepared corpus (fresh project; then read back)")
    script = ("import corpus_tools as ct, sys\n"
              f"p = ct.prepare({corpus!r}, progress=False).compute()\n"
              "print(p.timings.to_csv(index=False), end='')\n")
    env = _env(work / "stages", code)
    lines = []
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", script], cwd=code, env=env, capture_output=True,
                             text=True, check=True).stdout.strip().splitlines()[1:]
        lines.append({row.split(",")[0]: row.split(",") for row in out})
    print(f"  {'stage':<12} {'compute s':>10} {'read back s':>12}")
    for stage, row in lines[0].items():
        back = lines[1].get(stage, [stage, "", "", "nan"])
        print(f"  {stage:<12} {float(row[1]):>10.1f} {float(back[3]):>12.2f}")
    total = sum(float(r[1]) for r in lines[0].values())
    print(f"  {'all':<12} {total:>10.1f} {sum(float(r[3]) for r in lines[1].values()):>12.2f}")


def run_all(work: Path, code: Path) -> None:
    """Each notebook executed as JupyterLab runs it: kernel in notebooks/, defaults."""
    print("\n2. Run All of each notebook, as in JupyterLab (kernel in notebooks/, default "
          "parameters): alone in a fresh project; in order 01, 02 ... in one project; again")
    def execute(source: Path, folder: Path) -> tuple[float, float]:
        script = ("import jupytext, papermill\n"
                  f"nb = jupytext.read({str(source)!r})\n"
                  f"papermill.execute_notebook(nb, None, cwd={str(source.parent)!r}, "
                  "kernel_name='corpus-tools', progress_bar=False)\n")
        return _run([sys.executable, "-c", script], code, _env(folder, code))

    sources = sorted((code / "notebooks").glob("[0-9][0-9]_*.py"))
    fresh = {s.stem: execute(s, work / f"lab-{s.stem}") for s in sources}
    in_order = {s.stem: execute(s, work / "lab-shared") for s in sources}
    again = {s.stem: execute(s, work / "lab-shared") for s in sources}
    print(f"  {'notebook':<22} {'alone, fresh: wall s':>21} {'cpu s':>6} {'in order: wall s':>17} "
          f"{'cpu s':>6} {'again: wall s':>14} {'cpu s':>6}")
    for stem in fresh:
        cells = [f"{fresh[stem][0]:>21.1f} {fresh[stem][1]:>6.1f}",
                 f"{in_order[stem][0]:>17.1f} {in_order[stem][1]:>6.1f}",
                 f"{again[stem][0]:>14.1f} {again[stem][1]:>6.1f}"]
        print(f"  {stem:<22} {' '.join(cells)}")


def builds(corpus: str, formats: str, baseline: str | None, work: Path, code: Path) -> None:
    print(f"\n3. The whole build: corpus-tools report {corpus} --format {formats}")
    targets = {"this checkout": code}
    if baseline:
        targets[f"{baseline} (baseline)"] = checkout(baseline, work / f"baseline-{baseline}")
    corpus_path = str((ROOT / corpus).resolve())
    print(f"  {'code':<22} {'fresh: wall s':>14} {'cpu s':>8} {'again: wall s':>14} {'cpu s':>8}")
    rows = {}
    for name, tree in targets.items():
        processed = work / f"processed-{len(rows)}"
        command = [sys.executable, "-m", "corpus_tools.cli", "report", corpus_path, "--out",
                   str(work / f"reports-{len(rows)}"), "--format", formats, "--quiet"]
        # Run from the tree, with it on PYTHONPATH: its own corpus_tools is imported by the
        # builder and by the kernels.
        fresh = _run(command, tree, _env(processed, tree))
        again = _run(command, tree, _env(processed, tree))
        rows[name] = (fresh, again)
        print(f"  {name:<22} {fresh[0]:>14.1f} {fresh[1]:>8.1f} {again[0]:>14.1f} {again[1]:>8.1f}")
        pages = {pdf.stem: _pdf_pages(pdf) for pdf in sorted((work / f"reports-{len(rows) - 1}").glob("*.pdf"))}
        if pages:
            print(f"  {'':<22} PDF pages: " + ", ".join(f"{k} {v}" for k, v in pages.items()))
    if len(rows) == 2:
        (new_f, new_a), (old_f, old_a) = rows.values()
        print(f"  ratio this/baseline: fresh wall {new_f[0] / old_f[0]:.2f}, cpu {new_f[1] / old_f[1]:.2f}; "
              f"again wall {new_a[0] / old_a[0]:.2f}, cpu {new_a[1] / old_a[1]:.2f}")


def _pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))


def shapes(baseline: str | None, work: Path, code: Path) -> None:
    """Every notebook built (HTML) on every corpus shape of the test matrix, by this
    checkout and by the baseline: which reports were written."""
    print("\n4. The corpus-shape matrix (tests/shapes.py): reports written per notebook "
          "(y: built, -: failed)")
    sys.path.insert(0, str(ROOT))
    from tests.shapes import SHAPES

    trees = {"this": code}
    if baseline:
        trees[baseline] = work / f"baseline-{baseline}"
        if not trees[baseline].exists():
            checkout(baseline, trees[baseline])
    results: dict[str, dict[str, dict[str, bool]]] = {}
    for shape in SHAPES:
        folder = work / "shapes" / re.sub(r"\W+", "_", shape.name)
        folder.mkdir(parents=True)
        corpus = str(shape.make(folder))
        for name, tree in trees.items():
            out = folder / f"reports-{name}"
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "corpus_tools.cli", "report", corpus,
                                   "--out", str(out), "--format", "html", "--quiet"], cwd=tree,
                                  env=_env(folder / f"processed-{name}", tree),
                                  capture_output=True, text=True)
            stems = [s.stem for s in sorted((tree / "notebooks").glob("[0-9][0-9]_*.py"))]
            built = {s: (out / f"{s}.html").exists() for s in stems}
            results.setdefault(name, {})[shape.name] = built
            print(f"  {shape.name:<38} {name:<12} {time.perf_counter() - started:6.1f} s  "
                  + " ".join(f"{s[:2]}:{'y' if ok else '-'}" for s, ok in built.items())
                  + ("" if done.returncode == 0 else f"  (exit {done.returncode})"), flush=True)
    for name, by_shape in results.items():
        cells = [ok for built in by_shape.values() for ok in built.values()]
        whole = sum(all(built.values()) for built in by_shape.values())
        print(f"  {name}: {sum(cells)} of {len(cells)} reports built; all notebooks on "
              f"{whole} of {len(by_shape)} shapes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="data/raw", help="corpus (default data/raw)")
    parser.add_argument("--format", default="html,pdf", help="report formats (html,pdf)")
    parser.add_argument("--baseline", default=None,
                        help="git revision to time beside this checkout (default: where this "
                             "branch left main, `git merge-base HEAD main`; '' for none)")
    parser.add_argument("--skip", default="",
                        help="comma-separated parts to skip: stages,lab,build,shapes")
    args = parser.parse_args()
    if args.baseline is None:  # the code before this change, with the dependencies it had
        args.baseline = subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],
                                       capture_output=True, text=True).stdout.strip()[:12]
    skip = set(filter(None, args.skip.split(",")))
    print(f"bench/reports.py on {args.corpus}; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs at the start")
    with tempfile.TemporaryDirectory(prefix="bench_reports_") as tmp:
        work = Path(tmp)
        code = snapshot(ROOT, work / "this-checkout")
        if "stages" not in skip:
            stages(args.corpus, work, code)
        if "lab" not in skip:
            run_all(work, code)
        if "build" not in skip:
            builds(args.corpus, args.format, args.baseline or None, work, code)
        if "shapes" not in skip:
            shapes(args.baseline or None, work, code)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
