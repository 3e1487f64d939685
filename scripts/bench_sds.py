#!/usr/bin/env python3
"""Runs Microsoft's Synthetic Data Showcase core (PyPI `pac-synth`) on a CSV, for comparison
with `mayak aggregate` / `mayak synth` (docs/BENCHMARKS.md).

usage: bench_sds.py aggregate FILE.csv LENGTH          plain k-way aggregate counts
       bench_sds.py synth FILE.csv OUT.csv EPSILON DELTA LENGTH   DP aggregate-seeded synthesis
Run it under /usr/bin/time -v to see peak memory."""
import csv, sys, time
import pacsynth

def load(path):
    with open(path, newline="") as f:
        return [row for row in csv.reader(f)]

def main():
    mode, path = sys.argv[1], sys.argv[2]
    t0 = time.time()
    raw = load(path)
    ds = pacsynth.Dataset(raw)
    t1 = time.time()
    print(f"loaded {len(raw) - 1} records in {t1 - t0:.1f} s", file=sys.stderr)
    if mode == "aggregate":
        length = int(sys.argv[3])
        agg = ds.get_aggregates(length, ";")
        print(f"{len(agg)} combinations up to length {length} in {time.time() - t1:.1f} s")
    else:
        out, eps, delta, length = sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
        params = (pacsynth.DpAggregateSeededParametersBuilder()
                  .reporting_length(length).epsilon(eps).delta(delta).build())
        synth = pacsynth.DpAggregateSeededSynthesizer(params)
        synth.fit(ds)
        t2 = time.time()
        rows = synth.sample()
        t3 = time.time()
        with open(out, "w", newline="") as f:
            csv.writer(f).writerows(rows)
        print(f"fit {t2 - t1:.1f} s, sample {t3 - t2:.1f} s, {len(rows) - 1} records")

if __name__ == "__main__":
    main()
