#!/usr/bin/env python3
"""scikit-learn's Barnes-Hut t-SNE, the reference for the t-SNE line of `bench_embedding`.

Reads the points the benchmark wrote (float32, row-major, --rows x --cols), runs
TSNE(method='barnes_hut', angle=0.5, init='random') with the same perplexity, exaggeration, learning rate
and iterations as the C++ side, on --threads threads, writes the embedding (float32, n x 2) to --output and
prints one JSON object with the fit's wall and CPU seconds and scikit-learn's KL divergence.
"""
import argparse
import json
import os
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--cols", type=int, required=True)
    parser.add_argument("--perplexity", type=float, default=30.0)
    parser.add_argument("--exaggeration", type=float, default=12.0)
    parser.add_argument("--learning-rate", type=float, default=200.0)
    parser.add_argument("--iterations", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    # Before numpy and scikit-learn load their OpenMP and BLAS runtimes.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(args.threads)
    import numpy as np
    try:
        import sklearn
        from sklearn.manifold import TSNE
    except ImportError:
        print(json.dumps({"error": "scikit-learn is not installed (apt-get install -y python3-sklearn)"}))
        return 3

    x = np.fromfile(args.input, dtype=np.float32).reshape(args.rows, args.cols)
    tsne = TSNE(n_components=2, perplexity=args.perplexity, early_exaggeration=args.exaggeration,
                learning_rate=args.learning_rate, n_iter=args.iterations, init="random", method="barnes_hut",
                angle=0.5, random_state=0, n_jobs=args.threads,
                # every iteration runs, as on the C++ side
                n_iter_without_progress=args.iterations, min_grad_norm=0.0)
    wall, cpu = time.perf_counter(), time.process_time()
    y = tsne.fit_transform(x)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    y.astype(np.float32).tofile(args.output)
    print(json.dumps({"seconds": wall, "cpu_seconds": cpu, "kl_divergence": float(tsne.kl_divergence_),
                      "iterations": int(tsne.n_iter_) + 1, "sklearn": sklearn.__version__,
                      "threads": args.threads}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
