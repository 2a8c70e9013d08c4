"""Names the Python layer must agree on with the language (language.md §1.4)."""

RESERVED = frozenset(
    "if elif else while for in function fn return break continue try except finally throw "
    "import as capability nonlocal true false null undefined True False None".split()
)


def is_injectable(key: object) -> bool:
    """P-130: valid identifiers that are not reserved and do not start with ``_``."""
    return (
        isinstance(key, str)
        and key.isidentifier()
        and key.isascii()
        and not key.startswith("_")
        and key not in RESERVED
    )
