"""Compiles the `.po` catalogs into the `.mo` files the app reads, and extracts the ids used in
the code; a development tool built on Babel, never imported by the app."""

from __future__ import annotations

import ast
import io
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from clerk_tui.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

PACKAGE_DIR = Path(__file__).resolve().parents[1]
"""`clerk_tui/`, the code the extraction scans."""
PYPROJECT = PACKAGE_DIR.parent / "pyproject.toml"
DEFAULT_KEYWORDS = ("t", "tn:1,1", "N_", "Evidence:1")
"""The keywords `[tool.babel.extract_messages]` of pyproject.toml names (used when the
package runs without its pyproject.toml beside it)."""


def po_path(lang: str) -> Path:
    return Path(LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def read_catalog(lang: str):  # -> babel.messages.catalog.Catalog
    """The `.po` catalog of `lang`, as Babel reads it."""
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


def compiled(lang: str) -> bytes:
    """The `.mo` bytes the `.po` of `lang` compiles to (fuzzy entries left out, as gettext does)."""
    from babel.messages.mofile import write_mo

    buf = io.BytesIO()
    write_mo(buf, read_catalog(lang), use_fuzzy=False)
    return buf.getvalue()


def compile_all() -> list[Path]:
    """Writes each language's `.mo` from its `.po`; returns the files that changed."""
    changed = []
    for lang in LANGUAGES:
        data, target = compiled(lang), mo_path(lang)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
            changed.append(target)
    return changed


def messages_of(mo: bytes) -> tuple[str, dict]:
    """A compiled catalog's plural rule and messages, header left out: what the app reads of it
    (the header also names the Babel version and dates, which differ between equal catalogs)."""
    from clerk_tui.i18n import Catalog

    found = Catalog(io.BytesIO(mo))
    return found.info().get("plural-forms", ""), {k: v for k, v in found.messages.items() if k}


def stale() -> list[str]:
    """The languages whose committed `.mo` says other than its `.po` compiles to."""
    return [
        lang
        for lang in LANGUAGES
        if not mo_path(lang).exists()
        or messages_of(mo_path(lang).read_bytes()) != messages_of(compiled(lang))
    ]


def keywords() -> list[str]:
    """The extraction keywords, as pyproject.toml's `[tool.babel.extract_messages]` names them."""
    if PYPROJECT.exists():
        with PYPROJECT.open("rb") as fp:
            config = tomllib.load(fp).get("tool", {}).get("babel", {})
        found = config.get("extract_messages", {}).get("keywords")
        if found:
            return [found] if isinstance(found, str) else list(found)
    return list(DEFAULT_KEYWORDS)


def extracted() -> Iterator[tuple[str, int, str]]:
    """(file, line, id) of every message id Babel's extraction finds in `clerk_tui/`."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_keywords

    found = extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("**.py", "python")],
        keywords=parse_keywords(keywords()),
    )
    for filename, lineno, message, _comments, _context in found:
        ids = message if isinstance(message, tuple) else (message,)
        yield filename, lineno, ids[0]


MACHINERY = ("__init__.py", "__main__.py", "build.py", "evidence.py")
"""The catalog's own modules, which pass ids through; its label tables (`labels.py`) are scanned."""
MARKERS = ("t", "tn", "N_", "Evidence")
"""The calls whose first argument is a message id: the catalog's `t`, `tn` and `N_`, the
domain's own `N_` marker (`clerk_tui.domain.findings.N_`, same name) and `Evidence(id, ...)`."""


PASSED = (ast.Name, ast.Attribute, ast.Subscript)
"""An id argument of these shapes passes on an id written elsewhere (a variable, a field, a
table lookup such as `KIND_LABEL[kind]` over `{code: N_("id")}`); any other non-literal (an
f-string, `+`, a conditional, a call) assembles the id at run time."""


@dataclass(frozen=True)
class Use:
    """One call of `t`, `tn`, `N_` or `Evidence` in the code (its id when written literally,
    else None), or a string built at run time that starts like a message id (`func` is then
    "f-string" or "+")."""

    path: str
    line: int
    func: str
    key: str | None
    source: str
    assembled: bool = False
    """True when this assembles an id at run time (never for a literal or a passed-on id)."""


def _marker(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.attr if func.value.id == "i18n" else None
    return None


def _head(node: ast.expr) -> str | None:
    """The literal text a string built at run time starts with (f"rec.kind.{k}", "rec." + k)."""
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = node.left
        if isinstance(left, ast.Constant) and isinstance(left.value, str):
            return left.value
        return _head(left)
    return None


def id_prefixes() -> frozenset[str]:
    """Every "a.b." (two parts or more) an id of the catalog starts with: the heads of ids
    assembled outside a call. One part is too common a head ("import." also begins the audit
    actions "import.tickets"), so `x = f"audit.{reason}"` goes unseen until `t(x)` is named."""
    from clerk_tui.i18n import catalog

    out: set[str] = set()
    for key in catalog():
        parts = key.split(".")
        out.update(".".join(parts[:i]) + "." for i in range(2, len(parts)))
    return frozenset(out)


def uses(root: Path = PACKAGE_DIR) -> list[Use]:
    """Every call of `t(...)`, `tn(...)`, `N_(...)` and `Evidence(...)` under `root`, found with
    `ast` (Babel's own extractor also takes a variable named `t` indexed with a string for a
    call), and every f-string or `+` elsewhere whose text starts like a message id."""
    prefixes = id_prefixes()
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.parent == PACKAGE_DIR / "i18n" and path.name in MACHINERY:
            continue
        rel = f"{root.name}/{path.relative_to(root).as_posix()}"
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        args: set[int] = set()
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = _marker(node.func)
            if name not in MARKERS:
                continue
            arg = node.args[0]
            args.add(id(arg))
            key = (
                arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            )
            found.append(
                Use(
                    rel,
                    node.lineno,
                    name,
                    key,
                    ast.unparse(arg),
                    assembled=key is None and not isinstance(arg, PASSED),
                )
            )
        for node in ast.walk(tree):
            if id(node) in args or not isinstance(node, (ast.JoinedStr, ast.BinOp)):
                continue
            head = _head(node)
            if head and head in prefixes:
                kind = "f-string" if isinstance(node, ast.JoinedStr) else "+"
                found.append(Use(rel, node.lineno, kind, None, ast.unparse(node), assembled=True))
    return found


def catalog_ids(lang: str = "en") -> tuple[set[str], set[str]]:
    """(every id, the ids with plural forms) of the `.po` catalog of `lang`."""
    every, plural = set(), set()
    for message in read_catalog(lang):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            plural.add(message.id[0])
            every.add(message.id[0])
        else:
            every.add(message.id)
    return every, plural


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m clerk_tui.i18n", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("compile", help="rebuild each locales/*/LC_MESSAGES/clerk.mo from its .po")
    sub.add_parser("check", help="exit 1 when a .mo is older than its .po")
    sub.add_parser(
        "extract",
        help="write build/clerk.pot from the ids the code writes literally; name unknown ones",
    )
    args = parser.parse_args(argv)
    if args.command == "compile":
        for path in compile_all():
            print(f"wrote {path}")
        return 0
    if args.command == "check":
        late = stale()
        for lang in late:
            print(f"{mo_path(lang)} is stale: run python -m clerk_tui.i18n compile")
        return 1 if late else 0
    return _extract()


def _extract() -> int:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    known, plural = catalog_ids()
    found = uses()
    template = Catalog(project="Clerk Desk", domain=DOMAIN, fuzzy=False)
    for use in found:
        if use.key is not None:
            key = (use.key, use.key) if use.key in plural else use.key
            template.add(key, locations=[(use.path, use.line)])
    out = PACKAGE_DIR.parent / "build" / f"{DOMAIN}.pot"
    out.parent.mkdir(exist_ok=True)
    with out.open("wb") as fp:
        write_po(fp, template, sort_output=True)
    unknown = [u for u in found if u.key is not None and u.key not in known]
    assembled = [u for u in found if u.assembled]
    passed = [u for u in found if u.key is None and not u.assembled]
    for u in unknown:
        print(f"{u.path}:{u.line}: unknown message id {u.key!r}")
    for u in assembled:
        what = f"{u.func}()" if u.func in MARKERS else f"an id built by {u.func}"
        print(f"{u.path}:{u.line}: {what} assembled at run time: {u.source}")
    used = {u.key for u in found}
    print(
        f"wrote {out}: {len(used - {None})} ids written literally, {len(unknown)} unknown, "
        f"{len(assembled)} ids assembled at run time, {len(passed)} calls pass on an id held "
        f"elsewhere, {len(known - used)} ids never written literally"
    )
    return 1 if unknown else 0
