"""kg.extract.names: the literal-name scanner and the ending lookup behave like the regex / endswith
loops they replace (checked against them on random inputs, edge cases included)."""
import random
import re

from kg.extract.names import alternation, dropped_runs, ending_index, find_names, longest_ending


def _regex_matches(names, text):
    return [(m.start(), m.end(), m.group(0)) for m in re.finditer(alternation(names), text)]


def test_find_names_equals_regex_alternation():
    rnd = random.Random(7)
    alphabet = "ab园区高新"
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        names = {"".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 4)))
                 for _ in range(rnd.randint(1, 5))}
        assert find_names(names, text) == _regex_matches(names, text), (names, text)


def test_find_names_longest_first_and_no_overlap():
    text = "苏州工业园区和工业园区"
    assert find_names({"工业园区", "苏州工业园区", "园区"}, text) == [
        (0, 6, "苏州工业园区"), (7, 11, "工业园区")]
    assert find_names({"aa"}, "aaaaa") == [(0, 2, "aa"), (2, 4, "aa")]
    assert find_names((), "abc") == []


def test_longest_ending_equals_endswith_loop():
    rnd = random.Random(3)
    alphabet = "园区城谷新高"
    for _ in range(3000):
        endings = tuple({"".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 4)))
                         for _ in range(rnd.randint(1, 6))})
        name = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 7)))
        rest = rnd.randint(0, 3)
        want = next((x for x in sorted(endings, key=len, reverse=True)
                     if name.endswith(x) and len(name) - len(x) >= rest), None)
        assert longest_ending(name, ending_index(endings), min_rest=rest) == want, (name, endings)


def test_dropped_runs_counts_the_words_an_abbreviation_leaves_out():
    assert dropped_runs("中原人力", "中国中原人力资源服务") == 2      # 中国 and 资源服务
    assert dropped_runs("云梦盐化工园", "云梦县盐化工产业园") == 2
    assert dropped_runs("海口综合保税区", "海口空港综合保税区") == 1
    assert dropped_runs("海口", "海口") == 0
    assert dropped_runs("上海", "海口") is None                      # not in order
