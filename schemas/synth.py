"""Synthetic GTD-scale incidents (and their incident_sources) for tests and benchmarks.

Values are drawn from the codebook's code lists with plausible, hand-set weights (a few countries
and attack types dominate; counts are mostly small with long tails) and respect every rule the gate
checks: region follows country, subtypes follow types, ``*_txt`` are the codebook labels, dates are
valid, eventids are ``YYYYMMDD`` + sequence. Deterministic for a given ``seed``. The rows are
invented: no GTD row is bundled or reproduced, group and place names are placeholders.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl

from schemas.arrow import incidents_schema
from schemas.definition import code_list, load_definition, load_reference, region_of_country, subtype_parents
from schemas.layout import EVENTID_ALIASES_FILE, INCIDENT_SOURCES_FILE, INCIDENTS_FILE
from schemas.parquet import write_parquet
from schemas.tables import EVENTID_ALIASES_SCHEMA, INCIDENT_SOURCES_SCHEMA

#: heavily affected location countries (GTD codes) and their extra weight
_HOT_COUNTRIES = {
    95: 40,
    153: 25,
    4: 20,
    92: 18,
    45: 14,
    160: 12,
    159: 10,
    61: 9,
    603: 8,
    209: 7,
    182: 7,
    147: 6,
    205: 6,
    228: 5,
    185: 5,
    186: 5,
    217: 5,
    6: 5,
    69: 4,
    60: 4,
    110: 4,
    200: 4,
    113: 4,
}
_ATTACK_WEIGHTS = {3: 48, 2: 23, 1: 10, 6: 6, 7: 5.5, 9: 4, 8: 0.6, 5: 0.6, 4: 0.4}
_WEAPON_FOR_ATTACK = {3: 6, 2: 5, 1: 5, 7: 8, 6: 5, 5: 5, 4: 13, 8: 9, 9: 13}
_TARGET_WEIGHTS = {
    14: 24,
    4: 15,
    3: 13,
    2: 12,
    1: 11,
    20: 3,
    15: 2.5,
    8: 2.5,
    21: 3,
    19: 2,
    10: 1.5,
    7: 2,
    22: 1,
    17: 1,
    13: 0.3,
    12: 0.5,
    6: 0.8,
    16: 0.5,
    18: 0.2,
    11: 0.2,
    9: 0.1,
    5: 0.1,
}
SOURCES = ("ucdp-ged", "wikipedia-incidents", "wikinews", "gdelt")


def _choice(rng: np.random.Generator, weights: dict[int, float], n: int) -> np.ndarray:
    keys = np.array(list(weights), dtype=np.int64)
    p = np.array(list(weights.values()), dtype=float)
    return rng.choice(keys, size=n, p=p / p.sum())


def _child_of(rng: np.random.Generator, parents: np.ndarray, parent_map: dict[int, int]) -> np.ndarray:
    """For each parent code, a random child code (subtype) or -1 when the parent has none."""
    children: dict[int, list[int]] = {}
    for child, parent in parent_map.items():
        children.setdefault(parent, []).append(child)
    out = np.full(len(parents), -1, dtype=np.int64)
    for parent, kids in children.items():
        idx = np.flatnonzero(parents == parent)
        if len(idx):
            out[idx] = rng.choice(np.array(sorted(kids)), size=len(idx))
    return out


def _nullable(values: np.ndarray, null_mask: np.ndarray) -> list:
    return [None if m else int(v) for v, m in zip(values.tolist(), null_mask.tolist(), strict=True)]


def _counts(rng: np.random.Generator, n: int, p_zero: float, mu: float, sigma: float) -> np.ndarray:
    """Mostly small, long-tailed whole numbers."""
    tail = np.ceil(rng.lognormal(mu, sigma, n)).astype(np.int64)
    return np.where(rng.random(n) < p_zero, 0, np.minimum(tail, 5000))


def synth_incidents(
    n: int = 200_000, seed: int = 0, start_year: int = 1970, end_year: int = 2017
) -> pl.DataFrame:
    """``n`` synthetic incidents with every column of the incidents schema (in schema order)."""
    rng = np.random.default_rng(seed)
    region_map = region_of_country()
    years = np.arange(start_year, end_year + 1)
    year_w = np.linspace(1.0, 6.0, len(years))
    iyear = rng.choice(years, size=n, p=year_w / year_w.sum())
    imonth = rng.integers(1, 13, n)
    dim = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[imonth - 1]
    leap = ((iyear % 4 == 0) & (iyear % 100 != 0)) | (iyear % 400 == 0)
    dim = np.where((imonth == 2) & leap, 29, dim)
    iday = (rng.random(n) * dim).astype(np.int64) + 1
    unknown_day = rng.random(n) < 0.01
    iday = np.where(unknown_day, 0, iday)
    unknown_month = rng.random(n) < 0.003
    imonth = np.where(unknown_month, 0, imonth)
    iday = np.where(unknown_month, 0, iday)
    precision = np.where(imonth == 0, "year", np.where(iday == 0, "month", "day"))

    loc_countries = sorted(region_map)
    cw = {c: 1.0 + _HOT_COUNTRIES.get(c, 0) * 8 for c in loc_countries}
    country = _choice(rng, cw, n)
    region = np.array([region_map[c] for c in country.tolist()])
    all_countries = np.array(sorted(code_list("country")))

    attack1 = _choice(rng, _ATTACK_WEIGHTS, n)
    attack2 = np.where(rng.random(n) < 0.08, _choice(rng, _ATTACK_WEIGHTS, n), -1)
    attack3 = np.where((attack2 > 0) & (rng.random(n) < 0.1), _choice(rng, _ATTACK_WEIGHTS, n), -1)

    weap_parents = subtype_parents("weapsubtype")
    weap_codes = np.array(sorted(code_list("weaptype")))
    weap = [np.array([_WEAPON_FOR_ATTACK[a] for a in attack1.tolist()])]
    weap[0] = np.where(rng.random(n) < 0.1, rng.choice(weap_codes, n), weap[0])
    p_more = [0.07, 0.01, 0.002]
    for p in p_more:
        weap.append(np.where(rng.random(n) < p, rng.choice(weap_codes, n), -1))
    weapsub = [np.where(w > 0, _child_of(rng, w, weap_parents), -1) for w in weap]
    weapsub = [np.where(rng.random(n) < 0.1, -1, s) for s in weapsub]

    targ_parents = subtype_parents("targsubtype")
    targ = [_choice(rng, _TARGET_WEIGHTS, n)]
    targ.append(np.where(rng.random(n) < 0.06, _choice(rng, _TARGET_WEIGHTS, n), -1))
    targ.append(np.where((targ[1] > 0) & (rng.random(n) < 0.1), _choice(rng, _TARGET_WEIGHTS, n), -1))
    targsub = [np.where(t > 0, _child_of(rng, t, targ_parents), -1) for t in targ]
    natl = [np.where(rng.random(n) < 0.9, country, rng.choice(all_countries, n))]
    natl += [
        np.where(t > 0, np.where(rng.random(n) < 0.9, country, rng.choice(all_countries, n)), -1)
        for t in targ[1:]
    ]

    ishostkid = _choice(rng, {0: 92, 1: 7.5, -9: 0.5}, n)
    hostage = ishostkid == 1
    extended = np.where(hostage & (rng.random(n) < 0.4), 1, (rng.random(n) < 0.02).astype(np.int64))
    doubtterr = _choice(rng, {0: 78, 1: 17, -9: 5}, n)
    claimed = _choice(rng, {0: 88, 1: 10, -9: 2}, n)
    property_ = _choice(rng, {1: 52, 0: 37, -9: 11}, n)
    nkill = _counts(rng, n, 0.45, 0.5, 1.1)
    nwound = _counts(rng, n, 0.55, 0.9, 1.2)
    lat = rng.uniform(-55, 70, n).round(6)
    lon = rng.uniform(-180, 180, n).round(6)
    no_coords = rng.random(n) < 0.025
    specificity = np.where(no_coords, 5, _choice(rng, {1: 75, 2: 8, 3: 10, 4: 2}, n))
    n_src = 1 + rng.geometric(0.6, n) - 1
    n_src = np.minimum(n_src, 12)
    days = ((iyear - 1970) * 365.25 + np.maximum(imonth - 1, 0) * 30.4 + np.maximum(iday - 1, 0)).astype(
        np.int64
    )
    epoch_us = int(datetime(1970, 1, 1, tzinfo=UTC).timestamp() * 1e6)
    first_seen = epoch_us + (days + rng.integers(0, 30, n)) * 86_400_000_000
    last_seen = first_seen + rng.integers(0, 400, n) * 86_400_000_000
    groups = np.array(["Unknown"] + [f"Synthetic Group {k:03d}" for k in range(1, 301)])
    gw = np.concatenate([[300.0], 1.0 / np.arange(1, 301)])
    gname = rng.choice(groups, n, p=gw / gw.sum())

    def opt(values: np.ndarray) -> list:
        return _nullable(values, values == -1)

    data: dict[str, object] = {
        "iyear": iyear,
        "imonth": imonth,
        "iday": iday,
        "approxdate": [None] * n,
        "extended": extended,
        "resolution": None,
        "country": country,
        "region": region,
        "provstate": [f"Province {k}" for k in rng.integers(1, 40, n).tolist()],
        "city": [f"Place {k}" for k in rng.integers(1, 5000, n).tolist()],
        "latitude": [None if m else v for v, m in zip(lat.tolist(), no_coords.tolist(), strict=True)],
        "longitude": [None if m else v for v, m in zip(lon.tolist(), no_coords.tolist(), strict=True)],
        "specificity": specificity,
        "vicinity": (rng.random(n) < 0.07).astype(np.int64),
        "location": [None] * n,
        "summary": [None] * n,
        "crit1": (rng.random(n) < 0.99).astype(np.int64),
        "crit2": (rng.random(n) < 0.99).astype(np.int64),
        "crit3": (rng.random(n) < 0.88).astype(np.int64),
        "doubtterr": doubtterr,
        "alternative": opt(np.where(doubtterr == 1, _choice(rng, {1: 80, 2: 8, 3: 8, 4: 2, 5: 2}, n), -1)),
        "multiple": (rng.random(n) < 0.13).astype(np.int64),
        "success": (rng.random(n) < 0.89).astype(np.int64),
        "suicide": (rng.random(n) < 0.036).astype(np.int64),
        "attacktype1": attack1,
        "attacktype2": opt(attack2),
        "attacktype3": opt(attack3),
        "gname": gname,
        "gsubname": [None] * n,
        "gname2": [None] * n,
        "gsubname2": [None] * n,
        "gname3": [None] * n,
        "gsubname3": [None] * n,
        "motive": [None] * n,
        "guncertain1": (rng.random(n) < 0.08).astype(np.int64),
        "guncertain2": [None] * n,
        "guncertain3": [None] * n,
        "individual": (rng.random(n) < 0.003).astype(np.int64),
        "nperps": np.where(rng.random(n) < 0.6, -99, _counts(rng, n, 0.0, 0.8, 1.0)),
        "nperpcap": np.where(rng.random(n) < 0.5, -99, _counts(rng, n, 0.8, 0.3, 0.8)),
        "claimed": claimed,
        "claimmode": opt(
            np.where(claimed == 1, _choice(rng, {1: 8, 2: 20, 7: 30, 8: 15, 9: 10, 10: 17}, n), -1)
        ),
        "claim2": [None] * n,
        "claimmode2": [None] * n,
        "claim3": [None] * n,
        "claimmode3": [None] * n,
        "compclaim": [None] * n,
        "weapdetail": [None] * n,
        "nkill": _nullable(nkill, rng.random(n) < 0.06),
        "nkillus": _nullable(
            np.where(country == 217, _counts(rng, n, 0.9, 0.1, 0.5), 0), rng.random(n) < 0.35
        ),
        "nkillter": _nullable(_counts(rng, n, 0.85, 0.3, 0.9), rng.random(n) < 0.4),
        "nwound": _nullable(nwound, rng.random(n) < 0.09),
        "nwoundus": _nullable(np.zeros(n, dtype=np.int64), rng.random(n) < 0.35),
        "nwoundte": _nullable(_counts(rng, n, 0.95, 0.1, 0.5), rng.random(n) < 0.4),
        "property": property_,
        "propextent": opt(np.where(property_ == 1, _choice(rng, {1: 0.1, 2: 2, 3: 60, 4: 38}, n), -1)),
        "propvalue": [
            None if p != 1 else (-99.0 if r < 0.6 else float(v))
            for p, r, v in zip(
                property_.tolist(),
                rng.random(n).tolist(),
                np.ceil(rng.lognormal(9, 2.5, n)).tolist(),
                strict=True,
            )
        ],
        "propcomment": [None] * n,
        "ishostkid": ishostkid,
        "nhostkid": opt(
            np.where(hostage, np.where(rng.random(n) < 0.1, -99, _counts(rng, n, 0.0, 0.7, 1.0)), -1)
        ),
        "nhostkidus": opt(np.where(hostage, 0, -1)),
        "nhours": opt(
            np.where(hostage & (extended == 0), rng.integers(0, 24, n), np.where(hostage, -99, -1))
        ),
        "ndays": opt(
            np.where(hostage & (extended == 1), rng.integers(1, 400, n), np.where(hostage, -99, -1))
        ),
        "divert": [None] * n,
        "kidhijcountry": [None] * n,
        "ransom": opt(np.where(hostage, _choice(rng, {0: 70, 1: 15, -9: 15}, n), -1)),
        "ransomamt": [None] * n,
        "ransomamtus": [None] * n,
        "ransompaid": [None] * n,
        "ransompaidus": [None] * n,
        "ransomnote": [None] * n,
        "hostkidoutcome": opt(
            np.where(hostage, _choice(rng, {2: 30, 4: 25, 7: 25, 5: 8, 3: 6, 1: 3, 6: 3}, n), -1)
        ),
        "nreleased": opt(
            np.where(hostage, np.where(rng.random(n) < 0.5, -99, _counts(rng, n, 0.5, 0.5, 1.0)), -1)
        ),
        "addnotes": [None] * n,
        "scite2": [None] * n,
        "scite3": [None] * n,
        "dbsource": rng.choice(np.array(SOURCES), n),
        "INT_LOG": _choice(rng, {-9: 55, 0: 40, 1: 5}, n),
        "INT_IDEO": _choice(rng, {-9: 55, 0: 38, 1: 7}, n),
        "INT_MISC": _choice(rng, {0: 88, 1: 12}, n),
        "related": [None] * n,
        "n_sources": n_src,
        "date_precision": precision,
        "first_seen": first_seen,
        "last_seen": last_seen,
        "confidence": rng.uniform(0.5, 1.0, n).round(4),
    }
    for slot in range(3):
        s = slot + 1
        data[f"targtype{s}"] = opt(targ[slot])
        data[f"targsubtype{s}"] = opt(targsub[slot])
        data[f"natlty{s}"] = opt(natl[slot]) if slot else natl[0]
        data[f"corp{s}"] = ["Unknown"] * n if slot == 0 else [None] * n
        data[f"target{s}"] = (
            [f"Target {k}" for k in rng.integers(1, 1000, n).tolist()] if slot == 0 else [None] * n
        )
    for slot in range(4):
        data[f"weaptype{slot + 1}"] = opt(weap[slot])
        data[f"weapsubtype{slot + 1}"] = opt(weapsub[slot])
    ext_res = np.where(extended == 1, rng.integers(1, 400, n), -1)
    data["resolution"] = opt(ext_res)
    data["INT_ANY"] = np.where(
        (data["INT_LOG"] == 1) | (data["INT_IDEO"] == 1) | (data["INT_MISC"] == 1),
        1,
        np.where((data["INT_LOG"] == -9) & (data["INT_IDEO"] == -9), -9, 0),
    )

    frame = pl.DataFrame({k: v for k, v in data.items() if not isinstance(v, np.ndarray)}, strict=False)
    frame = frame.with_columns([pl.Series(k, v) for k, v in data.items() if isinstance(v, np.ndarray)])
    dtypes = _polars_dtypes()
    frame = frame.with_columns(
        pl.col(c).cast(dtypes[c])
        for c in frame.columns
        if c in dtypes and c not in ("resolution", "first_seen", "last_seen")
    )
    return _finish(frame, seed)


def _polars_dtypes() -> dict[str, pl.DataType]:
    """Plain polars dtypes for the incidents columns (vocabulary columns as String)."""
    simple = {
        "int16": pl.Int16(),
        "int32": pl.Int32(),
        "int64": pl.Int64(),
        "float64": pl.Float64(),
        "string": pl.String(),
        "dictionary": pl.String(),
        "date32": pl.Date(),
        "timestamp": pl.Datetime("us", "UTC"),
    }
    return {f.name: simple[f.type] for f in load_definition().fields}


def _finish(frame: pl.DataFrame, seed: int) -> pl.DataFrame:
    """eventid, resolution date, scite1, *_txt labels; cast to the incidents schema's types and order."""
    definition = load_definition()
    date_expr = pl.date(pl.col("iyear"), pl.col("imonth").clip(1, 12), pl.col("iday").clip(1, 28))
    frame = frame.with_columns(
        resolution=pl.when(pl.col("resolution").is_not_null())
        .then(date_expr + pl.duration(days=pl.col("resolution")))
        .otherwise(None),
        first_seen=pl.from_epoch(pl.col("first_seen"), time_unit="us").dt.replace_time_zone("UTC"),
        last_seen=pl.from_epoch(pl.col("last_seen"), time_unit="us").dt.replace_time_zone("UTC"),
    )
    seq = pl.int_range(pl.len()).over(["iyear", "imonth", "iday"]) + 1
    frame = frame.with_row_index("_row").with_columns(
        eventid=(
            pl.col("iyear").cast(pl.Int64) * 100_000_000
            + pl.col("imonth").cast(pl.Int64) * 1_000_000
            + pl.col("iday").cast(pl.Int64) * 10_000
            + seq.cast(pl.Int64)
        ),
    )
    frame = frame.with_columns(
        scite1=pl.format("Synthetic report {} (seed {})", pl.col("_row"), pl.lit(seed))
    )
    labels = []
    for f in definition.fields:
        if f.label_of:
            codes = code_list(definition.field(f.label_of).codes or "")
            labels.append(
                pl.col(f.label_of).replace_strict(codes, default=None, return_dtype=pl.String).alias(f.name)
            )
    frame = frame.with_columns(labels)
    return frame.select(incidents_schema().names)


def synth_sources(incidents: pl.DataFrame, seed: int = 0) -> pl.DataFrame:
    """incident_sources rows: ``n_sources`` per incident, the first one ``primary``."""
    rng = np.random.default_rng(seed + 1)
    base = incidents.select("eventid", "n_sources", "first_seen", "last_seen", "dbsource")
    rows = base.with_columns(k=pl.int_ranges(0, pl.col("n_sources"))).explode("k")
    n = rows.height
    sources = rng.choice(np.array(SOURCES), n)
    keys = [
        f"{s}:{e}-{k}"
        for s, e, k in zip(sources.tolist(), rows["eventid"].to_list(), rows["k"].to_list(), strict=True)
    ]
    content = [hashlib.sha256(k.encode()).hexdigest() for k in keys]
    url = [
        f"https://example.org/{s}/{e}/{k}"
        for s, e, k in zip(sources.tolist(), rows["eventid"].to_list(), rows["k"].to_list(), strict=True)
    ]
    doc = [
        hashlib.sha256(f"{u}\n{c}\n{k}".encode()).hexdigest()
        for u, c, k in zip(url, content, keys, strict=True)
    ]
    return pl.DataFrame(
        {
            "eventid": rows["eventid"],
            "doc_id": doc,
            "record_key": keys,
            "source": sources,
            "url": url,
            "title": [f"Report {k}" for k in range(n)],
            "publisher": None,
            "published_at": rows["first_seen"],
            "fetched_at": rows["first_seen"],
            "content_sha256": content,
            "warc_record_id": [
                f"<urn:uuid:{c[:8]}-{c[8:12]}-{c[12:16]}-{c[16:20]}-{c[20:32]}>" for c in content
            ],
            "role": pl.Series(np.where(rows["k"].to_numpy() == 0, "primary", "corroborating")),
            "evidence": None,
        },
        schema_overrides={"publisher": pl.String, "evidence": pl.String},
    )


RELEASE_SORT = ["iyear", "imonth", "iday", "eventid"]


def write_synthetic_release(folder: Path, n: int = 1000, seed: int = 0, metadata: dict | None = None) -> Path:
    """A release folder with incidents, incident_sources and (empty) eventid_aliases, via write_parquet."""
    folder = Path(folder)
    incidents = synth_incidents(n, seed)
    sources = synth_sources(incidents, seed)
    meta = {"version": "synthetic", "schema_version": load_definition().schema_version, **(metadata or {})}
    write_parquet(
        incidents, folder / INCIDENTS_FILE, schema=incidents_schema(), sort_by=RELEASE_SORT, metadata=meta
    )
    write_parquet(
        sources,
        folder / INCIDENT_SOURCES_FILE,
        schema=INCIDENT_SOURCES_SCHEMA,
        sort_by=["eventid", "doc_id"],
        metadata=meta,
    )
    aliases = pl.DataFrame(
        schema={
            "alias_eventid": pl.Int64,
            "eventid": pl.Int64,
            "reason": pl.String,
            "since_version": pl.String,
        }
    )
    write_parquet(aliases, folder / EVENTID_ALIASES_FILE, schema=EVENTID_ALIASES_SCHEMA, metadata=meta)
    return folder


__all__ = ["synth_incidents", "synth_sources", "write_synthetic_release", "load_reference"]
