urlpatterns = []  # recommendations, approvals, letters, sanctions in force (issue 10)
