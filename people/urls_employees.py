from django.urls import path

from .views import employees

urlpatterns = [
    path("", employees.employee_list, name="employee_list"),
    path("<int:employee_id>/", employees.employee_detail, name="employee_detail"),
    path("<int:employee_id>/ubah/", employees.employee_edit, name="employee_edit"),
    path("saya/", employees.my_profile, name="my_profile"),
    path("unit-kerja/", employees.workunit_list, name="workunit_list"),
]
