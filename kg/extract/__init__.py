"""Extract facts from an article: the infobox (``infobox``) and the prose (``prose``)."""

from __future__ import annotations

import re

from ..article import Article
from ..facts import ArticleFacts, EventFact
from ..resources import lexicon
from .infobox import extract_infobox
from .prose import extract_prose

__all__ = ["extract", "main_event_type"]


def main_event_type(title: str) -> str:
    """The event type of an article's main event, from the words of its title."""
    data = lexicon("event_titles.toml")
    words = set(re.findall(r"[\w-]+", title.casefold()))
    for rule in data["rule"]:
        if words.intersection(rule["words"]):
            return rule["type"]
    return data["default"]


def extract(article: Article) -> ArticleFacts:
    """All facts of *article*: its main event, then what the infobox says, then the prose."""
    facts = ArticleFacts(article)
    facts.events[""] = EventFact("", [main_event_type(article.title)], article.title, article.title_span)
    extract_infobox(facts)
    extract_prose(facts)
    return facts
