#!/usr/bin/env python3
"""Tradeable's correlation kernel side by side with numpy, on the same panel, in the same run.

    cd Benchmarks && python3 numpy_comparison.py [--instruments 1000 5000] [--weeks 260] [--gaps 0.1]

For each N it draws one weekly panel (five factors plus noise, as in the CorrelationKernel benchmark), writes it as
raw float64, and times:
  - Tradeable: `CorrelationTimer` (built here with `swift build -c release`), prepared panel -> full symmetric matrix,
    best of five;
  - numpy, complete panel: `np.corrcoef` (best of five);
  - numpy, panel with gaps: the same pairwise-complete method written in numpy (the four products X'X, X'M, (X*X)'M,
    M'M through numpy's BLAS, then the elementwise formula), best of five;
  - pandas `DataFrame.corr()` (pairwise complete, its own loops) when pandas is installed, at N <= 1000 only.
Both libraries use the same machine; numpy's wheels carry their own OpenBLAS. The script also checks that the
matrices agree (largest absolute difference). Prints a Markdown table.
"""
import argparse, os, subprocess, sys, tempfile, time
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def panel(weeks, n, gaps, seed):
    rng = np.random.default_rng(seed)
    factors = rng.uniform(-0.5, 0.5, size=(weeks, 5))
    loadings = rng.uniform(0, 1, size=(5, n))
    x = 10 + rng.uniform(-0.5, 0.5, size=(weeks, n)) + factors @ loadings
    mask = np.ones((weeks, n))
    if gaps > 0:
        mask[rng.uniform(size=(weeks, n)) < gaps] = 0
        x = x * mask
    return x, mask


def best_of(k, f):
    best, result = float("inf"), None
    for _ in range(k):
        t0 = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t0)
    return best, result


def numpy_pairwise(x, m):
    # Centre each column on its own available rows, as Tradeable does (correlation is unchanged, digits are kept).
    counts = m.sum(axis=0)
    means = np.divide((x * m).sum(axis=0), counts, out=np.zeros_like(counts), where=counts > 0)
    xc = (x - means) * m
    x2 = xc * xc
    sxy = xc.T @ xc
    n = m.T @ m
    sx = xc.T @ m          # sum of x_i over rows j has
    sxx = x2.T @ m
    with np.errstate(invalid="ignore", divide="ignore"):
        vx = sxx - sx * sx / n
        vy = vx.T
        r = (sxy - sx * sx.T / n) / np.sqrt(vx * vy)
    r = np.clip(r, -1, 1)
    r[(n < 2) | (vx <= 1e-12 * sxx) | (vy <= 1e-12 * sxx.T)] = np.nan
    np.fill_diagonal(r, 1)
    return r


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instruments", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--gaps", type=float, default=0.1)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "CorrelationTimer"], cwd=HERE, check=True,
                   stdout=subprocess.DEVNULL)
    timer = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=HERE, check=True,
                           capture_output=True, text=True).stdout.strip() + "/CorrelationTimer"
    try:
        import pandas as pd
    except ImportError:
        pd = None
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.instruments:
            for gaps in ([0.0, args.gaps] if args.gaps > 0 else [0.0]):
                x, m = panel(args.weeks, n, gaps, seed=n)
                xf, mf, of = (os.path.join(tmp, f) for f in ("x.f64", "m.f64", "out.f64"))
                np.asfortranarray(x).T.tofile(xf)  # column-major: each column contiguous
                np.asfortranarray(m).T.tofile(mf)
                cmd = [timer, xf, str(args.weeks), str(n), mf if gaps > 0 else "-", of]
                out = dict(line.split() for line in subprocess.run(cmd, check=True, capture_output=True,
                                                                   text=True).stdout.splitlines())
                ours = np.fromfile(of).reshape(n, n)
                flops = n * n * args.weeks * (6 if gaps > 0 else 1)
                if gaps > 0:
                    t_np, ref = best_of(5, lambda: numpy_pairwise(x, m))
                    method = "four products in numpy"
                else:
                    t_np, ref = best_of(5, lambda: np.corrcoef(x.T))
                    method = "np.corrcoef"
                diff = np.nanmax(np.abs(ours - ref))
                rows.append((n, gaps, float(out["kernel_seconds"]), float(out["gflops"]), method, t_np,
                             flops / t_np / 1e9, diff))
                if pd is not None and gaps > 0 and n <= 1000:
                    frame = pd.DataFrame(np.where(m > 0, x, np.nan))
                    t_pd, ref_pd = best_of(1, lambda: frame.corr().to_numpy())
                    rows.append((n, gaps, float(out["kernel_seconds"]), float(out["gflops"]), "pandas DataFrame.corr",
                                 t_pd, flops / t_pd / 1e9, np.nanmax(np.abs(ours - ref_pd))))
    print(f"numpy {np.__version__}, {os.cpu_count()} cores")
    print("| N | gaps | Tradeable (s) | Tradeable GFLOP/s | other | other (s) | other GFLOP/s | max abs diff |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|")
    for n, gaps, t, g, method, t2, g2, diff in rows:
        print(f"| {n:,} | {gaps:.0%} | {t:.4f} | {g:.1f} | {method} | {t2:.4f} | {g2:.1f} | {diff:.1e} |")


if __name__ == "__main__":
    main()
