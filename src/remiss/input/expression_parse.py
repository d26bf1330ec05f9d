"""Reading a figure expression into a small tree, within limits on its size.

The language is the part of Jinja's expression syntax that case texts need:
names, numbers, quoted text, `+ - * / // % **`, parentheses, attributes
(`t.summa`), subscripts (`t["Innerstaden", "2009"]`), calls
(`andel(a, b, 1)`) and filters (`x | tal`), with Jinja's precedence: a filter
binds tighter than any operator, and `**` groups from the left.

Nothing here recurses deeper than the nesting the text itself has, and that
nesting is refused beyond MAX_DEPTH before anything is evaluated. Chains of
one kind (`a + b + c`, `t.x.y`, `x | tal | tal`) are kept flat, so a long
chain costs no depth, here or when it is evaluated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from remiss.errors import ExpressionError

MAX_EXPRESSION = 300  # characters between {{ and }}
MAX_DEPTH = 20  # parentheses, brackets, calls and signs inside one another
MAX_MAGNITUDE = 10**15  # the largest figure an expression may hold

# Jinja words that are not names of values: operators, tests and constants.
KEYWORDS = frozenset(
    {"and", "or", "not", "in", "is", "if", "else", "true", "false", "none"}
    | {"True", "False", "None"}
)

SYNTAX_HINT = 'skriv t.ex. {{ statistik.lagenheter["Innerstaden"] | tal }}'


# -- the tree -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    value: int | float | str
    pos: int


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    pos: int


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str
    pos: int


@dataclass(frozen=True, slots=True)
class Subscript:
    keys: tuple[Node, ...]
    pos: int


@dataclass(frozen=True, slots=True)
class Arguments:
    args: tuple[Node, ...]
    pos: int


@dataclass(frozen=True, slots=True)
class Postfix:
    """`base` followed by attributes, subscripts and calls, left to right."""

    base: Node
    trailers: tuple[Attribute | Subscript | Arguments, ...]


@dataclass(frozen=True, slots=True)
class Filter:
    name: str
    args: tuple[Node, ...]
    pos: int


@dataclass(frozen=True, slots=True)
class Piped:
    """`base | f | g(x)`: the filters applied left to right."""

    base: Node
    filters: tuple[Filter, ...]


@dataclass(frozen=True, slots=True)
class Signed:
    """`- - x`: the signs, outermost first."""

    signs: str
    operand: Node
    pos: int


@dataclass(frozen=True, slots=True)
class Chain:
    """`a + b - c` (one precedence level), evaluated from the left."""

    first: Node
    rest: tuple[tuple[str, Node, int], ...]


Node = Literal | Name | Postfix | Piped | Signed | Chain


# -- tokens ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # name, number, text, op, end
    value: str
    pos: int


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+(?:_\d+)*)?)
  | (?P<name>[^\W\d]\w*)
  | (?P<text>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<op>\*\*|//|==|!=|<=|>=|[-+*/%()\[\],.|~<>=:{}!])
    """,
    re.X | re.S,
)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def tokenize(expression: str) -> list[Token]:
    """Return the tokens of an expression, ending with an `end` token."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(expression):
        match = _TOKEN.match(expression, pos)
        if match is None:
            char = expression[pos]
            if char in "'\"":
                raise _syntax(pos, f"citattecknet {char} stängs aldrig")
            raise _syntax(pos, f"tecknet {char!r} kan inte stå i ett uttryck")
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(Token(kind, match.group(), pos))
        pos = match.end()
    tokens.append(Token("end", "", pos))
    return tokens


def variables(tokens: list[Token]) -> set[str]:
    """Return the names an expression reads, as Jinja would count them."""
    names: set[str] = set()
    for index, token in enumerate(tokens):
        if token.kind != "name" or token.value in KEYWORDS:
            continue
        before = tokens[index - 1].value if index else ""
        after = tokens[index + 1].value if tokens[index + 1].kind == "op" else ""
        if before in (".", "|") or after == "=":
            continue
        names.add(token.value)
    return names


# -- the parser -----------------------------------------------------------------


def parse(expression: str, tokens: list[Token] | None = None) -> Node:
    """Return the tree of an expression, or raise ExpressionError.

    Offsets in the errors are positions in `expression`.
    """
    if len(expression) > MAX_EXPRESSION:
        raise ExpressionError(
            0,
            f"uttrycket är för långt ({len(expression)} tecken, högst "
            f"{MAX_EXPRESSION})",
            "dela upp det i flera kortare uttryck",
            "E702",
        )
    parser = _Parser(tokens if tokens is not None else tokenize(expression))
    node = parser.expression()
    token = parser.current
    if token.kind != "end":
        raise _unexpected(token)
    return node


_SUM = ("+", "-")
_PRODUCT = ("*", "/", "//", "%")


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def at(self, value: str) -> bool:
        token = self.tokens[self.index]
        return token.kind == "op" and token.value == value

    def expect(self, value: str, opened: Token) -> None:
        if not self.at(value):
            token = self.current
            if token.kind == "end":
                raise _syntax(
                    token.pos, f"'{opened.value}' stängs aldrig, '{value}' saknas"
                )
            raise _syntax(token.pos, f"'{value}' saknas före {_shown(token)}")
        self.advance()

    def enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(
                token.pos,
                f"uttrycket är för djupt nästlat (mer än {MAX_DEPTH} nivåer av "
                "parenteser, hakparenteser och tecken)",
                "förenkla uttrycket, eller dela upp det i flera",
                "E702",
            )

    def leave(self) -> None:
        self.depth -= 1

    # expression := product (('+' | '-') product)*
    def expression(self) -> Node:
        return self._chain(self.product, _SUM)

    def product(self) -> Node:
        return self._chain(self.power, _PRODUCT)

    def power(self) -> Node:
        return self._chain(self.unary, ("**",))

    def _chain(self, operand: Callable[[], Node], operators: tuple[str, ...]) -> Node:
        first = operand()
        rest: list[tuple[str, Node, int]] = []
        while self.current.kind == "op" and self.current.value in operators:
            token = self.advance()
            rest.append((token.value, operand(), token.pos))
        return Chain(first, tuple(rest)) if rest else first

    # unary := ('-' | '+')* primary trailer* filter*
    def unary(self) -> Node:
        signs = ""
        start = self.current
        while self.at("-") or self.at("+"):
            self.enter(self.current)
            signs += self.advance().value
        node = self.postfix(self.primary())
        for _ in signs:
            self.leave()
        if signs:
            node = Signed(signs, node, start.pos)
        return self.filters(node)

    def primary(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            return Literal(_number(token), token.pos)
        if token.kind == "text":
            value = _unquote(token.value)
            while self.current.kind == "text":  # "a" "b" is "ab", as in Jinja
                value += _unquote(self.advance().value)
            return Literal(value, token.pos)
        if token.kind == "name":
            if token.value in KEYWORDS:
                raise _not_allowed(token)
            return Name(token.value, token.pos)
        if token.kind == "op" and token.value == "(":
            self.enter(token)
            node = self.expression()
            if self.at(","):
                raise _syntax(self.current.pos, "en parentes kan bara hålla ett värde")
            self.expect(")", token)
            self.leave()
            return node
        raise _unexpected(token)

    def postfix(self, base: Node) -> Node:
        trailers: list[Attribute | Subscript | Arguments] = []
        while True:
            token = self.current
            if self.at("."):
                self.advance()
                name = self.advance()
                if name.kind != "name":
                    raise _syntax(
                        name.pos, f"ett namn saknas efter '.' före {_shown(name)}"
                    )
                trailers.append(Attribute(name.value, name.pos))
            elif self.at("["):
                self.advance()
                keys = self.items(token, "]")
                if not keys:
                    raise _syntax(token.pos, "hakparentesen är tom")
                trailers.append(Subscript(keys, token.pos))
            elif self.at("("):
                self.advance()
                trailers.append(Arguments(self.items(token, ")"), token.pos))
            else:
                break
        return Postfix(base, tuple(trailers)) if trailers else base

    def filters(self, base: Node) -> Node:
        filters: list[Filter] = []
        while self.at("|"):
            self.advance()
            name = self.advance()
            if name.kind != "name":
                raise _syntax(
                    name.pos, f"ett filter saknas efter '|' före {_shown(name)}"
                )
            args: tuple[Node, ...] = ()
            if self.at("("):
                args = self.items(self.advance(), ")")
            filters.append(Filter(name.value, args, name.pos))
        return Piped(base, tuple(filters)) if filters else base

    def items(self, opened: Token, closing: str) -> tuple[Node, ...]:
        """Read `a, b, c` up to the closing bracket (the opening one is read)."""
        self.enter(opened)
        items: list[Node] = []
        while not self.at(closing):
            if self.current.kind == "name" and self.tokens[self.index + 1].value == "=":
                raise _syntax(
                    self.current.pos,
                    f"namngivna värden ({self.current.value}=…) kan inte användas",
                    "skriv värdena i ordning, t.ex. andel(del, helhet, 1)",
                )
            items.append(self.expression())
            if not self.at(","):
                break
            self.advance()
        self.expect(closing, opened)
        self.leave()
        return tuple(items)


def _number(token: Token) -> int | float:
    text = token.value.replace("_", "")
    value: int | float = float(text) if any(c in text for c in ".eE") else int(text)
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise ExpressionError(
            token.pos,
            f"uttrycket kan inte räknas ut (talet {token.value} är för stort)",
            f"ett tal i ett uttryck får vara högst {_max_shown()}",
        )
    return value


def _max_shown() -> str:
    return f"{MAX_MAGNITUDE:,}".replace(",", " ")


def _unquote(raw: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), raw[1:-1])


def _shown(token: Token) -> str:
    return "slutet" if token.kind == "end" else f"'{token.value}'"


def _syntax(pos: int, detail: str, hint: str = SYNTAX_HINT) -> ExpressionError:
    return ExpressionError(pos, f"uttrycket går inte att läsa ({detail})", hint)


def _unexpected(token: Token) -> ExpressionError:
    if token.kind == "end":
        return _syntax(token.pos, "uttrycket slutar för tidigt")
    if token.kind == "name" and token.value in KEYWORDS:
        return _not_allowed(token)
    if token.kind == "op" and token.value in ("~", "==", "!=", "<", ">", "<=", ">="):
        return _not_allowed(token)
    return _syntax(token.pos, f"oväntat {_shown(token)}")


def _not_allowed(token: Token) -> ExpressionError:
    return ExpressionError(
        token.pos,
        f"uttrycket är inte tillåtet: '{token.value}' kan inte användas i ett uttryck",
        "ett uttryck kan läsa tabellernas värden, räkna med + - * / och "
        "formatera med tal, procent och andel",
    )
