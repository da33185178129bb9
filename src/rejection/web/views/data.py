"""Your data: download everything, import a copy, delete the account."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from pydantic import ValidationError

from rejection.core.contracts import problems
from rejection.core.errors import Refused
from rejection.data import services
from rejection.data.contracts import AccountDeletion
from rejection.web.access import MemberRequest, member
from rejection.web.errors import add_refusal, read_into

GOODBYE = (
    "Your account and everything in it have been deleted. Thank you for every ask you made; "
    "you are welcome back any time."
)

# An import's problems shown at once; a badly broken file could have thousands.
SHOWN_PROBLEMS = 20


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Export file (.json)",
        help_text="A file downloaded from this page, here or on another server. Up to 20 MB.",
        widget=forms.FileInput(attrs={"accept": "application/json,.json"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _attachment(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _import(request: MemberRequest, form: ImportForm) -> tuple[dict[str, int] | None, int]:
    """Run the import a valid form carries; return the report, or None and the status."""
    upload = form.cleaned_data["file"]
    if upload.size > services.IMPORT_LIMIT:
        form.add_error("file", "This file is larger than 20 MB, the most an import can take.")
        return None, 413
    try:
        document = services.parse_export(upload.read())
        return services.import_user(request.user, document).as_dict(), 200
    except services.MalformedDocument:
        form.add_error("file", "This file is not an export from Rejection Therapy (not JSON).")
        return None, 400
    except ValidationError as error:
        named = problems(error, indices=True)
    except Refused as refused:
        named = refused.fields or {"file": [refused.message]}
    found = [f"{path}: {text}" for path, texts in named.items() for text in texts]
    for message in found[:SHOWN_PROBLEMS]:
        form.add_error("file", message)
    if len(found) > SHOWN_PROBLEMS:
        form.add_error("file", f"… and {len(found) - SHOWN_PROBLEMS} more like these.")
    return None, 400


@member
def data(request: MemberRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    report, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            report, status = _import(request, form)
            if report is not None:
                form = ImportForm()
    context = {"form": form, "report": report}
    return render(request, "web/data.html", context, status=status)


@member
def export_json(request: MemberRequest) -> HttpResponse:
    name = services.export_filename(request.user, "export") + ".json"
    return _attachment(services.export_json(request.user), "application/json", name)


@member
def export_csv(request: MemberRequest) -> HttpResponse:
    name = services.export_filename(request.user, "attempts") + ".csv"
    return _attachment(services.attempts_csv(request.user), "text/csv", name)


@member
def delete_account(request: MemberRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    deletion = None
    if request.method == "POST" and form.is_valid():
        deletion = read_into(form, AccountDeletion, form.cleaned_data)
    if deletion is not None:
        try:
            services.delete_account(request.user, deletion)
        except Refused as refused:
            add_refusal(form, refused)
        else:
            logout(request)
            messages.success(request, GOODBYE)
            return redirect("landing")
    status = 400 if form.errors else 200
    return render(request, "web/account_delete.html", {"form": form}, status=status)
