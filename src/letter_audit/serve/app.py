"""The web page for practice staff: an inbox of the day's letters and a page per letter.

Server-rendered HTML (Jinja2) with one local stylesheet and one local script; no build step and
nothing fetched from elsewhere. Every report comes from ``audit()`` through the shared results store.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException, MultiPartParser

from .. import __version__
from ..errors import TooLarge
from ..report import Report
from ..standard import load_standard
from .inbox import Inbox, InboxItem
from .intake import Checker
from .results import Reports
from .security import CSRF_FIELD, ServeSettings, csrf_ok, csrf_token, guard, set_csrf_cookie
from .views import action_list_text, build_view, drafted_reply

if TYPE_CHECKING:
    from spacy.language import Language

    from ..letter import Letter

HERE = Path(__file__).resolve().parent
MAX_FILES_PER_UPLOAD = 100
PRIORITY_LABELS = {"urgent": "Urgent", "soon": "Soon", "routine": "Routine", "file_only": "File only"}
RATING_LABELS = {"good": "Good", "needs_improvement": "Needs improvement", "poor": "Poor"}


class UploadTooLarge(Exception):
    pass


def _megabytes(n: int) -> str:
    return f"{round(n / (1024 * 1024), 2):g} MB"


def create_app(
    settings: ServeSettings,
    *,
    nlp: Language | None = None,
    auditor: Callable[[Letter], Report] | None = None,
) -> FastAPI:
    """The FastAPI app for one database.

    ``nlp`` defaults to the shipped pipeline, loaded on first use; ``auditor`` replaces ``audit()``.
    """
    standard = load_standard(settings.standard_path)
    inbox = Inbox(settings.db)
    reports = Reports(settings.db, standard)
    checker = Checker(
        inbox=inbox, reports=reports, standard=standard, nlp=nlp, auditor=auditor,
        max_bytes=settings.max_upload_bytes,
    )

    app = FastAPI(title="letter-audit", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.middleware("http")(guard(settings))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(
        priority_labels=PRIORITY_LABELS, rating_labels=RATING_LABELS, version=__version__,
        max_upload=_megabytes(settings.max_upload_bytes), csrf_field=CSRF_FIELD,
    )
    app.state.inbox = inbox
    app.state.checker = checker

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        token = csrf_token(request)
        response = templates.TemplateResponse(request, name, {"csrf": token, **context}, status_code=status)
        set_csrf_cookie(response, token)
        return response

    def problem(request: Request, status: int, title: str, message: str, code: str | None = None) -> Response:
        return page(request, "problem.html", {"title": title, "message": message, "code": code}, status)

    @app.exception_handler(StarletteHTTPException)
    async def http_problem(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Page not found", 405: "Not allowed"}
        title = titles.get(exc.status_code, "Request not understood")
        return problem(request, exc.status_code, title, "Go back to the inbox and try again.")

    @app.get("/", response_class=HTMLResponse)
    def inbox_page(request: Request, added: str = "") -> Response:
        ids = [int(x) for x in added.split(",") if x.isdigit()][:MAX_FILES_PER_UPLOAD]
        just_added = [item for item in (inbox.get(i) for i in ids) if item is not None]
        items = inbox.listing()
        return page(
            request,
            "inbox.html",
            {
                "items": [i for i in items if not i.done],
                "done_items": [i for i in items if i.done],
                "added": [i for i in just_added if not i.failed],
                "failed": [i for i in just_added if i.failed],
            },
        )

    async def _capped_body(request: Request) -> bytes:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.max_upload_bytes:
            raise UploadTooLarge
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > settings.max_upload_bytes:
                raise UploadTooLarge
        return bytes(body)

    async def _parse(request: Request, body: bytes) -> FormData:
        async def replay() -> AsyncGenerator[bytes, None]:
            yield body

        parser = MultiPartParser(
            request.headers, replay(), max_files=MAX_FILES_PER_UPLOAD, max_fields=10
        )
        # The whole body is already in memory and under the limit: keep parts there too, so an
        # upload never touches the disk outside the store.
        parser.spool_max_size = settings.max_upload_bytes + 1
        return await parser.parse()

    @app.post("/upload")
    async def upload(request: Request) -> Response:
        if "multipart/form-data" not in request.headers.get("content-type", ""):
            return problem(request, 400, "Upload not understood", "Choose letter files to upload.")
        try:
            form = await _parse(request, await _capped_body(request))
        except UploadTooLarge:
            error = TooLarge(
                f"upload is over the {_megabytes(settings.max_upload_bytes)} limit; "
                "upload fewer or smaller letters at a time"
            )
            return problem(request, 413, "Upload too large", error.message, error.code)
        except MultiPartException:
            return problem(request, 400, "Upload not understood", "The upload could not be read; try again.")
        submitted = form.get(CSRF_FIELD)
        if not csrf_ok(request, submitted if isinstance(submitted, str) else None):
            return problem(request, 403, "Form expired", "Reload the page and upload the letters again.")
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        uploads = [(f.filename, await f.read()) for f in files if f.filename]
        await form.close()
        if not uploads:
            return problem(request, 400, "No letters chosen", "Choose one or more letter files to upload.")
        from starlette.concurrency import run_in_threadpool

        ids = []
        for filename, data in uploads:
            ids.append(await run_in_threadpool(checker.check, data, filename))
        return RedirectResponse(f"/?added={','.join(map(str, ids))}", status_code=303)

    def _item_or_404(request: Request, item_id: int) -> InboxItem | Response:
        item = inbox.get(item_id)
        if item is None:
            return problem(request, 404, "No such letter", "This letter is not in the inbox.")
        return item

    def _report(item: InboxItem) -> tuple[Report, str] | None:
        """The report and letter text; checks again when the store has no report (new standard)."""
        content = inbox.content(item.id)
        if content is None or item.failed:
            return None
        report = reports.get(item.sha256)
        if report is None or content[1] is None:
            checker.run(item.id, content[0], item.filename)
            report = reports.get(item.sha256)
            content = inbox.content(item.id)
        if report is None or content is None or content[1] is None:
            return None
        return report, content[1]

    @app.get("/letters/{item_id}", response_class=HTMLResponse)
    def letter_page(request: Request, item_id: int) -> Response:
        item = _item_or_404(request, item_id)
        if not isinstance(item, InboxItem):
            return item
        found = _report(item)
        if found is None:
            item = inbox.get(item_id) or item
            return page(request, "letter_error.html", {"item": item}, 422)
        report, text = found
        reply_text, reply_useful = drafted_reply(report, settings.practice)
        return page(
            request,
            "letter.html",
            {
                "item": item,
                "report": report,
                "view": build_view(report, text),
                "action_text": action_list_text(report),
                "reply_text": reply_text,
                "reply_useful": reply_useful,
            },
        )

    @app.get("/letters/{item_id}/report.json")
    def report_json(request: Request, item_id: int) -> Response:
        item = _item_or_404(request, item_id)
        if not isinstance(item, InboxItem):
            return item
        found = _report(item)
        if found is None:
            body = {"source": {"path": item.filename, "sha256": item.sha256},
                    "error": {"code": item.error_code or "LA900", "message": item.error_message or ""}}
        else:
            body = found[0].model_dump(mode="json")
        return Response(
            json.dumps(body, indent=2, ensure_ascii=False),
            media_type="application/json",
            headers={"content-disposition": f'attachment; filename="letter-{item.id}-report.json"'},
        )

    @app.post("/letters/{item_id}/done")
    async def mark_done(request: Request, item_id: int) -> Response:
        form = await request.form(max_files=0, max_fields=5)
        submitted = form.get(CSRF_FIELD)
        if not csrf_ok(request, submitted if isinstance(submitted, str) else None):
            return problem(request, 403, "Form expired", "Reload the page and try again.")
        done = form.get("done") == "1"
        if not inbox.set_done(item_id, done):
            return problem(request, 404, "No such letter", "This letter is not in the inbox.")
        # Only two places to go back to: never a URL taken from the request (no open redirect).
        target = f"/letters/{item_id}" if form.get("back") == "letter" else "/"
        return RedirectResponse(target, status_code=303)

    return app
