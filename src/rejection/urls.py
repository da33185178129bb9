from django.contrib import admin
from django.urls import include, path

from rejection.api.urls import api
from rejection.web.views.bench import hello, hello_signed_in

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    # The load benchmark's yardstick (benchmarks/load.py): no database, every middleware.
    path("bench/hello/", hello, name="bench_hello"),
    path("bench/hello/me/", hello_signed_in, name="bench_hello_signed_in"),
    path("", include("rejection.web.urls")),
]

# allauth answers its rate limits with this view (a page with Retry-After); Django ignores it.
handler429 = "rejection.core.limits.too_many_requests"
