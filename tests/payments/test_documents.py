"""payments/ keeps its own CPF and CNPJ check (the leaf imports nothing of posapp): it must
accept and refuse exactly what posapp.core's does, typed as a manager types them."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from payments.documents import is_valid_cnpj, is_valid_cpf, only_cnpj_characters, only_cpf_digits
from posapp.core import cnpj, cpf

_SEPARATORS = st.sampled_from(["", ".", "-", "/", " "])


def typed(characters: str, size: int) -> st.SearchStrategy[str]:
    """`size` characters with a person's punctuation between some of them."""
    return st.lists(
        st.tuples(st.sampled_from(characters), _SEPARATORS), min_size=size, max_size=size
    ).map(lambda pairs: "".join(char + sep for char, sep in pairs))


@given(st.one_of(typed("0123456789", 11), st.from_regex(r"\d{11}", fullmatch=True)))
@example("0000000000\u0ce6")  # a Kannada zero is a digit to `\d`, not to a CPF
def test_the_leafs_cpf_check_agrees_with_posapps(text: str) -> None:
    digits = only_cpf_digits(text)
    assert is_valid_cpf(digits) == cpf.is_valid_cpf(text)


@given(
    st.one_of(
        typed("0123456789", 14),
        typed("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 12).map(lambda base: base + "00"),
        st.builds(
            lambda base: base + cnpj.cnpj_check_digits(base),
            st.from_regex(r"[0-9A-Z]{12}", fullmatch=True),
        ),
    )
)
def test_the_leafs_cnpj_check_agrees_with_posapps(text: str) -> None:
    assert is_valid_cnpj(only_cnpj_characters(text)) == cnpj.is_valid_cnpj(text)
