"""Whole-process timings of microcred against `python -c pass` and `fzf --filter`.

    python benchmarks/bench.py            # bundled catalog, then synthetic 1k, 10k and 100k
    python benchmarks/bench.py --sizes 1000 --runs 5

Prints a Markdown table of medians (wall clock, peak memory of the process) and the ratios
that issue 7 sets as targets. Each command runs in a fresh process, as a user would run it;
the catalog cache is warm except in the "rebuild" rows. fzf comes from the distribution's
packages; when it is missing (and cannot be installed) its rows are skipped with a note.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gen_catalog import generate  # noqa: E402

MICROCRED = [sys.executable, "-m", "microcred"]


def run_once(argv: list[str], env: dict[str, str], stdin: Path | None = None) -> tuple[float, float]:
    """(seconds, peak resident MiB) of one process."""
    with Path(stdin or os.devnull).open("rb") as feed:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def median(argv: list[str], env: dict[str, str], runs: int, stdin: Path | None = None) -> tuple[float, float]:
    run_once(argv, env, stdin)  # warm the page cache
    samples = [run_once(argv, env, stdin) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def find_fzf() -> str | None:
    found = shutil.which("fzf")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "fzf"], capture_output=True, check=False)
        found = shutil.which("fzf")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    import microcred

    compileall.compile_dir(Path(microcred.__file__).parent, quiet=1)  # as an install would
    work = Path(tempfile.mkdtemp(prefix="microcred-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MICROCRED_CATALOG")}
    env |= {"MICROCRED_HOME": str(work / "bundled"), "NO_COLOR": "1", "COLUMNS": "100"}
    rows: list[tuple[str, float, float, str]] = []

    base, base_mem = median([sys.executable, "-c", "pass"], env, args.runs)
    rows.append(("python -c pass", base, base_mem, "1.0×"))

    def against(label: str, argv: list[str], target: float | None, environ: dict[str, str]) -> float:
        seconds, mem = median(argv, environ, args.runs)
        ratio = seconds / base
        verdict = f"{ratio:.1f}×" + (
            f" (target ≤ {target:g}×: {'met' if ratio <= target else 'NOT met'})" if target else ""
        )
        rows.append((label, seconds, mem, verdict))
        return seconds

    run_once([*MICROCRED, "search", "python", "--json"], env)  # build the bundled catalog's cache
    against("search python --json (bundled)", [*MICROCRED, "search", "python", "--json"], 6, env)
    against("search python (table)", [*MICROCRED, "search", "python"], 10, env)
    against("--help", [*MICROCRED, "--help"], 10, env)
    compare = [
        "compare",
        "--degree",
        "imperial-msc",
        "-p",
        "harvardx-tiny-machine-learning",
        "-p",
        "harvardx-data-science",
    ]
    against("compare (published example)", [*MICROCRED, *compare], 10, env)
    against(
        "recommend --field data-science --budget 800",
        [*MICROCRED, "recommend", "--field", "data-science", "--budget", "800"],
        10,
        env,
    )

    fzf = find_fzf()
    notes = [] if fzf else ["fzf not found and not installable here: its rows are skipped."]
    for size in args.sizes:
        home = work / f"n{size}"
        yaml_file = generate(size, home)
        titles = home / "titles.txt"
        with yaml_file.open(encoding="utf-8") as src, titles.open("w", encoding="utf-8") as out:
            out.writelines(
                line[len("  title: ") :].strip().strip('"') + "\n"
                for line in src
                if line.startswith("  title: ")
            )
        scaled = env | {"MICROCRED_HOME": str(home)}
        search = [*MICROCRED, "search", "python", "--json"]
        seconds, mem = run_once(search, scaled)  # first run: builds the cache
        rows.append(
            (f"{size:,}: first run (rebuild)", seconds, mem, "target ≤ 30 s" if size >= 100_000 else "")
        )
        warm = against(f"{size:,}: search python --json", search, None, scaled)
        if fzf:
            fzf_s, fzf_mem = median([fzf, "--filter", "python"], scaled, args.runs, stdin=titles)
            rows.append((f"{size:,}: fzf --filter python", fzf_s, fzf_mem, ""))
            rows[-2] = (
                *rows[-2][:3],
                f"{warm / fzf_s:.1f}× fzf" + (" (target ≤ 3×)" if size >= 100_000 else ""),
            )
        against(
            f"{size:,}: search pyhton --json (typo)", [*MICROCRED, "search", "pyhton", "--json"], None, scaled
        )

    print("| command | median s | peak MiB | ratio |")
    print("|---|---:|---:|---|")
    for label, seconds, mem, verdict in rows:
        print(f"| {label} | {seconds:.3f} | {mem:.0f} | {verdict} |")
    for note in notes:
        print(f"\n{note}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
