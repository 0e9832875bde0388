"""SHACL validation of the reasoned graph with pyshacl; the report is data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyshacl import validate as pyshacl_validate

from kg.paths import shape_files
from kg.terms import rdflib_graph

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: which node broke which shape, and the shape's message."""

    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str
    message: str
    shape: str
    value: str = ""

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


@dataclass
class Validation:
    conforms: bool
    results: list[Violation] = field(default_factory=list)

    @property
    def violations(self) -> list[Violation]:
        return [r for r in self.results if r.severity == "Violation"]


def load_shapes(paths: Iterable[Path] | None = None) -> rdflib.Graph:
    shapes = rdflib.Graph()
    for path in paths if paths is not None else shape_files():
        shapes.parse(path, format="turtle")
    return shapes


def validate(triples: Iterable[ox.Triple | ox.Quad], shapes: rdflib.Graph | None = None) -> Validation:
    """Validate the reasoned graph (asserted + inferred + ontology triples) against the shapes."""
    data = rdflib_graph(triples)
    return validate_graph(data, shapes if shapes is not None else load_shapes())


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph) -> Validation:
    conforms, report, _ = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    return Validation(bool(conforms), read_report(report))


def read_report(report: rdflib.Graph) -> list[Violation]:
    """The results of a SHACL validation report graph, sorted."""
    results = []
    for result in report.objects(None, SH.result):

        def one(p: rdflib.URIRef, result: rdflib.term.Node = result) -> str:
            value = report.value(result, p)
            return "" if value is None else str(value)

        severity = one(SH.resultSeverity).rsplit("#", 1)[-1]
        results.append(
            Violation(
                severity=severity,
                focus=one(SH.focusNode),
                path=one(SH.resultPath),
                message=one(SH.resultMessage),
                shape=one(SH.sourceShape),
                value=one(SH.value),
            )
        )
    return sorted(results)
