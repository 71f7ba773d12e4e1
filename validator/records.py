"""Record classes: the part of `@dataclass` xxgk uses, without its start-up cost.

`import dataclasses` pulls in `inspect` (and with it ast, dis, tokenize, enum …), and every
@dataclass goes through several layers of code generation plus an `inspect.signature` for its
docstring. For the thirty-odd classes on the path of a pre-commit `xxgk check` that was ~15 ms of a
~100 ms run (see BENCHMARKS.md). A record is declared exactly like a dataclass:

    @record
    class Cell:
        text: str
        rowspan: int = 1
        notes: list[str] = field(default_factory=list)

and gets `__init__` (positional or keyword arguments, defaults, default factories), `__repr__` and
`__eq__` over its fields, in declaration order. `@record(frozen=True)` also makes instances
read-only and hashable. `fields(obj_or_class)` gives the field names. No inheritance between
records, no ClassVar, no ordering: xxgk uses none of them, and `_build` refuses what it does not
support rather than silently doing something else.
"""
from __future__ import annotations

from operator import attrgetter

__all__ = ["record", "field", "fields"]

_MISSING = object()


class _Field:
    __slots__ = ("default", "default_factory")

    def __init__(self, *, default=_MISSING, default_factory=_MISSING):
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("field(): give default or default_factory, not both")
        self.default = default
        self.default_factory = default_factory


class FrozenInstanceError(AttributeError):
    pass


def fields(obj_or_class) -> tuple[str, ...]:
    return obj_or_class.__record_fields__


TYPE_CHECKING = False
if TYPE_CHECKING:
    # type checkers see a record as a dataclass (PEP 681); at run time typing is never imported
    from typing import Any, Callable, dataclass_transform

    def field(*, default: Any = ..., default_factory: Callable[[], Any] = ...) -> Any: ...

    @dataclass_transform(field_specifiers=(field,))
    def record(cls: Any = None, /, *, frozen: bool = False) -> Any: ...
else:
    def field(*, default=_MISSING, default_factory=_MISSING):
        """A field's default or default factory, like dataclasses.field (which it replaces)."""
        return _Field(default=default, default_factory=default_factory)

    def record(cls=None, /, *, frozen: bool = False):
        if cls is None:
            return lambda c: _build(c, frozen)
        return _build(cls, frozen)


def _build(cls, frozen: bool):
    if cls.__bases__ != (object,):
        raise TypeError(f"@record {cls.__qualname__}: records do not support inheritance")
    # the class's own annotations, in declaration order (Python 3.14 builds __annotations__ on
    # first access instead of storing it in the class dict)
    annotations = cls.__dict__.get("__annotations__")
    if annotations is None:
        annotations = getattr(cls, "__annotations__", {})
    if any("ClassVar" in str(a) for a in annotations.values()):
        raise TypeError(f"@record {cls.__qualname__}: records do not support ClassVar fields")
    names = tuple(annotations)
    params, body, globs = [], [], {"_MISSING": _MISSING, "_setattr": object.__setattr__}
    seen_default = False
    for name in names:
        value = cls.__dict__.get(name, _MISSING)
        factory = _MISSING
        if isinstance(value, _Field):
            value, factory = value.default, value.default_factory
        if value is not _MISSING:
            globs[f"_d_{name}"] = value
            params.append(f"{name}=_d_{name}")
            seen_default = True
        elif factory is not _MISSING:
            globs[f"_f_{name}"] = factory
            params.append(f"{name}=_MISSING")
            seen_default = True
        elif seen_default:
            raise TypeError(f"@record {cls.__qualname__}: field {name!r} without a default follows one with a default")
        else:
            params.append(name)
        expr = f"_f_{name}() if {name} is _MISSING else {name}" if factory is not _MISSING else name
        body.append(f"  _setattr(self, {name!r}, {expr})" if frozen else f"  self.{name} = {expr}")
        # the class attribute would shadow nothing (instances always set it) but would keep a shared
        # mutable default reachable from the class; dataclasses removes field() objects too
        if isinstance(cls.__dict__.get(name), _Field):
            delattr(cls, name)

    src = "\n".join([f"def __init__({', '.join(['self', *params])}):", *(body or ["  pass"])])
    namespace: dict = {}
    exec(_init_code(src), globs, namespace)  # noqa: S102 - our own generated code
    methods = {"__init__": namespace["__init__"], "__repr__": _repr}
    # __eq__/__hash__ compare the field tuple; only __init__ is generated: it runs for every
    # instance, the others seldom, and compiling them too would cost ~0.1 ms per class at start-up
    values: Callable[[Any], tuple]
    if len(names) > 1:
        values = attrgetter(*names)  # the field tuple, in C
    else:
        def values(obj):
            return tuple(getattr(obj, n) for n in names)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return values(self) == values(other)

    methods["__eq__"] = __eq__
    if frozen:
        methods["__hash__"] = lambda self: hash(values(self))
    for name, fn in methods.items():
        if name in cls.__dict__:
            continue  # a method the class defines itself wins, as with dataclasses
        if fn is not _repr:
            fn.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, fn)
    if not frozen:
        if "__hash__" not in cls.__dict__:
            cls.__hash__ = None  # mutable and compared by value: unhashable, as a dataclass would be
    else:
        cls.__setattr__ = _refuse_set
        cls.__delattr__ = _refuse_set
    cls.__record_fields__ = names
    return cls


# ---------------------------------------------------------------- compiled __init__s kept between runs
# Compiling the generated source is most of what a record costs at import: ~0.1-0.4 ms a class, ~40
# classes on the path of `xxgk check` (several ms of every run). The command line (cli.entry) calls
# use_code_cache() before it imports them: each __init__ then comes from the code an earlier run
# compiled from the same source (marshal, in the validated cache, keyed by the interpreter, framed
# and digested like the rules), and save_code_cache() stores what this run had to compile.
_CODE_KIND = "records"
_CODE_LIMIT = 500  # entries kept (the classes of older versions go once there are more)
_codes: dict | None = None  # generated source -> its compiled code, once use_code_cache() ran
_compiled: dict = {}  # what this run compiled itself
_used: dict = {}  # what this run took from the cache


def _init_code(src: str) -> Any:
    codes = _codes
    if codes is not None:
        code = codes.get(src)
        if code is not None:
            _used[src] = code
            return code
    code = compile(src, "<record>", "exec")
    if codes is not None:
        _compiled[src] = code
    return code


def _code_target() -> tuple[str, str] | None:
    from validator.validation import cache_dir, content_key  # noqa: PLC0415

    import os  # noqa: PLC0415 - loaded with the interpreter anyway

    directory = cache_dir()
    if directory is None:
        return None
    key = content_key([], _CODE_KIND)  # the key covers the interpreter (marshal's code format)
    return os.path.join(directory, f"{_CODE_KIND}-{key[:32]}.marshal"), key


def use_code_cache() -> None:
    """Take records' __init__ code from the cache from now on (see above)."""
    global _codes
    try:
        where = _code_target()
        if where is None or _codes is not None:
            return
        from validator.validation import _load_entry  # noqa: PLC0415

        ok, stored = _load_entry(*where)
        code_type = type(_init_code.__code__)
        _codes = {src: code for src, code in stored.items()
                  if type(src) is str and type(code) is code_type and code.co_filename == "<record>"
                  } if ok and isinstance(stored, dict) else {}
    except Exception:  # noqa: BLE001 - the cache only saves time
        _codes = {}


def save_code_cache() -> None:
    """Store the __init__ code this run compiled (with what it found stored)."""
    try:
        where = _code_target() if _codes is not None and _compiled else None
        if where is not None:
            from validator.validation import _load_entry, _store  # noqa: PLC0415

            ok, current = _load_entry(*where)  # with what another process stored meanwhile
            keep = {**(current if ok and isinstance(current, dict) else {}), **(_codes or {}), **_compiled}
            _store(_CODE_KIND, *where, keep if len(keep) <= _CODE_LIMIT else {**_used, **_compiled})
    except Exception:  # noqa: BLE001 - the cache only saves time
        pass


def _repr(self) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__record_fields__)
    return f"{type(self).__qualname__}({shown})"


def _refuse_set(self, name, *args):
    raise FrozenInstanceError(f"cannot assign to field {name!r} of a frozen {type(self).__qualname__}")
