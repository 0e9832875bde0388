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
from kg.iris import XSD
from kg.lexicon import organisation_class
from kg.model import Tenure
from kg.recognise.document import Document
from kg.resolve import BODY_WORDS, Resolution, Resolved, ResolvedTenure

_TENURE = str(hkpr("Tenure"))
_ACTING = "Acting "
_ACTING_NT = str(hkpr("acting"))
_TRUE_NT = f'"true"^^<{XSD}boolean>'  # hkpr:acting's value, in N-Triples form


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
        acting, held = _substantive(t.post)
        post = c.add(resolver.post(held, org))
        if post.parent is not None:
            c.add_parents(post)
        who = r.person(t.person)
        key = f"Acting {post.label}" if acting else post.label
        r.out.tenures.append(
            ResolvedTenure(
                r.iris.tenure(release.id, t.person, key), who, post.iri, release.date, t.sentence, acting
            )
        )


def _substantive(post: str) -> tuple[bool, str]:
    """Whether a post is held in an acting capacity, and the substantive post: "Acting Secretary for
    Education" -> (True, "Secretary for Education"); an acting post is not a post of its own."""
    if post.startswith(_ACTING) and len(post) > len(_ACTING) and post[len(_ACTING)].isupper():
        return True, post[len(_ACTING) :]
    return False, post


def _emit(resolved: Resolved, w: GraphWriter, release: str) -> None:
    out = w.triples
    iri = IRIS_WRITTEN.get
    for t in resolved.tenures:
        node, post, person = nt_iri(t.iri), iri(t.post) or nt_iri(t.post), iri(t.person) or nt_iri(t.person)
        out[(node, A_NT, _TENURE)] = None
        out[(node, P_NT["post"], post)] = None
        out[(node, P_NT["holder"], person)] = None
        out[(node, P_NT["date"], nt_day(t.date))] = None
        if t.acting:
            out[(node, _ACTING_NT, _TRUE_NT)] = None
        derived(out, release, t.iri, node, t.sentence)
        out[(post, P_NT["heldBy"], person)] = None


KIND = Kind("tenures", Tenure, _recognise, _resolve, _emit)
