#!/usr/bin/env python3
"""BRIDGE-LC in PyTorch (Python), the reference for `bridgelc bench --python`.

Same architecture, losses, optimiser and data layout as the C++ trainer (core/model/torch_modules.cpp,
core/model/torch_supcon.cpp, core/train/torch_trainer.cpp): learned PE 128->256->128 (sigmoid), two branches of
3 x [Linear 256, BatchNorm1d, ReLU, Dropout 0.5], land-cover and region heads, weighted CE + CE + SupCon
(tau 0.07, the authors' max subtraction and +1e-5). Training keeps the whole set in one tensor and draws
mini-batches by index from a per-epoch randperm (the efficient form; the authors' DataLoader is slower), reads
the loss with .item() every batch as the C++ trainer does. Random data of the given shape.

Prints one JSON object: training samples/s (best of the measured epochs after one warm-up epoch, as the C++ side) and
inference points/s over --points rows (scaling + fixed PE + PE-MLP + f_inv + head + softmax, chunks of 16384).
Inference is measured as the C++ side measures it: on the rows `bridgelc bench` wrote (--inference-rows, the data's
rows repeated up to --points; random rows without it), --passes passes, each after a matrix multiply of
--warmup-shape run as long as the previous pass (1 s before the first); median and best pass are reported.
--epochs 0 skips training.
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def positional_encoding(lon, lat, d=128):
    freq = 1.0 / (10000.0 ** (2.0 * np.arange(d // 4) / d))
    out = np.zeros((lon.shape[0], d), dtype=np.float64)
    h = d // 2
    out[:, 0:h:2] = np.sin(np.outer(lon, freq))
    out[:, 1:h:2] = np.cos(np.outer(lon, freq))
    out[:, h::2] = np.sin(np.outer(lat, freq))
    out[:, h + 1::2] = np.cos(np.outer(lat, freq))
    return out.astype(np.float32)


class Encoder(nn.Module):
    def __init__(self, inputs, hidden=256, layers=3, dropout=0.5):
        super().__init__()
        blocks = []
        for i in range(layers):
            blocks += [nn.Linear(inputs if i == 0 else hidden, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
                       nn.Dropout(dropout)]
        self.blocks = nn.Sequential(*blocks)

    def forward(self, x):
        return self.blocks(x)


class LearnedEncoding(nn.Module):
    def __init__(self, dims=128, hidden=256, dropout=0.5):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dims, hidden), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Dropout(dropout),
                                 nn.Linear(hidden, dims))

    def forward(self, e):
        return torch.sigmoid(self.net(e))


class BridgeLc(nn.Module):
    def __init__(self, features, classes, regions):
        super().__init__()
        self.positional = LearnedEncoding()
        self.invariant = Encoder(features + 128)
        self.land_cover_head = nn.Linear(256, classes)
        self.specific = Encoder(features + 128)
        self.region_head = nn.Linear(256, regions)

    def forward(self, x, e):
        x = torch.cat((x, self.positional(e)), dim=1)
        inv = self.invariant(x)
        spec = self.specific(x)
        return self.land_cover_head(inv), self.region_head(spec), inv, spec

    def classify(self, x, e):
        x = torch.cat((x, self.positional(e)), dim=1)
        return self.land_cover_head(self.invariant(x))


def supcon(z, labels, tau):
    n = z.shape[0]
    sim = torch.mm(z, z.t()) / tau
    row_max, _ = sim.max(dim=1, keepdim=True)
    e = torch.exp(sim - row_max.detach()) + 1e-5
    not_self = 1 - torch.eye(n)
    positives = (labels.unsqueeze(1) == labels.unsqueeze(0)).float() * not_self
    count = positives.sum(1)
    log_den = torch.log((e * not_self).sum(1))
    per_anchor = count * log_den - (torch.log(e) * positives).sum(1)
    keep = count > 0
    return (per_anchor[keep] / count[keep]).mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=16384)
    ap.add_argument("--features", type=int, default=35)
    ap.add_argument("--classes", type=int, default=8)
    ap.add_argument("--regions", type=int, default=8)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=3, help="measured epochs after one warm-up epoch")
    ap.add_argument("--points", type=int, default=0, help="inference points (0: skip)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--inference-rows", default="",
                    help="file of float32 rows: lon, lat, then the features (written by bridgelc bench)")
    ap.add_argument("--passes", type=int, default=3, help="inference passes")
    ap.add_argument("--warmup-shape", default="512x163x256",
                    help="m x k x n of the matrix multiply run before each inference pass")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    n, d = args.rows, args.features
    x = torch.from_numpy(rng.random((n, d), dtype=np.float32))
    lon = rng.uniform(-10, 30, n)
    lat = rng.uniform(36, 64, n)
    enc = torch.from_numpy(positional_encoding(lon, lat))
    y = torch.from_numpy(rng.integers(0, args.classes, n)).long()
    r = torch.from_numpy(rng.integers(0, args.regions, n)).long()
    counts = torch.bincount(y, minlength=args.classes).float()
    weights = torch.where(counts > 0, 1.0 / counts.clamp(min=1), torch.zeros_like(counts))
    weights = weights * (counts > 0).sum() / weights.sum()

    model = BridgeLc(d, args.classes, args.regions)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=1e-2)
    batches = n // args.batch
    rates, cpu_rates = [], []
    for epoch in range(args.epochs + 1 if args.epochs > 0 else 0):
        model.train()
        start, cpu_start = time.perf_counter(), time.process_time()
        perm = torch.randperm(n)
        total = 0.0
        for b in range(batches):
            idx = perm[b * args.batch:(b + 1) * args.batch]
            xb, eb, yb, rb = x[idx], enc[idx], y[idx], r[idx]
            opt.zero_grad()
            logits, region_logits, inv, spec = model(xb, eb)
            lc = F.cross_entropy(logits, yb, weight=weights)
            rl = F.cross_entropy(region_logits, rb)
            z = F.normalize(torch.cat((inv, spec), 0), dim=1)
            cl = supcon(z, torch.cat((yb, rb + args.classes), 0), 0.07)
            loss = lc + rl + cl
            value = loss.item()
            if not math.isfinite(value):
                raise SystemExit("loss is not finite")
            loss.backward()
            opt.step()
            total += value
            # the C++ trainer also reads each term and the batch accuracy
            lc.item(), rl.item(), cl.item(), (logits.argmax(1) == yb).sum().item()
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        if epoch > 0:
            rates.append(batches * args.batch / seconds)
            cpu_rates.append(batches * args.batch / cpu_seconds)

    result = {"framework": "pytorch " + torch.__version__, "threads": torch.get_num_threads(), "rows": n,
              "features": d, "batch": args.batch}
    if rates:
        result.update({"trainSamplesPerSecond": max(rates), "trainCpuSamplesPerSecond": max(cpu_rates),
                       "epochRates": rates})

    if args.points > 0:
        m = args.points
        if args.inference_rows:
            table = np.fromfile(args.inference_rows, dtype=np.float32).reshape(-1, 2 + d)
            source_lon, source_lat, source = table[:, 0].astype(np.float64), table[:, 1].astype(np.float64), table[:, 2:]
        else:
            source_lon, source_lat, source = lon, lat, x.numpy() * 1000.0  # raw values, scaled back below
        reps = (m + source.shape[0] - 1) // source.shape[0]
        raw = np.tile(source, (reps, 1))[:m]
        plon = np.tile(source_lon, reps)[:m]
        plat = np.tile(source_lat, reps)[:m]
        lo, hi = raw.min(0), raw.max(0)
        span = np.where(hi > lo, hi - lo, 1.0)
        model.eval()
        wm, wk, wn = (int(v) for v in args.warmup_shape.split("x"))
        wa, wb = torch.rand(wm, wk), torch.rand(wk, wn)
        wc = torch.empty(wm, wn)
        warmup_seconds = 1.0
        pass_rates, pass_cpu_rates = [], []
        with torch.inference_mode():
            for _ in range(max(args.passes, 1)):
                begin = time.perf_counter()
                while time.perf_counter() - begin < warmup_seconds:
                    torch.mm(wa, wb, out=wc)
                start, cpu_start = time.perf_counter(), time.process_time()
                for s in range(0, m, 16384):
                    xs = torch.from_numpy(((raw[s:s + 16384] - lo) / span).astype(np.float32))
                    es = torch.from_numpy(positional_encoding(plon[s:s + 16384], plat[s:s + 16384]))
                    torch.softmax(model.classify(xs, es), 1)
                seconds = time.perf_counter() - start
                pass_rates.append(m / seconds)
                pass_cpu_rates.append(m / (time.process_time() - cpu_start))
                warmup_seconds = seconds
        result["inferencePoints"] = m
        result["inferencePassPointsPerSecond"] = pass_rates
        result["inferencePointsPerSecond"] = max(pass_rates)
        result["inferenceMedianPointsPerSecond"] = float(np.median(pass_rates))
        result["inferenceCpuPointsPerSecond"] = max(pass_cpu_rates)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
