"""smtui.model.password: GetRandomPassword's options, made locally; impossible options are plain errors."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from smtui.errors import ParameterError
from smtui.model.password import PUNCTUATION, PasswordOptions, generate_password


def test_defaults_match_aws() -> None:
    o = PasswordOptions()
    got = (o.PasswordLength, o.ExcludeCharacters, o.IncludeSpace, o.RequireEachIncludedType)
    assert got == (32, "", False, True)
    assert PUNCTUATION == "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" and len(PUNCTUATION) == 32
    pw = generate_password()
    assert isinstance(pw, SecretStr) and "**" in repr(pw)
    assert len(pw.get_secret_value()) == 32


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"PasswordLength": 0}, "PasswordLength", "between 1 and 4096"),
        ({"PasswordLength": 4097}, "PasswordLength", "between 1 and 4096"),
        ({"PasswordLength": "x"}, "PasswordLength", "whole number"),
        ({"ExcludeCharacters": "a" * 4097}, "ExcludeCharacters", "At most 4096"),
        ({"Bogus": True}, "Bogus", "not an option"),
    ],
)
def test_bad_options_are_parameter_errors(data: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(ParameterError) as info:
        PasswordOptions.parse(data)
    assert info.value.field == field and words in str(info.value)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            {"ExcludeLowercase": True, "ExcludeUppercase": True, "ExcludeNumbers": True, "ExcludePunctuation": True},
            "Every character is excluded",
        ),
        ({"ExcludeCharacters": string.ascii_letters + string.digits + PUNCTUATION}, "Every character is excluded"),
        ({"PasswordLength": 3}, "cannot hold one of each required type"),
    ],
)
def test_impossible_options_are_errors_not_crashes(data: dict[str, object], words: str) -> None:
    with pytest.raises(ParameterError) as info:
        generate_password(PasswordOptions.parse(data))
    assert words in str(info.value)


def test_only_space_left_is_allowed() -> None:
    o = PasswordOptions(
        PasswordLength=5,
        IncludeSpace=True,
        ExcludeLowercase=True,
        ExcludeUppercase=True,
        ExcludeNumbers=True,
        ExcludePunctuation=True,
    )
    assert generate_password(o).get_secret_value() == "     "


def test_short_length_without_requirement() -> None:
    o = PasswordOptions(PasswordLength=1, RequireEachIncludedType=False)
    assert len(generate_password(o).get_secret_value()) == 1


CLASSES = {
    "ExcludeLowercase": string.ascii_lowercase,
    "ExcludeUppercase": string.ascii_uppercase,
    "ExcludeNumbers": string.digits,
    "ExcludePunctuation": PUNCTUATION,
}


@settings(max_examples=200, deadline=None)
@given(
    length=st.integers(1, 200),
    exclude=st.text(alphabet=string.printable, max_size=30),
    flags=st.fixed_dictionaries({k: st.booleans() for k in CLASSES}),
    space=st.booleans(),
    each=st.booleans(),
)
def test_every_password_satisfies_its_options(
    length: int, exclude: str, flags: dict[str, bool], space: bool, each: bool
) -> None:
    o = PasswordOptions(
        PasswordLength=length, ExcludeCharacters=exclude, IncludeSpace=space, RequireEachIncludedType=each, **flags
    )
    try:
        pw = generate_password(o).get_secret_value()
    except ParameterError:
        # only impossible options may fail: nothing left to draw from, or too short for one of each class
        assert not o.alphabet() or (each and length < len(o.classes()))
        return
    assert len(pw) == length
    assert not set(pw) & set(exclude)
    for flag, chars in CLASSES.items():
        if flags[flag]:
            assert not set(pw) & set(chars)
        elif each and set(chars) - set(exclude):
            assert set(pw) & set(chars), f"{flag} class missing"
    if not space:
        assert " " not in pw
