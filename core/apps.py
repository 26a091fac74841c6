from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Netralitas core"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import capabilities

        # Every app's capabilities.py declares its roles and capabilities (see core/capabilities.py).
        autodiscover_modules("capabilities")
        capabilities.finish_declarations()
