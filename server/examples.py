"""Worked example queries for the query page: each answers a question a researcher asks."""

from __future__ import annotations

from dataclasses import dataclass

PROLOGUE = """PREFIX hkpr: <https://w3id.org/hkpr/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@dataclass(frozen=True)
class Example:
    key: str
    question: str
    query: str


EXAMPLES: tuple[Example, ...] = (
    Example(
        "meetings",
        "The meetings of each body, with their dates and chairs",
        PROLOGUE
        + """
SELECT ?body ?ordinal ?date (GROUP_CONCAT(DISTINCT ?chairName; separator=", ") AS ?chairs) ?meeting
WHERE {
  ?meeting a hkpr:Meeting ;
           hkpr:meetingOf ?b .
  ?b rdfs:label ?body .
  OPTIONAL { ?meeting hkpr:ordinal ?ordinal }
  OPTIONAL { ?meeting schema:startDate ?date }
  OPTIONAL { ?meeting hkpr:chair/foaf:name ?chairName }
}
GROUP BY ?body ?ordinal ?date ?meeting
ORDER BY ?body ?date ?ordinal
""",
    ),
    Example(
        "post-on-date",
        "Who held a post on a given date (first and last seen in the post around it)",
        PROLOGUE
        + """
# An incumbency spans the first and last day releases saw a person in a post.
# Change the date, or the filter on the post's name, to ask about another day or post.
SELECT ?post ?name ?first ?last
WHERE {
  ?i a hkpr:Incumbency ;
     hkpr:post ?p ;
     hkpr:holder/foaf:name ?name ;
     hkpr:firstObserved ?first ;
     hkpr:lastObserved ?last .
  FILTER (?first <= "2024-01-18"^^xsd:date && "2024-01-18"^^xsd:date <= ?last)
  ?p rdfs:label ?post .
  FILTER (CONTAINS(LCASE(STR(?post)), "secretary"))
}
ORDER BY ?post ?name
""",
    ),
    Example(
        "attendance",
        "Who attended meetings most often (chairs count as participants)",
        PROLOGUE
        + """
SELECT ?name (COUNT(DISTINCT ?meeting) AS ?meetings) ?person
WHERE {
  ?meeting a hkpr:Meeting ;
           hkpr:participant ?person .
  ?person foaf:name ?name .
}
GROUP BY ?person ?name
ORDER BY DESC(?meetings) ?name
LIMIT 20
""",
    ),
    Example(
        "zones-in-gba",
        "The zones inside the Greater Bay Area",
        PROLOGUE
        + """
SELECT DISTINCT ?zone ?label
WHERE {
  ?gba a hkpr:Zone ;
       rdfs:label|skos:altLabel ?gbaName .
  FILTER (CONTAINS(LCASE(STR(?gbaName)), "greater bay area"))
  ?zone hkpr:partOf ?gba ;
        rdfs:label ?label .
}
ORDER BY ?label
""",
    ),
)
