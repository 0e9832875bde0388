"""The server's settings: declared once (name, type, default, help); the CLI options derive from them."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kg.iris import DEFAULT_BASE


class Settings(BaseModel):
    """How the server runs. Every field is one `kg serve` option (`--query-timeout` for `query_timeout`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path | None = Field(None, description="a built data folder (with store/, dumps/, report.json)")
    base_iri: str | None = Field(
        None,
        description=f"the base of the data IRIs, served under /id/ (default: the build's, else {DEFAULT_BASE})",
    )
    host: str = Field("127.0.0.1", min_length=1, description="the interface to listen on")
    port: int = Field(8000, ge=0, le=65535, description="the TCP port to listen on")
    query_timeout: float = Field(
        10.0, gt=0, le=3600, description="seconds a query may run before it is stopped (504)"
    )
    max_rows: int = Field(
        10_000, ge=1, le=10_000_000, description="most result rows (or triples) one query returns"
    )
    max_request_bytes: int = Field(
        1_000_000, ge=1024, le=1 << 30, description="largest request body or query string accepted (413/414)"
    )
    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        le=256,
        description="query worker processes (default: the number of CPUs)",
    )
    frontends: int = Field(
        1,
        ge=1,
        le=64,
        description="server processes answering on the port, the query workers and the cache shared out"
        " between them",
    )
    cache_bytes: int = Field(
        64 << 20,
        ge=0,
        le=1 << 40,
        description="memory in bytes for the answers to repeated queries (each complete answer up to 1/8 of it);"
        " 0 turns the cache off",
    )
    backend: str | None = Field(
        None,
        description="serve through this remote SPARQL endpoint instead of the local store, with the same limits",
    )
    public_url: str | None = Field(
        None,
        description="the server's public URL, e.g. https://example.org/hkpr (default: the request's host)",
    )

    @field_validator("base_iri")
    @classmethod
    def _base(cls, v: str | None) -> str | None:
        if v is None:
            return v
        parts = urlsplit(v)
        if parts.scheme not in ("http", "https") or not parts.netloc or not v.endswith(("/", "#")):
            raise ValueError(f"base IRI must be an absolute http(s) IRI ending in '/' or '#': {v!r}")
        return v

    @field_validator("backend")
    @classmethod
    def _backend(cls, v: str | None) -> str | None:
        if v is None:
            return v
        parts = urlsplit(v)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment:
            raise ValueError(f"backend must be an absolute http(s) URL of a SPARQL endpoint: {v!r}")
        return v

    @field_validator("public_url")
    @classmethod
    def _public(cls, v: str | None) -> str | None:
        if v is None:
            return v
        parts = urlsplit(v)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError(f"public URL must be an absolute http(s) URL without query or fragment: {v!r}")
        return v.rstrip("/")

    @classmethod
    def options(cls) -> list[tuple[str, Any, Any, str]]:
        """The declaration: (name, type, default, help) per setting, in order."""
        out = []
        for name, f in cls.model_fields.items():
            default = f.default_factory() if f.default_factory else f.default  # type: ignore[call-arg]
            out.append((name, f.annotation, default, f.description or ""))
        return out

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser, skip: tuple[str, ...] = ()) -> None:
        """Add one `--option` per setting (values are checked when `from_args` builds the settings)."""
        for name, annotation, default, help_ in cls.options():
            if name in skip:
                continue
            flag = "--" + name.replace("_", "-")
            kind = _argtype(annotation)
            shown = f" (default: {default})" if default is not None and "default" not in help_ else ""
            parser.add_argument(flag, dest=name, type=kind, default=None, help=help_ + shown)

    @classmethod
    def from_args(cls, args: argparse.Namespace, **overrides: Any) -> Settings:
        """Settings from parsed options (those left unset keep their defaults), refusing nonsense values."""
        values = {n: getattr(args, n) for n in cls.model_fields if getattr(args, n, None) is not None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _argtype(annotation: Any) -> Any:
    text = str(annotation)
    if "Path" in text:
        return Path
    if annotation is int:
        return int
    if annotation is float:
        return float
    return str


def settings_error(exc: ValidationError) -> str:
    """One line per refused value: "--max-rows: Input should be greater than or equal to 1"."""
    lines = []
    for err in exc.errors():
        name = "--" + str(err["loc"][0]).replace("_", "-") if err["loc"] else "settings"
        lines.append(f"{name}: {err['msg'].removeprefix('Value error, ')}")
    return "\n".join(lines)
