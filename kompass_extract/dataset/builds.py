"""A build (the tables, ``datapackage.json`` and ``manifest.json`` of one run) replaces the
previous one as a whole.

A build is written aside, into ``OUT/.builds/.<id>.partial/``; once every file is written and
flushed to disk the folder is renamed ``OUT/.builds/<id>/`` (complete) and swapped in:

- where the file system has symbolic links (Linux, macOS): ``OUT/.builds/current`` is a link
  to the complete build, replaced by one atomic rename, and each ``OUT/<file>`` is a fixed
  link to ``.builds/current/<file>``. A reader of OUT sees the old build or the new one,
  never a mix, and a crash or a full disk at any point leaves the previous build whole;
- elsewhere (Windows without the right to make links, FAT or exFAT drives): the complete
  build's files are moved into OUT one by one, ``manifest.json`` last; a run killed while
  moving them leaves a mix that the next run finishes moving before it does anything else.

At the start of a run (under the run's lock) ``recover`` removes what a killed run left: an
incomplete build, and any build that is not the current one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

BUILDS_FOLDER = ".builds"
CURRENT = "current"
PARTIAL_SUFFIX = ".partial"
MANIFEST_NAME = "manifest.json"  # moved last, so it is the last file of a build to appear
DISK_FULL_ERRNOS = frozenset(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if code is not None
)


def builds_folder(out: Path) -> Path:
    return Path(out) / BUILDS_FOLDER


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error means no space is left (also from libraries that lose the errno)."""
    if isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS:
        return True
    text = str(exc)
    return any(os.strerror(code) in text for code in DISK_FULL_ERRNOS)


@contextlib.contextmanager
def partial_build(out: Path) -> Iterator[Path]:
    """A new, empty folder for a build; removed again unless the block succeeds."""
    folder = builds_folder(out)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    partial = folder / f".{stamp}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}"
    partial.mkdir()
    try:
        yield partial
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)  # frees the space a full disk needs back
        raise


def complete(partial: Path) -> Path:
    """Flush every file of a written build to disk and mark it complete (by its name)."""
    for path in sorted(partial.iterdir()):
        flush_to_disk(path)
    flush_to_disk(partial)
    final = partial.with_name(partial.name[1 : -len(PARTIAL_SUFFIX)])
    os.replace(partial, final)
    flush_to_disk(final.parent)
    return final


def flush_to_disk(path: Path) -> None:
    """fsync a file or folder (folders only where the platform allows opening them)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return  # a folder on Windows
    try:
        os.fsync(fd)
    except OSError as exc:
        if is_disk_full(exc):
            raise
    finally:
        os.close(fd)


def write_build(out: Path, write: Callable[[Path], object]) -> list[Path]:
    """Write a build with ``write(folder)`` and swap it in; the paths of OUT it shows as.

    Raises whatever ``write`` raises (an ``OSError`` for a full disk among them), leaving the
    previous build whole and no trace of the new one.
    """
    with partial_build(out) as partial:
        write(partial)
        build = complete(partial)
    try:
        return publish(out, build)
    except BaseException:
        if build.is_dir() and not is_current(out, build) and links_supported(out):
            shutil.rmtree(build, ignore_errors=True)
        raise


def is_current(out: Path, build: Path) -> bool:
    current = builds_folder(out) / CURRENT
    return current.is_symlink() and os.readlink(current) == build.name


# --- publishing -----------------------------------------------------------------------------


def publish(out: Path, build: Path) -> list[Path]:
    """Make ``build`` (a complete build folder) the one OUT shows; OUT's paths of its files."""
    names = sorted(p.name for p in build.iterdir())
    if links_supported(out):
        point_current_at(out, build)
        link_names(out, names)
        remove_other_builds(out, keep=build.name)
    else:
        move_into(out, build)
    return [Path(out) / name for name in names]


def links_supported(out: Path) -> bool:
    """Whether symbolic links can be made in ``OUT/.builds`` (tried once per call)."""
    folder = builds_folder(out)
    if (folder / CURRENT).is_symlink():
        return True
    probe = folder / f".probe-{secrets.token_hex(4)}.tmp"
    try:
        os.symlink(".", probe, target_is_directory=True)
    except (OSError, NotImplementedError) as exc:
        if is_disk_full(exc):
            raise
        return False
    probe.unlink()
    return True


def replace_with_link(link: Path, target: str, *, folder: bool = False) -> None:
    """Make ``link`` a symbolic link to ``target`` (a relative path; ``folder``: a folder's)
    in one atomic step."""
    temporary = link.with_name(f".{link.name}.{secrets.token_hex(4)}.tmp")
    os.symlink(target, temporary, target_is_directory=folder)
    try:
        os.replace(temporary, link)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def point_current_at(out: Path, build: Path) -> None:
    """The swap: one rename makes ``OUT/.builds/current`` name ``build``."""
    replace_with_link(builds_folder(out) / CURRENT, build.name, folder=True)
    flush_to_disk(builds_folder(out))


def link_names(out: Path, names: list[str]) -> None:
    """``OUT/<name>`` -> ``.builds/current/<name>`` for each name; links of ours to names the
    current build lacks (another --format earlier) are removed."""
    prefix = os.path.join(BUILDS_FOLDER, CURRENT, "")
    for name in names:
        link = Path(out) / name
        if not (link.is_symlink() and os.readlink(link) == prefix + name):
            replace_with_link(link, prefix + name)
    for entry in Path(out).iterdir():
        ours = entry.is_symlink() and os.readlink(entry).startswith(prefix)
        if ours and entry.name not in names:
            entry.unlink()


def remove_other_builds(out: Path, keep: str) -> None:
    for entry in builds_folder(out).iterdir():
        if entry.name != keep and not entry.is_symlink() and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def move_into(out: Path, build: Path) -> None:
    """Without links: move the build's files into OUT, the manifest last, then drop the folder.
    Safe to repeat after a kill: files already moved are simply no longer in ``build``."""
    files = sorted(build.iterdir(), key=lambda p: (p.name == MANIFEST_NAME, p.name))
    for path in files:
        os.replace(path, Path(out) / path.name)
    flush_to_disk(Path(out))
    shutil.rmtree(build, ignore_errors=True)


# --- the state of OUT -----------------------------------------------------------------------


def recover(out: Path) -> list[str]:
    """Clean up after a killed run, before a new one; what was done, in words.

    Incomplete builds are removed (the previous build was never touched). With links, any
    complete build that is not the current one is removed too; without them, a build whose
    files were being moved into OUT is moved the rest of the way.
    """
    folder = builds_folder(out)
    if not folder.is_dir():
        return []
    done = []
    for entry in sorted(folder.iterdir()):
        if entry.name.endswith(PARTIAL_SUFFIX) or entry.name.endswith(".tmp"):
            remove(entry)
            done.append(f"removed an incomplete build left by an interrupted run ({entry.name})")
    if links_supported(out):
        current = folder / CURRENT
        keep = os.readlink(current) if current.is_symlink() else None
        for entry in sorted(folder.iterdir()):
            if entry.name not in (CURRENT, keep):
                remove(entry)
        return done
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            move_into(out, entry)
            done.append(f"finished putting in place the build of an interrupted run ({entry.name})")
    return done


def remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)


def describe_state(out: Path) -> str:
    """What OUT holds, in words, for a message after a failed or interrupted run."""
    manifest = Path(out) / MANIFEST_NAME
    try:
        created = json.loads(manifest.read_text(encoding="utf-8")).get("created")
    except (OSError, ValueError, AttributeError):
        return f"{out} holds no complete build yet"
    return f"{out} still holds the previous build, whole and unchanged (made {created})"
