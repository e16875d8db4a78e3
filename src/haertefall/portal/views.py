from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """Start page: each part adds its work queue for the user's role (see portal/dashboard.py)."""
    from haertefall.cases.access import can_see_office_queues

    from .dashboard import dashboard_panels

    if can_see_office_queues(request.user):
        # The office starts from „Meine Fälle“ (decision 0118).
        from haertefall.cases.work_views import my_cases

        return my_cases(request)
    return render(request, "core/home.html", {"panels": dashboard_panels(request.user)})
