"""No false certificates: every single-field tampering is rejected, or claims nothing new.

The full run, every tampering of every certificate, is ``make fuzz``; here CI runs all the
tamperings of the archive and of one fresh certificate of every kind, and a fixed sample of
those of the (larger) converse certificates.
"""

from __future__ import annotations

import copy
import json

import pytest

from tests.tampering import corpus, neutral_reason, tamperings
from ualign.certify.checker import check_certificate
from ualign.certify.schema import FIELDS, NEUTRAL_FIELDS

CORPUS = corpus()
#: Every 10th tampering of the converse certificates (impartial culture up to m = 6).
SAMPLE_EVERY = {"certificates": 10}


def _sampled(name: str):
    every = SAMPLE_EVERY.get(name.split("/")[0], 1)
    cert, _ = CORPUS[name]
    return [t for i, t in enumerate(tamperings(cert)) if i % every == 0]


def test_the_corpus_covers_every_kind_and_checks():
    kinds = {cert["kind"] for cert, _ in CORPUS.values()}
    inner = {c["kind"] for cert, _ in CORPUS.values() for c in cert.get("certificates", [])}
    assert kinds | inner == set(FIELDS)
    for name, (cert, folder) in CORPUS.items():
        assert check_certificate(cert, folder).ok, name


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_tampering_is_rejected_or_neutral(name):
    cert, folder = CORPUS[name]
    accepted = [desc for desc, tampered in _sampled(name)
                if check_certificate(tampered, folder).ok and neutral_reason(cert, desc) is None]
    assert accepted == []


def test_the_neutral_list_is_short_and_says_why():
    assert len(NEUTRAL_FIELDS) <= 8
    assert all(len(reason) > 40 for reason in NEUTRAL_FIELDS.values())


def _archived(name: str) -> dict:
    return copy.deepcopy(CORPUS[f"archive/{name}"][0])


def _rejected(cert: dict, words: str) -> None:
    result = check_certificate(cert, CORPUS["archive/ne-unique"][1])
    assert not result.ok and words in result.reason, result.reason


def test_the_campaign_s_false_acceptances_are_refused():
    cert = _archived("nlhf-product-k-robust")
    cert["refutes"]["rate"], cert["refutes"]["bound"] = "1/2", "1/2"  # NLHF wins 51/100 there
    _rejected(cert, "not less than the bound 1/2")
    cert = _archived("nlhf-product-k-robust")
    del cert["certificates"][0]  # the maximal-lottery certificate that ties policy to nlhf
    _rejected(cert, "needs exactly one maximal-lottery certificate")
    cert = _archived("achievability-half")
    cert["certificates"][0] = _archived("asymmetric-ne")["certificates"][1]
    _rejected(cert, "")
    cert = _archived("ne-unique")
    del cert["certificates"][1]
    _rejected(cert, "")
    for key, value in (("worst_competitor", [1]), ("shortfall", "1/6"), ("slack", "1/100")):
        cert = _archived("achievability-strict")
        cert[key] = value
        _rejected(cert, key)


def test_a_converse_certificate_that_overstates_is_refused():
    cert, folder = CORPUS["certificates/converse-m4-k2-share"]
    for key, value, words in (("statement", "no policy wins more than 3/4", "statement"),
                              ("arithmetic", "float", "arithmetic"),
                              ("ualign_certificate", 99, "format version")):
        changed = json.loads(json.dumps(cert))
        changed[key] = value
        result = check_certificate(changed, folder)
        assert not result.ok and words in result.reason
