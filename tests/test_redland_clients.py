"""Clients nobody here wrote: Redland's `roqet` queries the endpoint, `rapper` parses what it serves."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from test_server_support import running_server

from kg.build import build
from kg.paths import SAMPLE_DIR

ROQET, RAPPER = shutil.which("roqet"), shutil.which("rapper")
pytestmark = pytest.mark.skipif(
    not (ROQET and RAPPER), reason="Redland's roqet/rapper not installed (apt raptor2-utils rasqal-utils)"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("redland") / "graph"
    build([SAMPLE_DIR], out, shacl=False)
    with running_server(out, "--workers", "1") as url:
        yield url


def run(*args: str, data: bytes | None = None) -> str:
    done = subprocess.run(args, input=data, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode() + done.stderr.decode()


def test_roqet_queries_the_endpoint(server: str) -> None:
    out = run(
        ROQET, "-p", f"{server}/sparql", "-e",
        "SELECT ?name WHERE { ?m <https://w3id.org/hkpr/ontology#ordinal> 10 ; "
        "<https://w3id.org/hkpr/ontology#chair> ?c . ?c <http://xmlns.com/foaf/0.1/name> ?name }",
    )  # fmt: skip
    assert 'name=string("Sun Dong")' in out and 'name=string("Wang Shourui")' in out


@pytest.mark.parametrize(
    ("dump", "syntax"), [("hkpr.ttl.gz", "turtle"), ("hkpr.nt.gz", "ntriples"), ("hkpr.nq.gz", "nquads")]
)
def test_rapper_parses_the_dumps(server: str, tmp_path: Path, dump: str, syntax: str) -> None:
    data = gzip.decompress(httpx.get(f"{server}/dumps/{dump}", timeout=30).content)
    out = run(RAPPER, "-i", syntax, "-c", "-", "http://example.org/", data=data)
    assert "Parsing returned" in out and " 0 triples" not in out


def test_rapper_dereferences_a_data_iri(server: str) -> None:
    out = run(RAPPER, "-c", f"{server}/id/person/sun-dong")
    count = int(out.split("Parsing returned ")[1].split()[0])
    assert count > 5
