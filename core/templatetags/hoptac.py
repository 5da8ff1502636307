from django import template
from django.utils.html import format_html

register = template.Library()

BADGE_CLASSES = {
    "thuong": "badge-cls-thuong",
    "mat": "badge-cls-mat",
    "toi_mat": "badge-cls-toi-mat",
    "tuyet_mat": "badge-cls-tuyet-mat",
}


@register.simple_tag
def classification_badge(level, label=None):
    """A coloured badge for a classification level (Thường, Mật, Tối mật, Tuyệt mật)."""
    from access.choices import Classification

    if not level:
        return ""
    text = label or Classification(level).label
    return format_html('<span class="badge {}">{}</span>', BADGE_CLASSES.get(level, ""), text)


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for sort and page links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
