#!/usr/bin/env python3
"""scikit-learn's random forest, the reference for the forest line of `bridgelc bench`.

The paper's baseline: RandomForestClassifier(n_estimators=TREES, criterion='gini', min_samples_leaf=2,
max_features='sqrt'), one thread. Reads the training and test rows `bridgelc bench` wrote (float32 features,
int32 labels, row-major), fits, predicts the test rows and writes the predicted labels (int32) to --predictions,
so both sides are scored by the same C++ code. Prints one JSON object with the fit's wall and CPU seconds.
"""
import argparse
import json
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402

try:
    import sklearn  # noqa: E402
    from sklearn.ensemble import RandomForestClassifier  # noqa: E402
except ImportError:
    print(json.dumps({"error": "scikit-learn is not installed (apt-get install -y python3-sklearn)"}))
    raise SystemExit(3)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True, help="folder with x_train.f32, y_train.i32, x_test.f32")
    parser.add_argument("--features", type=int, required=True)
    parser.add_argument("--trees", type=int, default=130)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--predictions", required=True)
    args = parser.parse_args()

    x_train = np.fromfile(os.path.join(args.dir, "x_train.f32"), dtype=np.float32).reshape(-1, args.features)
    y_train = np.fromfile(os.path.join(args.dir, "y_train.i32"), dtype=np.int32)
    x_test = np.fromfile(os.path.join(args.dir, "x_test.f32"), dtype=np.float32).reshape(-1, args.features)
    if np.isnan(x_train).any() or np.isnan(x_test).any():
        print(json.dumps({"error": "the data has missing feature values, which this scikit-learn's forest "
                                   "does not take"}))
        raise SystemExit(4)
    forest = RandomForestClassifier(n_estimators=args.trees, criterion="gini", min_samples_leaf=2,
                                    max_features="sqrt", n_jobs=1, random_state=args.seed)
    wall, cpu = time.perf_counter(), time.process_time()
    forest.fit(x_train, y_train)
    fit_wall, fit_cpu = time.perf_counter() - wall, time.process_time() - cpu
    forest.predict(x_test).astype(np.int32).tofile(args.predictions)
    print(json.dumps({"library": "scikit-learn " + sklearn.__version__, "fitSeconds": fit_wall,
                      "fitCpuSeconds": fit_cpu, "trainPoints": int(len(y_train)),
                      "nodes": int(sum(tree.tree_.node_count for tree in forest.estimators_))}))


if __name__ == "__main__":
    main()
