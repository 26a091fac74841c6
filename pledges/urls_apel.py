urlpatterns = []  # the apel pages (issue 7)
