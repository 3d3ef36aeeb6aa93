"""The relevance of the site search: success@1 and mean reciprocal rank over a set of queries.

``tests/data/search_relevance.yml`` lists what readers type and the page they expect first.
:func:`measure` types each query into Material's search box (``browser_support.SearchBox``)
and records where the expected page lands among the result groups, whether a generated page
(topic pages, 全部条目, 按来源浏览, the single-page edition) is ranked above it, any result
URL listed twice, and any result link whose ``?h=`` is empty. Used by
``tests/test_search_relevance.py`` and ``tests/tools/benchmark.py``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urljoin, urlsplit

import yaml

if TYPE_CHECKING:  # the browser is needed only to run the cases, not to read their results
    from browser_support import SearchBox

CASES_FILE = Path(__file__).resolve().parent / "data" / "search_relevance.yml"
EDITIONS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
GENERATED = ("topics/", "single-page/")
"""Folders of generated pages, from an edition's root."""


def load_cases(path: Path = CASES_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class Outcome:
    case: dict
    rank: int | None  # 1-based group of the expected page, None when not in the rendered list
    shown: list[str]  # the result pages, from the edition's root
    generated_above: list[str]  # generated pages ranked above the expected page
    duplicates: list[str]  # result URLs listed more than once
    empty_highlight: list[str]  # result links with an empty ?h=
    latency_ms: float

    @property
    def reciprocal_rank(self) -> float:
        return 1 / self.rank if self.rank else 0.0


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def success_at_1(self) -> float:
        return sum(o.rank == 1 for o in self.outcomes) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return statistics.fmean(o.reciprocal_rank for o in self.outcomes)

    @property
    def generated_first(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.generated_above]

    def figures(self) -> dict:
        return {
            "queries": len(self.outcomes),
            "success_at_1": round(self.success_at_1, 3),
            "mrr": round(self.mrr, 3),
            "generated_above_expected": len(self.generated_first),
            "with_duplicates": sum(bool(o.duplicates) for o in self.outcomes),
            "with_empty_highlight": sum(bool(o.empty_highlight) for o in self.outcomes),
        }

    def misses(self) -> list[str]:
        return [f"{o.case['site']} {o.case['query']!r}: {o.case['page']} at {o.rank}; first {o.shown[:4]}"
                for o in self.outcomes if o.rank != 1]


def _is_generated(path: str) -> bool:
    return path.startswith(GENERATED)


def measure(box_for: Callable[[str], SearchBox], site_url: str, cases: list[dict] | None = None) -> Summary:
    """Put every case into the search box of its edition (``box_for(edition)`` → SearchBox), whole:
    the ranking of a query's results is measured here, typing key by key in ``test_search``."""
    summary = Summary()
    for case in cases if cases is not None else load_cases():
        root = urljoin(site_url, EDITIONS[case["site"]])
        outcome = box_for(case["site"]).query(case["query"], key_by_key=False)
        shown = [g.page.removeprefix(root) for g in outcome.groups]
        rank = outcome.rank(urljoin(root, case["page"]))
        above = shown[: (rank or len(shown) + 1) - 1]
        links = [link.split("?")[0] + ("#" + urlsplit(link).fragment if urlsplit(link).fragment else "")
                 for group in outcome.groups for link in group.links]
        empty = [link for group in outcome.groups for link in group.links
                 if "h=" in urlsplit(link).query and not parse_qs(urlsplit(link).query).get("h", [""])[0].strip()]
        summary.outcomes.append(Outcome(
            case=case, rank=rank, shown=shown,
            generated_above=[p for p in above if _is_generated(p)],
            duplicates=sorted(u for u, n in Counter(links).items() if n > 1),
            empty_highlight=empty, latency_ms=outcome.latency_ms,
        ))
    return summary
