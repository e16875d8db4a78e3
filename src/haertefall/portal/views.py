from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """Start page: each part adds its work queue for the user's role (see portal/dashboard.py)."""
    from .dashboard import dashboard_panels

    return render(request, "core/home.html", {"panels": dashboard_panels(request.user)})
