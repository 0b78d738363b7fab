from django.urls import path, register_converter

from repairlocale.public import views_embed


class ScopeConverter:
    regex = "organisatie|hub|pilootregio"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ScopeConverter, "embedscope")

urlpatterns = [
    path(
        "insluiten/<embedscope:scope>/<str:key>.json",
        views_embed.embed_json,
        name="embed_json",
    ),
    path(
        "insluiten/<embedscope:scope>/<str:key>/",
        views_embed.embed_widget,
        name="embed_widget",
    ),
]
