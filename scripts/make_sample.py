#!/usr/bin/python3
"""Build the built-in synthetic EU-27 sample of BRIDGE-LC Explorer.

The ELC10 training table (LUCAS 2018 points with Sentinel-1/2 statistics) carries no licence, so the product
cannot ship it. This script keeps what may be shipped (real LUCAS 2018 point ids, locations, level-1 labels and
crop codes; Eurostat, re-use with attribution) and replaces every feature value by a draw from Gaussian
statistics fitted on the real table:

* per (level-1 class, biogeographical region): mean vector and full covariance, the covariance shrunk toward its
  diagonal with the Schaefer-Strimmer analytic intensity (small groups get more shrinkage). Groups with fewer
  than --min-group points use their class's pooled within-region covariance and a mean pulled toward the class
  mean (partial pooling, weight n / (n + min_group)), so a rare class in a small region keeps some of its
  regional shift without trusting two or three points.
* Cropland points with a LUCAS crop code (B..): mean = Cropland mean of the point's region + a per-crop-code
  offset fitted on region-centred values (pooled over regions, same fallback toward the crop group B1..B8), so
  the level-2 crop task and the regional shift both survive.

Values are fitted after winsorising each feature at its 0.1/99.9 % quantiles (a few extreme values, e.g. in
desc_dpol_median, would otherwise inflate whole covariances), drawn, rounded to integers like the original and
clipped to the observed range. Everything is seeded (numpy default_rng(2018)) and deterministic.

Usage:  /usr/bin/python3 scripts/make_sample.py [input.csv] [--out resources/sample] [--check]
--check compares real and synthetic features of the same points with numpy nearest-centroid and 5-NN classifiers.
"""
import argparse
import csv
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_INPUT = os.path.join(ROOT, "..", "shared", "data", "lucas", "lucas2018_elc10_s1s2.csv")
META_COLUMNS = {"POINT_ID", "lon", "lat", "country", "nuts0", "region", "lc1_name", "lc1_code", "source", "votes"}
SMALL_REGIONS = ("BLS", "STE", "PAN")
OUTPUT_NAME = "eu27_synthetic_sample.csv"


def read_table(path):
    """Returns (meta dict of str arrays, feature names, float64 feature matrix); stops with file:line on bad input."""
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        missing = [c for c in ("POINT_ID", "lon", "lat", "region", "lc1_name", "lc1_code") if c not in header]
        if missing:
            sys.exit(f"{path}:1: missing column(s) {', '.join(missing)}")
        features = [c for c in header if c not in META_COLUMNS]
        fidx = [header.index(c) for c in features]
        meta = {c: [] for c in ("POINT_ID", "lon", "lat", "region", "lc1_name", "lc1_code")}
        midx = {c: header.index(c) for c in meta}
        rows = []
        for line, row in enumerate(reader, start=2):
            if len(row) != len(header):
                sys.exit(f"{path}:{line}: {len(row)} fields, header has {len(header)}")
            try:
                rows.append([float(row[i]) for i in fidx])
            except ValueError as e:
                sys.exit(f"{path}:{line}: non-numeric feature value ({e})")
            for c, i in midx.items():
                meta[c].append(row[i])
    meta = {c: np.array(v) for c, v in meta.items()}
    return meta, features, np.array(rows, dtype=np.float64)


def shrunk_covariance(x):
    """Covariance with correlations shrunk toward 0 by the Schaefer-Strimmer (2005, target D) intensity."""
    n, p = x.shape
    xc = x - x.mean(axis=0)
    sd = np.sqrt((xc**2).sum(axis=0) / (n - 1))
    sd = np.where(sd > 0, sd, 1.0)
    z = xc / sd
    wbar = z.T @ z / n
    r = wbar * n / (n - 1)
    z2 = z**2
    var_r = (z2.T @ z2 - n * wbar**2) * n / (n - 1) ** 3
    off = ~np.eye(p, dtype=bool)
    lam = float(np.clip(var_r[off].sum() / max((r[off] ** 2).sum(), 1e-12), 0.0, 1.0))
    r_shrunk = np.where(off, (1.0 - lam) * r, 1.0)
    return r_shrunk * np.outer(sd, sd), lam


class Gaussian:
    """Mean and covariance of one group, with its Cholesky factor for drawing."""

    def __init__(self, mean, cov, n, shrinkage, pooled):
        self.mean, self.cov, self.n, self.shrinkage, self.pooled = mean, cov, n, shrinkage, pooled
        scale = np.sqrt(np.diag(cov))
        scale = np.where(scale > 0, scale, 1.0)
        corr = cov / np.outer(scale, scale)
        w, v = np.linalg.eigh(corr)
        self.factor = (v * np.sqrt(np.clip(w, 1e-9, None))) * scale[:, None]

    def draw(self, rng, count):
        return self.mean + rng.standard_normal((count, len(self.mean))) @ self.factor.T


def fit_groups(x, keys, min_group, parent_of, parent_mean, parent_pooled_cov):
    """One Gaussian per key; keys with < min_group rows get the parent's pooled covariance and a pulled mean."""
    out = {}
    for key in sorted(set(keys)):
        rows = x[keys == key]
        n = len(rows)
        parent = parent_of(key)
        if n >= min_group:
            cov, lam = shrunk_covariance(rows)
            out[key] = Gaussian(rows.mean(axis=0), cov, n, lam, False)
        else:
            w = n / (n + min_group)
            mean = w * rows.mean(axis=0) + (1 - w) * parent_mean[parent]
            out[key] = Gaussian(mean, parent_pooled_cov[parent], n, 1.0, True)
    return out


def pooled_within(x, keys, parents):
    """Per parent: mean of all its rows and the covariance of rows around their own key's mean."""
    means, covs = {}, {}
    for parent in sorted(set(parents)):
        sel = parents == parent
        resid = x[sel].copy()
        for key in set(keys[sel]):
            m = keys[sel] == key
            resid[m] -= resid[m].mean(axis=0)
        means[parent] = x[sel].mean(axis=0)
        covs[parent], _ = shrunk_covariance(resid)
    return means, covs


def fit_model(meta, x, min_group):
    lo, hi = np.quantile(x, [0.001, 0.999], axis=0)
    xw = np.clip(x, lo, hi)
    cls, reg = meta["lc1_name"], meta["region"]
    group_key = np.char.add(np.char.add(cls, "|"), reg)
    class_mean, class_cov = pooled_within(xw, group_key, cls)
    groups = fit_groups(xw, group_key, min_group, lambda k: k.split("|")[0], class_mean, class_cov)

    crop = (cls == "Cropland") & np.char.startswith(meta["lc1_code"], "B")
    region_mean = np.array([groups["Cropland|" + r].mean for r in reg[crop]])
    resid = xw[crop] - region_mean
    codes = meta["lc1_code"][crop]
    crop_group = np.array([c[:2] for c in codes])
    group_mean, group_cov = pooled_within(resid, codes, crop_group)
    crops = fit_groups(resid, codes, min_group, lambda c: c[:2], group_mean, group_cov)
    return groups, crops, crop


def select_points(meta, n_points, rng):
    """All points of the small regions and all crop-coded Cropland, then per class enough random others to keep
    each class near its share of the full table."""
    cls = meta["lc1_name"]
    forced = np.isin(meta["region"], SMALL_REGIONS) | (
        (cls == "Cropland") & np.char.startswith(meta["lc1_code"], "B")
    )
    chosen = forced.copy()
    for c in sorted(set(cls)):
        in_class = cls == c
        target = int(round(n_points * in_class.sum() / len(cls)))
        need = target - int((forced & in_class).sum())
        pool = np.flatnonzero(in_class & ~forced)
        if need > 0:
            chosen[rng.choice(pool, size=min(need, len(pool)), replace=False)] = True
    idx = np.flatnonzero(chosen)
    return idx[np.argsort(meta["POINT_ID"][idx].astype(np.int64), kind="stable")]


def percentile_sets(features):
    """Column indices of each family of percentile columns (ndvi_p5..ndvi_p95), in percentile order."""
    sets = {}
    for j, name in enumerate(features):
        m = re.fullmatch(r"(.+)_p(\d+)", name)
        if m:
            sets.setdefault(m.group(1), []).append((int(m.group(2)), j))
    return [[j for _, j in sorted(v)] for v in sets.values() if len(v) > 1]


def synthesise(meta, x, features, idx, groups, crops, crop_mask, rng):
    lo, hi = x.min(axis=0), x.max(axis=0)
    out = np.empty((len(idx), x.shape[1]))
    cls, reg, code = meta["lc1_name"][idx], meta["region"][idx], meta["lc1_code"][idx]
    is_crop = crop_mask[idx]
    keys = np.where(is_crop, np.char.add("crop|", code), np.char.add(np.char.add(cls, "|"), reg))
    for key in sorted(set(keys)):
        rows = np.flatnonzero(keys == key)
        if key.startswith("crop|"):
            # Region shift differs per row, so draw the code's noise once and add each row's regional mean.
            offsets = crops[key[5:]].draw(rng, len(rows))
            out[rows] = offsets + np.array([groups["Cropland|" + r].mean for r in reg[rows]])
        else:
            out[rows] = groups[key].draw(rng, len(rows))
    # Independent Gaussian draws break the order of percentiles in about a fifth of the rows; real ones never do.
    for cols in percentile_sets(features):
        out[:, cols] = np.sort(out[:, cols], axis=1)
    return np.clip(np.rint(out), lo, hi).astype(np.int64)


def write_sample(path, meta, idx, features, values):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["POINT_ID", "lon", "lat", "region", "lc1_name", "lc1_code"] + features)
        for i, row in zip(idx, values):
            label, code = meta["lc1_name"][i], meta["lc1_code"][i]
            code = code if label == "Cropland" and code.startswith("B") else ""
            head = [meta["POINT_ID"][i], meta["lon"][i], meta["lat"][i], meta["region"][i], label, code]
            w.writerow(head + [str(v) for v in row])


# ---- --check: numpy nearest-centroid and k-NN scores on real vs synthetic features of the same points ----

def nearest_centroid(xtr, ytr, xte):
    mu, sd = xtr.mean(axis=0), xtr.std(axis=0) + 1e-9
    a, b = (xtr - mu) / sd, (xte - mu) / sd
    classes = np.array(sorted(set(ytr)))
    cent = np.array([a[ytr == c].mean(axis=0) for c in classes])
    d = (b**2).sum(axis=1)[:, None] - 2 * b @ cent.T + (cent**2).sum(axis=1)
    return classes[np.argmin(d, axis=1)]


def knn(xtr, ytr, xte, k=5):
    """Majority of the k nearest training points (z-scored), in chunks to bound memory."""
    mu, sd = xtr.mean(axis=0), xtr.std(axis=0) + 1e-9
    a, b = (xtr - mu) / sd, (xte - mu) / sd
    classes, yi = np.unique(ytr, return_inverse=True)
    a2 = (a**2).sum(axis=1)
    out = np.empty(len(b), dtype=np.int64)
    for s in range(0, len(b), 2000):
        d = a2[None, :] - 2 * b[s : s + 2000] @ a.T
        nn = np.argpartition(d, k, axis=1)[:, :k]
        votes = np.zeros((len(nn), len(classes)))
        np.add.at(votes, (np.arange(len(nn))[:, None], yi[nn]), 1)
        out[s : s + 2000] = np.argmax(votes, axis=1)
    return classes[out]


def scores(y, p, classes):
    f1 = []
    for c in classes:
        tp, fp, fn = ((p == c) & (y == c)).sum(), ((p == c) & (y != c)).sum(), ((p != c) & (y == c)).sum()
        if tp + fn > 0:
            f1.append(2 * tp / max(2 * tp + fp + fn, 1))
    return (p == y).mean(), float(np.mean(f1))


def stratified_split(y, rng, test_share=0.3):
    test = np.zeros(len(y), dtype=bool)
    for c in sorted(set(y)):
        rows = np.flatnonzero(y == c)
        test[rng.choice(rows, size=int(round(test_share * len(rows))), replace=False)] = True
    return test


def check(meta, x_real, idx, synth, crop_mask):
    y, reg = meta["lc1_name"][idx], meta["region"][idx]
    classes = sorted(set(y))
    tables = {"real": x_real[idx], "synthetic": synth.astype(np.float64)}
    test = stratified_split(y, np.random.default_rng(7))
    for label, clf in (("nearest-centroid", nearest_centroid), ("5-nearest-neighbour", knn)):
        print(f"\nnumpy {label} check (z-scored on the training part), same points, real vs synthetic features")
        print("random stratified 70/30 split, level 1:   OA / macro-F1")
        for name, x in tables.items():
            oa, f1 = scores(y[test], clf(x[~test], y[~test], x[test]), classes)
            print(f"  {name:9s} {oa:.3f} / {f1:.3f}")
        print("leave one region out, level 1: OA on held-out region (random-split OA on its test points -> drop)")
        for name, x in tables.items():
            rand = clf(x[~test], y[~test], x[test])
            line, drops = f"  {name:9s}", []
            for r in sorted(set(reg)):
                held = reg == r
                oa_loro, _ = scores(y[held], clf(x[~held], y[~held], x[held]), classes)
                oa_rand, _ = scores(y[test & held], rand[held[test]], classes)
                drops.append(oa_rand - oa_loro)
                line += f" {r} {oa_loro:.3f}({oa_rand - oa_loro:+.3f})"
            print(line + f"  mean drop {np.mean(drops):+.3f}")
        crop = crop_mask[idx]
        codes = meta["lc1_code"][idx][crop]
        common = sorted(c for c in set(codes) if (codes == c).sum() >= 20)
        keep = np.isin(codes, common)
        yc = codes[keep]
        tc = stratified_split(yc, np.random.default_rng(7))
        print(f"level 2 ({len(common)} crop codes with >= 20 points, {keep.sum()} points), 70/30: OA / macro-F1")
        for name, x in tables.items():
            xc = x[crop][keep]
            oa, f1 = scores(yc[tc], clf(xc[~tc], yc[~tc], xc[tc]), common)
            print(f"  {name:9s} {oa:.3f} / {f1:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", nargs="?", default=DEFAULT_INPUT, help="the ELC10 LUCAS 2018 table (CSV)")
    ap.add_argument("--out", default=os.path.join(ROOT, "resources", "sample"), help="output directory")
    ap.add_argument("--points", type=int, default=24000, help="approximate number of points")
    ap.add_argument("--min-group", type=int, default=30, help="smaller groups borrow their parent's statistics")
    ap.add_argument("--seed", type=int, default=2018)
    ap.add_argument("--check", action="store_true", help="print nearest-centroid scores on real vs synthetic")
    args = ap.parse_args()
    if not os.path.isfile(args.input):
        sys.exit(f"{args.input}: no such file (pass the ELC10 table as the first argument)")

    meta, features, x = read_table(args.input)
    if len(features) != 35:
        print(f"note: {len(features)} feature columns (expected 35)", file=sys.stderr)
    rng = np.random.default_rng(args.seed)
    groups, crops, crop_mask = fit_model(meta, x, args.min_group)
    idx = select_points(meta, args.points, rng)
    synth = synthesise(meta, x, features, idx, groups, crops, crop_mask, rng)
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, OUTPUT_NAME)
    write_sample(path, meta, idx, features, synth)
    pooled = sorted(k for k, g in groups.items() if g.pooled)
    print(f"wrote {path}: {len(idx)} points, {len(features)} features, {os.path.getsize(path) / 1e6:.2f} MB")
    print(f"  {len(groups)} class x region groups ({len(pooled)} pooled: {', '.join(pooled)})")
    print(f"  {len(crops)} crop codes ({sum(g.pooled for g in crops.values())} pooled)")
    if args.check:
        check(meta, x, idx, synth, crop_mask)


if __name__ == "__main__":
    main()
