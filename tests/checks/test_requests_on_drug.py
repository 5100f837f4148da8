"""requests._on_changed_drug: a drug the request does not name costs no pattern of its own."""

from __future__ import annotations

from letter_audit.checks import requests as rq


def test_on_changed_drug_compiles_only_for_drugs_the_request_names() -> None:
    text = "Please check a PSA in 6 months on the Finasteride."
    drugs = ("zzunnamedolol", "finasteride")
    assert rq._on_changed_drug(text, drugs) is True
    assert "finasteride" in rq._ON_DRUG
    assert "zzunnamedolol" not in rq._ON_DRUG  # not in the text: never compiled, never searched
    assert rq._on_changed_drug("Please check a PSA in 6 months.", drugs) is False
    assert rq._on_changed_drug("Finasteride was started; check a PSA in 6 months.", ("finasteride",)) is False
    assert rq._on_changed_drug("bloods a week after starting the sacubitril", ("sacubitril",)) is True
