from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core import cache

from .forms import ProfileForm
from .languages import preferred_language, set_preferred_language


def rate_limited(request, exception):
    """django-ratelimit's refusal: too many requests, or a limit that the cache, down,
    cannot count (503: the person did nothing wrong)."""
    return render(request, "429.html", status=503 if cache.failing() else 429)


@login_required
def profile(request):
    """The person's own account: the language of what is sent to them."""
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            set_preferred_language(request.user, form.cleaned_data["language"])
            messages.success(request, _("Your preferred language is saved."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(initial={"language": preferred_language(request.user)})
    return render(
        request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200
    )
