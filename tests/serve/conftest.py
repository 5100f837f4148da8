"""Shared pieces for the web page tests: invented letters, a fixed auditor, an app on a temp database.

The fixed auditor finds phrases by string search, so these tests pin the page's behaviour (order,
highlights, copy text) independently of how far extraction and scoring have got.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from letter_audit.letter import Letter
from letter_audit.report import (
    CriterionResult,
    Evidence,
    GpAction,
    MedicationChange,
    Report,
    Triage,
)
from letter_audit.serve.app import create_app
from letter_audit.serve.security import ServeSettings

ROUTINE_LETTER = (
    "Dear Dr Patel\n"
    "Re: Mrs Ada Example, NHS number 999 000 0001\n"
    "Seen in cardiology clinic on 3 November 2026.\n"
    "Medication changes: aspirin stopped because of indigestion.\n"
    "GP to check U&E in 1 week.\n"
    "We will see her again in 3 months.\n"
)
URGENT_LETTER = (
    "Dear Dr Patel\n"
    "Re: Mr Ben Sample, NHS number 999 000 0002\n"
    "Discharged from the acute medical unit on 5 November 2026.\n"
    "URGENT: ramipril started 2.5 mg once daily.\n"
    "Please refer him to dermatology for the rash.\n"
)


def _ev(text: str, phrase: str, rule: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(text=phrase, start=start, end=start + len(phrase), page=1, rule=rule)


def fixed_audit(letter: Letter) -> Report:
    """A report built by string search: enough structure to drive every part of the page."""
    text = letter.text
    meds: list[MedicationChange] = []
    actions: list[GpAction] = []
    if "aspirin stopped" in text:
        meds.append(
            MedicationChange(
                drug="aspirin",
                action="stop",
                reason="indigestion",
                evidence=_ev(text, "aspirin stopped", "test.med"),
            )
        )
    if "ramipril started" in text:
        meds.append(
            MedicationChange(
                drug="ramipril",
                action="start",
                dose_after="2.5 mg once daily",
                evidence=_ev(text, "ramipril started 2.5 mg once daily", "test.med"),
            )
        )
    if "GP to check U&E" in text:
        actions.append(
            GpAction(
                text="check U&E",
                category="monitoring",
                timeframe="in 1 week",
                evidence=_ev(text, "GP to check U&E in 1 week", "test.act"),
            )
        )
    if "refer him to dermatology" in text:
        actions.append(
            GpAction(
                text="refer him to dermatology for the rash",
                category="referral",
                inappropriate=True,
                rule="onward_referral",
                evidence=_ev(text, "Please refer him to dermatology", "test.act"),
            )
        )
    urgent = "URGENT" in text
    criteria = [
        CriterionResult(
            id="medication_changes_stated",
            title="Medication changes stated with a reason",
            status="met" if meds else "not_met",
            explanation="Each change names the drug.",
            evidence=[m.evidence for m in meds],
        ),
        CriterionResult(
            id="contact_point",
            title="Clear point of contact",
            status="not_met",
            explanation="No telephone number or email for the team.",
        ),
    ]
    return Report(
        source=letter.source,
        letter_type="discharge_summary" if "Discharged" in text else "clinic_letter",
        medication_changes=meds,
        gp_actions=actions,
        criteria=criteria,
        score=40 if urgent else 75,
        rating="poor" if urgent else "needs_improvement",
        triage=Triage(
            priority="urgent" if urgent else "routine",
            reason="new medicine started" if urgent else "",
            missing=["contact point"],
        ),
    )


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "page has no CSRF field"
    return found.group(1)


MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[MakeClient]:
    """Build a TestClient for an app with the given settings on a fresh database in ``tmp_path``."""
    clients: list[TestClient] = []

    def make(
        *,
        max_upload_mb: float = 20,
        allow_remote: bool = False,
        host: str = "127.0.0.1",
        auditor: Callable[[Letter], Report] | None = fixed_audit,
    ) -> TestClient:
        settings = ServeSettings.make(
            tmp_path / "store.sqlite", host=host, allow_remote=allow_remote, max_upload_mb=max_upload_mb
        )
        client = TestClient(create_app(settings, auditor=auditor), base_url="http://127.0.0.1")
        client.settings = settings  # type: ignore[attr-defined]
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


def upload(client: TestClient, files: list[tuple[str, bytes]], *, csrf: str | None = None) -> str:
    """Upload through the inbox form; returns the Location the upload redirects to."""
    token = csrf if csrf is not None else csrf_of(client.get("/").text)
    response = client.post(
        "/upload",
        data={"csrf": token},
        files=[("files", (name, data, "application/octet-stream")) for name, data in files],
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response.headers["location"]
