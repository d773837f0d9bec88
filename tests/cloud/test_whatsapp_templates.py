"""Every message kind has an approved-template mapping whose parameters the counter's facts fill."""

from __future__ import annotations

from cloud.whatsapp import ACCESS_KIND_TEMPLATE, DEFAULT_TEMPLATES, FACT_NAMES, missing_defaults
from posapp.core.messages import MessageKind


def test_each_kind_goes_out_as_a_template_with_parameters_the_facts_give() -> None:
    assert missing_defaults() == []
    for kind in MessageKind:
        template = DEFAULT_TEMPLATES[kind.value]
        assert template.params, kind
        assert set(template.params) <= FACT_NAMES, kind
        assert template.category in ("utility", "marketing"), kind
    code = DEFAULT_TEMPLATES[ACCESS_KIND_TEMPLATE]
    assert (code.params, code.category) == (("code",), "authentication")
