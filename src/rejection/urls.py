from django.contrib import admin
from django.urls import include, path

from rejection.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("", include("rejection.web.urls")),
]

# allauth answers its rate limits with this view (a page with Retry-After); Django ignores it.
handler429 = "rejection.core.limits.too_many_requests"
