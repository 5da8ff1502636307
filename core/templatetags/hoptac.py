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


@register.simple_tag
def link_to(obj, name):
    """A link to ``obj.<name>``, or the neutral "restricted record" marker (no link, no name)
    when the viewer may not see it, or nothing when the link is empty (DESIGN.md 4.1)."""
    from django.utils.html import format_html

    from access.links import RESTRICTED, is_hidden_link

    if is_hidden_link(obj, name):
        return format_html(
            '<span class="text-muted fst-italic" data-testid="restricted">{}</span>', RESTRICTED
        )
    linked = getattr(obj, name, None)
    if not linked:
        return ""
    url = linked.get_absolute_url() if hasattr(linked, "get_absolute_url") else ""
    return format_html('<a href="{}">{}</a>', url, linked) if url else format_html("{}", linked)
