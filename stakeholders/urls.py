app_name = "stakeholders"

urlpatterns = []
