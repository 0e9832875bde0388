"""Tenures: a person named with a post (kg.recognise.people). Resolved to the person, the post
(under the organisation the post names, when it is one) and a hkpr:Tenure of the release."""

from __future__ import annotations

from kg.emit import (
    A_NT,
    IRIS_WRITTEN,
    P_NT,
    GraphWriter,
    derived,
    hkpr,
    nt_day,
    nt_iri,
)
from kg.facts import Kind
from kg.lexicon import organisation_class
from kg.model import Tenure
from kg.recognise.document import Document
from kg.resolve import BODY_WORDS, Resolution, Resolved, ResolvedTenure

_TENURE = str(hkpr("Tenure"))


def _recognise(doc: Document) -> list[Tenure]:
    return [
        Tenure(t.person, t.post, t.sentence, t.honorific, t.post_org, t.post_org_named, t.form)
        for t in doc.people.tenures
    ]


def _resolve(records: list[Tenure], r: Resolution) -> None:
    resolver, c, aliases, release = r.resolver, r.collector, r.aliases, r.release
    for t in records:
        if t.honorific:
            r.honorifics.setdefault(t.person, t.honorific)
    for t in records:
        org = None
        if t.post_org:
            org = resolver.org(t.post_org, aliases=aliases)
            if not org.known and t.post_org.split()[-1] in BODY_WORDS:
                org = resolver.body(t.post_org, aliases=aliases)  # "Chairman of the Business Council"
            if org.known or org.kind == "body" or organisation_class(t.post_org) != "Organization":
                named = t.post_org_named
                org = c.add(org, mention=named)
                if named:
                    aliases.add(org, (t.post_org,))
            else:
                org = None  # "Governor of Guangdong Province": a place, not an organisation
        post = c.add(resolver.post(t.post, org))
        if post.parent is not None:
            c.add_parents(post)
        who = r.person(t.person)
        r.out.tenures.append(
            ResolvedTenure(
                r.iris.tenure(release.id, t.person, post.label), who, post.iri, release.date, t.sentence
            )
        )


def _emit(resolved: Resolved, w: GraphWriter, release: str) -> None:
    out = w.triples
    iri = IRIS_WRITTEN.get
    for t in resolved.tenures:
        node, post, person = nt_iri(t.iri), iri(t.post) or nt_iri(t.post), iri(t.person) or nt_iri(t.person)
        out[(node, A_NT, _TENURE)] = None
        out[(node, P_NT["post"], post)] = None
        out[(node, P_NT["holder"], person)] = None
        out[(node, P_NT["date"], nt_day(t.date))] = None
        derived(out, release, t.iri, node, t.sentence)
        out[(post, P_NT["heldBy"], person)] = None


KIND = Kind("tenures", Tenure, _recognise, _resolve, _emit)
