#!/usr/bin/python3
"""Writes tests/eval/golden/*.json: small label fixtures and the scores scikit-learn gives for them.

The C++ metrics (core/eval) are checked against these files, so scikit-learn is the reference, not our code.
Run with Debian's python3 and python3-sklearn:  /usr/bin/python3 tests/eval/make_golden.py
Re-running rewrites the same files (all fixtures are seeded).
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, cohen_kappa_score, confusion_matrix,
                             f1_score, precision_recall_fscore_support)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")


def fixture(name, truth, predicted, classes, note, regions=None, region_count=0):
    truth = [int(v) for v in truth]
    predicted = [int(v) for v in predicted]
    labels = list(range(classes))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns on classes absent from the truth; that is the point
        p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
        expected = {
            "points": len(truth),
            "overallAccuracy": accuracy_score(truth, predicted),
            "kappa": cohen_kappa_score(truth, predicted),
            # no `labels`: scikit-learn's default label set is the union of true and predicted labels
            "macroF1": f1_score(truth, predicted, average="macro", zero_division=0),
            "weightedF1": f1_score(truth, predicted, average="weighted", zero_division=0),
            "balancedAccuracy": balanced_accuracy_score(truth, predicted),
            "perClass": [{"precision": float(p[c]), "recall": float(r[c]), "f1": float(f[c]),
                          "support": int(s[c])} for c in labels],
            "confusion": confusion_matrix(truth, predicted, labels=labels).tolist(),
        }
    data = {"name": name, "note": note, "sklearn": sklearn.__version__, "classes": classes,
            "truth": truth, "predicted": predicted, "expected": expected}
    if regions is not None:
        data["region"] = [int(v) for v in regions]
        data["regions"] = region_count
        per_region = []
        regions = np.asarray(regions)
        for g in range(region_count):
            idx = np.flatnonzero(regions == g)
            if len(idx) == 0:
                per_region.append({"points": 0})
                continue
            t = [truth[i] for i in idx]
            q = [predicted[i] for i in idx]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                per_region.append({
                    "points": len(idx),
                    "overallAccuracy": accuracy_score(t, q),
                    "macroF1": f1_score(t, q, average="macro", zero_division=0),
                    "weightedF1": f1_score(t, q, average="weighted", zero_division=0),
                })
        data["expectedPerRegion"] = per_region
    with open(os.path.join(OUT, name + ".json"), "w") as out:
        json.dump(data, out, indent=1)
        out.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    fixture("basic", [0, 0, 0, 1, 1, 1, 2, 2, 2, 2], [0, 1, 0, 1, 1, 2, 2, 2, 0, 2], 3,
            "three classes, a few errors each way")
    fixture("never_predicted", [0, 0, 1, 1, 2, 2, 2, 0, 1, 2], [0, 0, 1, 1, 0, 1, 1, 0, 1, 0], 3,
            "class 2 is in the truth but never predicted: precision 0/0 counts as 0")
    fixture("absent_from_truth", [0, 0, 1, 1, 1, 2, 2, 0], [0, 3, 1, 1, 3, 2, 0, 0], 5,
            "class 3 is predicted but never true; class 4 appears nowhere and must not dilute macro F1")
    fixture("perfect", [0, 1, 2, 3, 3, 2, 1, 0, 0, 3], [0, 1, 2, 3, 3, 2, 1, 0, 0, 3], 4,
            "every prediction right")
    rng = np.random.default_rng(7)
    fixture("chance", rng.integers(0, 5, 400), rng.integers(0, 5, 400), 5,
            "independent uniform labels: kappa near 0")
    truth = rng.choice(6, size=300, p=[0.5, 0.2, 0.15, 0.1, 0.04, 0.01])
    predicted = np.where(rng.random(300) < 0.7, truth, rng.integers(0, 6, 300))
    regions = rng.integers(0, 4, 300)
    regions[regions == 2] = -1  # region 2 has no points; -1 = outside every region
    fixture("imbalanced_regions", truth, predicted, 6,
            "imbalanced classes, 70 % right, scored per region too (region 2 empty, some points outside)",
            regions=regions, region_count=4)


if __name__ == "__main__":
    main()
