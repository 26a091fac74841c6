urlpatterns = []  # the pakta integritas pages (issue 8)
