"""Consistent backups of the database and the uploaded files, and their restore into a new
database (docs/operations.md, "Backup and restore").

A backup is a folder: ``database.dump`` (PostgreSQL, ``pg_dump`` custom format) or
``database.sqlite3`` (SQLite's online backup API), ``media.tar`` (every file of the default
storage, read through the storage API so a shared volume and S3 alike are saved) and
``manifest.json`` (what, when, from which version, and the audit chain's head). The database is
copied first and the files second: every file the copy refers to was there when it was taken.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import connections

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def _pg_env(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """libpq connection options and environment for pg_dump / pg_restore / psql."""
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools).") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, walking its folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _storage_files(storage, f"{folder}/{sub}" if folder else sub)


def audit_head() -> dict[str, Any]:
    """The audit chain's last entry (id and hash): a restore must end on the same one."""
    from .models import AuditEntry

    last = AuditEntry.objects.order_by("-pk").values("pk", "entry_hash").first()
    return {
        "entries": AuditEntry.objects.count(),
        "last_id": last and last["pk"],
        "last_hash": last and last["entry_hash"],
    }


def backup(destination: Path, *, using: str = "default") -> Path:
    """Write a backup folder under ``destination`` and return it."""
    connection = connections[using]
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(destination) / f"hoptac-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    settings_dict = connection.settings_dict
    head = audit_head()
    if connection.vendor == "postgresql":
        database = "database.dump"
        args, env = _pg_env(settings_dict)
        # One transaction (a consistent snapshot) in pg_dump's compressed custom format, without
        # owners and grants, so it restores into a database of any name and owner.
        _run(
            [
                "pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(folder / database),
                str(settings_dict["NAME"]),
            ],
            env,
        )
    elif connection.vendor == "sqlite":
        database = "database.sqlite3"
        # SQLite's online backup API: a consistent copy while the server keeps writing.
        source = sqlite3.connect(str(settings_dict["NAME"]))
        target = sqlite3.connect(str(folder / database))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        raise BackupError(f"No backup method for the {connection.vendor} database.")
    storage = storages["default"]
    count = 0
    with tarfile.open(folder / "media.tar", "w") as archive:
        for name in _storage_files(storage):
            with storage.open(name, "rb") as handle:
                data = handle.read()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            count += 1
    manifest = {
        "format": FORMAT,
        "created": datetime.datetime.now(tz=datetime.UTC).isoformat(),
        "vendor": connection.vendor,
        "database": database,
        "media": "media.tar",
        "media_files": count,
        "audit": head,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return folder


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text())
    except FileNotFoundError as exc:
        raise BackupError(f"{folder} holds no {MANIFEST}: not a hoptac backup.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("Unknown backup format {}.".format(manifest.get("format")))
    return manifest


def _create_postgres_database(config: dict[str, Any]) -> None:
    """Create the target database; refuse one that exists (a restore never overwrites)."""
    args, env = _pg_env(config)
    name = str(config["NAME"])
    probe = subprocess.run(
        [
            "psql",
            *args,
            "--dbname",
            "postgres",
            "--tuples-only",
            "--no-align",
            "--command",
            "SELECT 1 FROM pg_database WHERE datname = '{}'".format(name.replace("'", "''")),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        raise BackupError(f"psql failed: {probe.stderr.strip()}")
    if probe.stdout.strip() == "1":
        raise BackupError(f"The database {name} exists: a restore goes into a new database.")
    _run(["createdb", *args, "--template", "template0", "--encoding", "UTF8", name], env)


def restore(folder: Path, *, database_url: str, media_root: Path | None = None) -> dict[str, Any]:
    """Restore a backup folder into the new database of ``database_url`` and its files into
    ``media_root`` (or the default storage). Returns the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    config = dj_database_url.parse(database_url)
    engine = config["ENGINE"]
    if manifest["vendor"] == "postgresql":
        if "postgresql" not in engine:
            raise BackupError("A PostgreSQL backup restores into PostgreSQL.")
        _create_postgres_database(config)
        args, env = _pg_env(config)
        _run(
            [
                "pg_restore",
                *args,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                str(config["NAME"]),
                str(folder / manifest["database"]),
            ],
            env,
        )
    elif manifest["vendor"] == "sqlite":
        if "sqlite" not in engine:
            raise BackupError("An SQLite backup restores into SQLite.")
        target = Path(config["NAME"])
        if target.exists():
            raise BackupError(f"{target} exists: a restore goes into a new database.")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkstemp(dir=target.parent, suffix=".partial")[1])
        shutil.copyfile(folder / manifest["database"], partial)
        partial.replace(target)
    else:
        raise BackupError("Unknown database {}.".format(manifest["vendor"]))
    storage: Storage = FileSystemStorage(location=str(media_root)) if media_root else storages["default"]
    with tarfile.open(folder / manifest["media"], "r") as archive:
        for member in archive.getmembers():
            if not member.isfile() or member.name.startswith("/") or ".." in Path(member.name).parts:
                continue
            if storage.exists(member.name):
                storage.delete(member.name)
            handle = archive.extractfile(member)
            saved = storage.save(member.name, ContentFile(handle.read() if handle else b""))
            if saved != member.name:
                raise BackupError(f"The storage renamed {member.name} to {saved}.")
    return manifest


def describe_target(database_url: str) -> str:
    """The target database without its password, for messages."""
    parts = urlsplit(database_url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}{parts.path}"
