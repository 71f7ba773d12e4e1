"""validator.records: the dataclass subset the code base relies on."""
import pickle

import pytest

from validator.records import FrozenInstanceError, field, fields, record


@record
class Item:
    name: str
    count: int = 0
    tags: list = field(default_factory=list)


@record(frozen=True)
class Point:
    x: int | None = None
    y: int | None = None


def test_init_positional_keyword_defaults_and_factories():
    a = Item("a")
    assert (a.name, a.count, a.tags) == ("a", 0, [])
    b = Item(name="b", count=2, tags=["t"])
    assert (b.name, b.count, b.tags) == ("b", 2, ["t"])
    # a default factory gives every instance its own value
    a.tags.append("x")
    assert Item("c").tags == []
    with pytest.raises(TypeError):
        Item()
    with pytest.raises(TypeError):
        Item("a", nope=1)


def test_eq_repr_and_fields():
    assert Item("a", 1) == Item("a", 1)
    assert Item("a", 1) != Item("a", 2)
    assert Item("a") != ("a", 0, [])
    assert repr(Item("a", 1)) == "Item(name='a', count=1, tags=[])"
    assert fields(Item) == ("name", "count", "tags")
    with pytest.raises(TypeError):
        hash(Item("a"))  # mutable records are unhashable, like dataclasses


def test_frozen_is_read_only_hashable_and_picklable():
    p = Point(1, 2)
    with pytest.raises(FrozenInstanceError):
        p.x = 3
    with pytest.raises(FrozenInstanceError):
        del p.y
    assert hash(p) == hash(Point(1, 2)) and {p, Point(1, 2)} == {p}
    assert pickle.loads(pickle.dumps(p)) == p
    assert pickle.loads(pickle.dumps(Item("a", 1, ["t"]))) == Item("a", 1, ["t"])


def test_refuses_what_it_does_not_support():
    with pytest.raises(TypeError, match="follows one with a default"):
        @record
        class Bad:
            a: int = 0
            b: int

    with pytest.raises(TypeError, match="inheritance"):
        @record
        class Child(Item):
            extra: int = 0

    with pytest.raises(TypeError, match="ClassVar"):
        @record
        class Counter:
            instances: "ClassVar[int]" = 0  # noqa: F821 - only the annotation text is read

    with pytest.raises(ValueError):
        field(default=1, default_factory=list)


def test_a_method_the_class_defines_wins():
    @record
    class Custom:
        a: int

        def __repr__(self):
            return "custom"

    assert repr(Custom(1)) == "custom" and Custom(1) == Custom(1)


def test_lazy_pattern_compiles_on_first_use_and_behaves_like_the_pattern():
    from validator.lazyre import lazy

    p = lazy(r"(?P<n>\d+)\s*件")
    assert p._compiled is None  # nothing compiled at import time
    assert p.search("共3件").group("n") == "3"
    assert p._compiled is not None and p.pattern == r"(?P<n>\d+)\s*件"
    assert [m.group(0) for m in p.finditer("1件 2 件")] == ["1件", "2 件"] and p.sub("#", "5件") == "#"


def test_a_hash_the_class_defines_is_kept():
    @record
    class Keyed:
        key: str

        def __hash__(self):
            return hash(self.key)

    assert hash(Keyed("a")) == hash("a")
