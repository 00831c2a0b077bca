"""Build the book's two editions: English at the site's root, Chinese under `zh/`.

    python -m zhuzhou_book.editions              # run by `make book`: both editions, each only if stale
    python -m zhuzhou_book.editions --lang zh_CN # one edition
    python -m zhuzhou_book.editions --force      # build even when the stamp says up to date

Both editions are built from the same sources by jupyter-book's own Sphinx entry point
(`jupyter_book.sphinx.build_sphinx`, as `jupyter-book build` calls it), with Sphinx warnings as
errors and nitpicky references; only `language` differs, so the Chinese pages take their prose from
the message catalogues in `locales/` and their numbers, tables and figures from the same notebooks.

- English: `_build/html` (doctrees `_build/.doctrees`), exactly where `jupyter-book build .` puts it.
- Chinese: built in `_build/zh/html` with its own doctrees (`_build/zh/.doctrees`) and its own
  `jupyter_execute` folder (myst-nb writes it beside the output folder, so a build straight into
  `_build/html/zh` would publish it), then mirrored to `_build/html/zh/`: changed files copied,
  files the build no longer writes (a removed page) deleted.

Why stamps: Sphinx's incremental build still loads the environment, the dataset and every
extension, and writes the generated pages again, which takes seconds per edition. Each edition is
skipped when a hash of everything it is built from (sources, catalogues, data, library, config,
pins, the downloads listing) equals the one stored after its last successful build.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zhuzhou_innovation.paths import BUILD, REPO

STAMPS = BUILD / "generated"


@dataclass(frozen=True)
class Edition:
    """Where one edition is built and published."""

    language: str
    base: Path  # holds the builder's output folder, `.doctrees` and `jupyter_execute`
    site: Path  # where the edition is served from

    @property
    def outdir(self) -> Path:
        return self.base / "html"

    @property
    def stamp_path(self) -> Path:
        return STAMPS / f"edition-{self.language}.stamp"


def editions(build: Path = BUILD) -> dict[str, Edition]:
    """The editions of the book, English first (the Chinese one is mirrored into its site)."""
    return {
        "en": Edition("en", build, build / "html"),
        "zh_CN": Edition("zh_CN", build / "zh", build / "html" / "zh"),
    }


# What an edition is built from, relative to the repository (folders are walked).
INPUTS: tuple[str, ...] = (
    "book",
    "data",
    "lib",
    "locales",
    "_config.yml",
    "_toc.yml",
    "requirements.txt",
    "pyproject.toml",
    "_build/generated/downloads.json",
    "_build/generated/jieba-userdict.txt",
)
# Never inputs: caches, compiled catalogues (Sphinx writes the .mo files while building), the source
# pages Sphinx itself writes from data/ (data/ is an input), notebooks' checkpoints.
_SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
_SKIP_SUFFIXES = {".mo", ".pyc"}
_SKIP_DIRS = ("book/sources",)


def input_files(root: Path = REPO) -> list[Path]:
    """Every file an edition is built from, in a stable order."""
    found: list[Path] = []
    for name in INPUTS:
        top = root / name
        paths: Iterable[Path] = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for path in paths:
            rel = path.relative_to(root).as_posix()
            if (
                path.is_file()
                and not _SKIP_PARTS & set(path.parts)
                and path.suffix not in _SKIP_SUFFIXES
                and not any(rel.startswith(d + "/") for d in _SKIP_DIRS)
            ):
                found.append(path)
    return found


def stamp(edition: Edition, root: Path = REPO) -> str:
    """A hash of the edition's language and of the name and bytes of every input file."""
    h = hashlib.sha256(edition.language.encode() + b"\0")
    for path in input_files(root):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def up_to_date(edition: Edition, current: str) -> bool:
    """Whether the edition was built from exactly these inputs and its pages are all there."""
    path = edition.stamp_path
    return path.is_file() and path.read_text().strip() == current and (edition.site / "index.html").is_file()


def extensions_hash(root: Path = REPO) -> str:
    """A hash of the book's own Sphinx extensions and templates (lib/zhuzhou_book)."""
    h = hashlib.sha256()
    folder = root / "lib" / "zhuzhou_book"
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".py", ".html")):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _fresh_environment_if_extensions_changed(doctreedir: Path, root: Path) -> None:
    """Drop the saved environment when the book's extensions changed: Sphinx re-reads a page when
    its source, the config or (sphinx_numbers) the data changed, never when an extension did."""
    mark = doctreedir / "zhuzhou-extensions.stamp"
    current = extensions_hash(root)
    if mark.is_file() and mark.read_text() == current:
        return
    if doctreedir.is_dir():
        shutil.rmtree(doctreedir)
    doctreedir.mkdir(parents=True)
    mark.write_text(current)


def sphinx_build(
    edition: Edition,
    root: Path = REPO,
    builder: str = "html",
    outdir: Path | None = None,
    doctreedir: Path | None = None,
    strict: bool = True,
    quiet: bool = True,
) -> int:
    """Run Sphinx on the book as `jupyter-book build . -W -n --keep-going` does, in one language."""
    from jupyter_book.sphinx import build_sphinx

    doctreedir = doctreedir or edition.base / ".doctrees"
    _fresh_environment_if_extensions_changed(doctreedir, root)
    overrides = {
        "external_toc_path": (root / "_toc.yml").as_posix(),
        "latex_individualpages": False,
        "language": edition.language,
    }
    if strict:
        overrides["nitpicky"] = True
    result = build_sphinx(
        root,
        outdir or edition.outdir,
        noconfig=True,
        path_config=str(root / "_config.yml"),
        confoverrides=overrides,
        builder=builder,
        doctreedir=doctreedir,
        warningiserror=strict,
        keep_going=True,
        quiet=quiet,
    )
    return result if isinstance(result, int) else 1  # build_sphinx returns the exception it caught


def mirror(src: Path, dst: Path) -> tuple[int, int]:
    """Make `dst` a copy of `src`: copy new and changed files, delete the ones `src` no longer has.

    Returns (files copied, files deleted)."""
    copied = deleted = 0
    dst.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        target = dst / rel
        wanted.add(rel)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif not (target.is_file() and filecmp.cmp(path, target, shallow=False)):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            copied += 1
    for path in sorted(dst.rglob("*"), reverse=True):  # files before the folders holding them
        if path.relative_to(dst) in wanted:
            continue
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        else:
            path.unlink()
            deleted += 1
    return copied, deleted


def build(edition: Edition, root: Path = REPO, force: bool = False) -> tuple[str, float]:
    """Build one edition unless up to date; returns what happened and the seconds it took."""
    start = time.perf_counter()
    current = stamp(edition, root)
    if not force and up_to_date(edition, current):
        return "up to date", time.perf_counter() - start
    edition.stamp_path.unlink(missing_ok=True)  # a failed build leaves no stamp behind
    status = sphinx_build(edition, root)
    if status != 0:
        raise SystemExit(
            f"the {edition.language} edition did not build (Sphinx status {status}); "
            "the warnings above say why"
        )
    if edition.site != edition.outdir:
        copied, deleted = mirror(edition.outdir, edition.site)
        note = f"built, {copied} files copied to {edition.site.relative_to(root)}, {deleted} removed"
    else:
        note = "built"
    edition.stamp_path.parent.mkdir(parents=True, exist_ok=True)
    edition.stamp_path.write_text(current + "\n")  # the inputs as they were when the build began
    return note, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lang",
        choices=sorted(editions()),
        action="append",
        help="the edition(s) to build (default: every edition)",
    )
    parser.add_argument("--force", action="store_true", help="build even when up to date")
    args = parser.parse_args(argv)
    for language in args.lang or list(editions()):
        edition = editions()[language]
        what, seconds = build(edition, force=args.force)
        print(
            f"{language} edition {what} in {seconds:.1f} s: {edition.site.relative_to(REPO)}/index.html",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
