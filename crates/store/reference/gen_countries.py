#!/usr/bin/env python3
"""Generate countries.tsv (ISO 3166-1) for Mayak.

Source: pycountry (`pip install pycountry`), i.e. the Debian iso-codes data and
its gettext translations (domain "iso3166-1").

Columns: code (alpha-2, used in HTCDS), alpha3 (alpha-3, used in CTDC exports),
ru, be, en.  English is pycountry's `common_name` when present, else `name`;
ru/be are the gettext translations of that English name.  A handful of
iso-codes translations with obvious typos or inverted forms are corrected in
OVERRIDES below.  If a translation were missing, be falls back to ru and ru to
en; such fallbacks are printed to stderr.  Rows are sorted by English name
(accents ignored).

Usage: python3 gen_countries.py > countries.tsv
"""
import gettext
import sys
import unicodedata

import pycountry

# (alpha-2, language) -> corrected label
OVERRIDES = {
    ("CF", "ru"): "Центральноафриканская Республика",
    ("DO", "ru"): "Доминиканская Республика",
    ("MD", "ru"): "Молдова",  # form used officially in Belarus
    ("MP", "ru"): "Северные Марианские Острова",
    ("UM", "ru"): "Внешние малые острова США",
    ("US", "ru"): "Соединённые Штаты",
    ("WF", "ru"): "Уоллис и Футуна",
    ("CD", "be"): "Дэмакратычная Рэспубліка Конга",
    ("TC", "be"): "Астравы Цёркс і Кайкас",
}


def translator(lang):
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])


def sort_key(name):
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def main():
    tr = {lang: translator(lang) for lang in ("ru", "be")}
    rows = []
    for c in pycountry.countries:
        en = getattr(c, "common_name", None) or c.name
        names = {}
        for lang in ("ru", "be"):
            t = tr[lang].gettext(en)
            if t == en:
                t = tr[lang].gettext(c.name)
            names[lang] = t if t != c.name else None
        if names["ru"] is None:
            print(f"fallback ru->en: {c.alpha_2}", file=sys.stderr)
            names["ru"] = en
        if names["be"] is None:
            print(f"fallback be->ru: {c.alpha_2}", file=sys.stderr)
            names["be"] = names["ru"]
        for lang in ("ru", "be"):
            names[lang] = OVERRIDES.get((c.alpha_2, lang), names[lang])
        rows.append((c.alpha_2, c.alpha_3, names["ru"], names["be"], en))
    rows.sort(key=lambda r: sort_key(r[4]))
    out = sys.stdout
    out.write("code\talpha3\tru\tbe\ten\n")
    for r in rows:
        out.write("\t".join(v.strip() for v in r) + "\n")


if __name__ == "__main__":
    main()
