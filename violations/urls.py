urlpatterns = []  # catalogue, reports, cases (issue 9)
