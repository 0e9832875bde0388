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
        description="the server's public URL, e.g. https://example.org/hkpr: every absolute URL the server"
        " writes starts with it (default: the request's host, if --allowed-hosts has it)",
    )
    allowed_hosts: str | None = Field(
        None,
        description="comma-separated Host header values the server answers to when it has no --public-url,"
        " '*' for any (default: the --host address and localhost, with the port)",
    )
    worker_memory: int = Field(
        default_factory=lambda data: default_worker_memory(data.get("workers") or 1),
        ge=64 << 20,
        le=1 << 44,
        description="bytes of memory one query worker may use before its query is stopped (507)"
        " (default: a quarter of the machine's memory shared among the workers, 256 MiB to 4 GiB each)",
    )
    max_bytes: int = Field(
        16 << 20,
        ge=1024,
        le=1 << 34,
        description="largest answer in bytes: a longer one is cut after a whole row (X-SPARQL-Truncated),"
        " or refused (507) when its first row is larger",
    )
    max_header_bytes: int = Field(
        16 << 10,
        ge=1024,
        le=1 << 24,
        description="largest request head (request line and header fields, the URL not counted) (431)",
    )
    header_timeout: float = Field(
        10.0, gt=0, le=3600, description="seconds a client may take to send a request's head (408)"
    )
    queue_limit: int = Field(
        default_factory=lambda data: 4 * (data.get("workers") or 1),
        ge=0,
        le=100_000,
        description="queries that may wait for a busy worker; more are refused at once (503 with Retry-After)"
        " (default: 4 per worker)",
    )
    client_queries: int = Field(
        default_factory=lambda data: max(1, (data.get("workers") or 1) // 2),
        ge=1,
        le=100_000,
        description="queries one client address may have running at once; more wait, and past half the"
        " queue are refused (429 with Retry-After) (default: half the workers, at least 1)",
    )

    @field_validator("allowed_hosts")
    @classmethod
    def _hosts(cls, v: str | None) -> str | None:
        if v is None:
            return v
        hosts = [h.strip().lower() for h in v.split(",") if h.strip()]
        if not hosts or any(any(c in h for c in "/ @?#") for h in hosts):
            raise ValueError(f"allowed hosts must be host[:port] values separated by commas: {v!r}")
        return ",".join(hosts)

    def trusted_hosts(self) -> frozenset[str] | None:
        """The Host header values answered to (lower case), None for any: without --allowed-hosts,
        the bound address and the names of the loopback address, with and without the port."""
        if self.allowed_hosts is not None:
            hosts = frozenset(self.allowed_hosts.split(","))
            return None if "*" in hosts else hosts
        names = {self.host.lower()}
        if self.host in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "::"):
            names |= {"localhost", "127.0.0.1", "[::1]"}
        names = {f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names}
        if self.public_url:
            names.add(urlsplit(self.public_url).netloc.lower())
        return frozenset(names | {f"{n}:{self.port}" for n in names})

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
        defaults: dict[str, Any] = {}
        for name, f in cls.model_fields.items():
            if f.default_factory is None:
                default = f.default
            elif f.default_factory_takes_validated_data:
                default = f.default_factory(defaults)  # type: ignore[call-arg]
            else:
                default = f.default_factory()  # type: ignore[call-arg]
            defaults[name] = default
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


def machine_memory() -> int:
    """Bytes of memory this process may use: the machine's, or its control group's if lower."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        total = 8 << 30
    for limit in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(limit) as f:
                value = f.read().strip()
        except OSError:
            continue
        if value.isdigit() and 0 < int(value) < total:
            total = int(value)
    return total


def default_worker_memory(workers: int) -> int:
    """A quarter of the machine's memory shared among the workers: at least 256 MiB each, at most
    4 GiB (queries over a graph of a few million triples need far less)."""
    return min(4 << 30, max(256 << 20, machine_memory() // 4 // max(1, workers)))


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
        if err["type"] == "default_factory_not_called":  # a default that follows a refused value
            continue
        name = "--" + str(err["loc"][0]).replace("_", "-") if err["loc"] else "settings"
        lines.append(f"{name}: {err['msg'].removeprefix('Value error, ')}")
    return "\n".join(lines)
