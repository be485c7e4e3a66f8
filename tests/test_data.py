"""The bundled catalog: it loads, it carries the facts of ../shared/facts.md, and it is well formed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import urlsplit

import pytest

from microcred import catalog as catalog_module
from microcred.models import Money
from microcred.money import Converter


@pytest.fixture(scope="module")
def bundled():
    return catalog_module.load()


def test_platform_facts(bundled):
    p = bundled.platforms
    assert (p["coursera"].founded, p["edx"].founded, p["udacity"].founded) == (2012, 2012, 2011)
    assert (p["futurelearn"].founded, p["kadenze"].founded) == (2012, 2015)
    assert "Stanford" in p["coursera"].founders
    assert "Harvard" in p["edx"].founders and "MIT" in p["edx"].founders
    assert "2U" in p["edx"].business
    assert p["udacity"].business == "for-profit"  # the article says non-profit: we carry the correct fact
    assert "Open University" in p["futurelearn"].founders
    assert p["kadenze"].business == "for-profit"
    assert set(p["coursera"].credential_names) >= {
        "Specialization",
        "Professional Certificate",
        "MasterTrack Certificate",
    }
    assert set(p["edx"].credential_names) >= {
        "Professional Certificate",
        "XSeries",
        "MicroMasters",
        "MicroBachelors",
    }
    assert "Nanodegree" in p["udacity"].credential_names
    coursera_2022 = next(plan for plan in p["coursera"].plans if plan.as_of == dt.date(2022, 1, 14))
    assert coursera_2022.price == Money(39, "USD") and coursera_2022.trial_days == 7
    assert p["coursera"].financial_aid
    udacity_2022 = sorted(
        plan.price.amount for plan in p["udacity"].plans if plan.as_of == dt.date(2022, 1, 14)
    )
    assert udacity_2022 == [279, 399]
    kadenze_2022 = next(plan for plan in p["kadenze"].plans if plan.as_of == dt.date(2022, 1, 14))
    assert kadenze_2022.price == Money(20, "USD")
    assert p["futurelearn"].refund_days == 14
    assert not any(plan.period == "month" for plan in p["edx"].plans)


def test_published_figures(bundled):
    tiny = bundled.programs["harvardx-tiny-machine-learning"]
    data = bundled.programs["harvardx-data-science"]
    assert (tiny.provider, tiny.platform, tiny.credential_type) == (
        "HarvardX",
        "edx",
        "Professional Certificate",
    )
    assert tiny.cost.price == Money(537, "USD")
    assert data.cost.price == Money(793, "USD")
    imperial = bundled.degrees["imperial-msc"]
    assert imperial.tuition == Money(29000, "GBP")
    converter = Converter(bundled, "USD", as_of=dt.date(2022, 1, 14))
    usd = converter.convert(imperial.tuition).amount
    assert round(usd) == 39789
    assert round(converter.rate("GBP").usd, 3) == 1.372
    assert round(usd / 1330, 1) == 29.9


def test_degrees_and_currencies(bundled):
    assert len(bundled.degrees) >= 10
    for wanted in ("imperial-msc", "gatech-omscs", "illinois-mcs", "russia-bachelors"):
        assert wanted in bundled.degrees
    assert bundled.degrees["russia-bachelors"].years == 4
    assert set(bundled.currencies) >= {"USD", "GBP", "EUR", "CAD", "AUD", "INR", "RUB"}


def test_programs_cover_every_platform_and_field(bundled):
    per_platform = Counter(p.platform for p in bundled.programs.values())
    per_field = Counter(f for p in bundled.programs.values() for f in p.fields)
    assert len(bundled.programs) >= 150, per_platform
    for platform in ("coursera", "edx", "udacity", "futurelearn", "kadenze"):
        assert per_platform[platform] >= 15, (platform, per_platform)
    thin = {f: per_field[f] for f in bundled.fields if per_field[f] < 5}
    assert not thin, thin


def test_urls_and_dates(bundled):
    today = dt.date.today()
    records = [*bundled.programs.values(), *bundled.degrees.values(), *bundled.platforms.values()]
    for record in records:
        for url in (record.url, record.source):
            parts = urlsplit(url)
            assert parts.scheme == "https" and parts.netloc, (record.id, url)
        assert record.as_of <= today


def test_glossary_and_careers(bundled):
    names = {n.lower() for t in bundled.glossary.values() for n in (t.term, *t.aliases)}
    for name in (
        "nano-degree",
        "mini-degree",
        "digital badge",
        "specialization",
        "micro-certification",
        "micromasters",
        "xseries",
    ):
        assert name in names, name
    assert len(bundled.careers) >= 20
    regulated = {c.id for c in bundled.careers.values() if c.regulated}
    assert {"doctor", "dentist", "surgeon"} <= regulated
