"""The interpretation page of a session, for interpretation coordinators and officers:
set-up, staffing plan and coverage; a sitting's own interpretation; exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import interpretation_planner_required
from sessions_app.models import Session, Sitting

from . import exports, queries, services, staffing
from .forms import SessionSetupForm, SittingInterpretationForm
from .models import LanguageChannel, SittingInterpretation


@interpretation_planner_required
def index(request):
    """The coordinator's start page (linked from the header): the sessions not yet over
    first, soonest first, then the past ones, latest first."""
    today = timezone.localdate()
    sessions = Session.objects.select_related("series")
    return render(
        request,
        "interpretation/index.html",
        {
            "current": sessions.filter(end_date__gte=today).order_by("start_date", "title"),
            "past": sessions.filter(end_date__lt=today).order_by("-start_date", "title"),
        },
    )


@interpretation_planner_required
def session_interpretation(request, slug: str):
    session = get_object_or_404(Session.objects.select_related("room"), slug=slug)
    channels = {
        channel.language.code: channel
        for channel in LanguageChannel.objects.filter(session=session).select_related("language")
    }
    plan, coverage = queries.coverage(session)
    form = SessionSetupForm(
        request.POST or None, instance=plan.setup, session=session, channels=channels
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_session_setup(
                session,
                mode=form.cleaned_data["mode"],
                rsi_platform=form.cleaned_data["rsi_platform"],
                floor_channel=form.cleaned_data["floor_channel"],
                channels=form.channels(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Interpretation set-up saved."))
            return redirect("interpretation:session", slug=slug)
    return render(
        request,
        "interpretation/session.html",
        {
            "session": session,
            "plan": plan,
            "coverage": coverage,
            "demand": queries.session_demand(coverage),
            "form": form,
            "rules": staffing,
            "hearing_assistance": queries.hearing_assistance(session),
        },
    )


@interpretation_planner_required
def sitting_interpretation(request, slug: str, pk: int):
    sitting = get_object_or_404(
        Sitting.objects.select_related("session"), pk=pk, session__slug=slug
    )
    own = SittingInterpretation.objects.filter(sitting=sitting).first()
    initial = {
        "own_languages": bool(own and own.languages is not None),
        "languages": own.languages if own and own.languages is not None else [],
        "mode": own.mode if own else "",
        "long_remote_interventions": bool(own and own.long_remote_interventions),
    }
    form = SittingInterpretationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_sitting_interpretation(
            sitting,
            languages=form.chosen_languages(),
            mode=form.cleaned_data["mode"],
            long_remote_interventions=form.cleaned_data["long_remote_interventions"],
        )
        messages.success(request, _("Interpretation of %(sitting)s saved.") % {"sitting": sitting})
        return redirect("interpretation:session", slug=slug)
    return render(request, "interpretation/sitting.html", {"sitting": sitting, "form": form})


@interpretation_planner_required
def export(request, slug: str, what: str, kind: str):
    """The plan or the coverage as CSV or PDF."""
    if kind not in ("csv", "pdf"):
        raise Http404
    session = get_object_or_404(Session, slug=slug)
    if what == "plan":  # the plan alone: no demand to count
        plan = queries.session_plan(session)
        body = exports.plan_csv(plan) if kind == "csv" else exports.plan_pdf(plan)
    else:
        plan, coverage = queries.coverage(session)
        body = (
            exports.coverage_csv(coverage)
            if kind == "csv"
            else exports.coverage_pdf(plan, coverage)
        )
    content_type = "text/csv; charset=utf-8" if kind == "csv" else "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}-interpretation-{what}.{kind}"'
    return response
