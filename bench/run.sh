#!/usr/bin/env bash
# The benchmark of docs/benchmarks.md: `labs run <id>` against the CDK CLI's `cdk deploy` + `cdk destroy`
# of the same solution stack on the same emulator (ministack, the pinned version), in turn A B A B,
# then the whole suite one after the other and two at a time, then CI (.ci/run) on a fresh clone of the
# committed HEAD; last, every goal of issue 13, met or missed and by how much.
#
#   bench/run.sh [RUNS]      (default 5; needs what the README needs, plus npm for the CDK CLI)
#   BENCH_CI=0 bench/run.sh  leaves CI out (it takes minutes; its goal is then "not measured")
#
# Public tools only: GNU time for wall time and peak memory, python3 for medians.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
cd "$root"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 CDK_DISABLE_VERSION_CHECK=1

cdk_version=2.1148.1
if [ ! -x bench/.tools/node_modules/.bin/cdk ]; then
  npm install --silent --no-audit --no-fund --prefix bench/.tools "aws-cdk@$cdk_version" >&2
fi
cdk="$root/bench/.tools/node_modules/.bin/cdk"
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }

./labs list > "$work/exercises"            # builds the toolkit if needed
# Warm-up, one run each (installs ministack on a fresh machine); an exercise whose solution cannot be
# deployed on the emulator at all (exit code 4, see docs/compatibility.md) has nothing to compare.
ids=""
for id in $(awk '{print $1}' "$work/exercises"); do
  code=0; ./labs run "$id" > /dev/null 2>&1 || code=$?
  if [ "$code" -eq 4 ]; then echo "bench: $id does not deploy on the emulator; left out" >&2; else ids="$ids $id"; fi
done
ministack_version=$(grep -o 'MINISTACK("local", "ministack", "[^"]*"' targets/src/main/java/dev/dvalabs/targets/Emulator.java | cut -d'"' -f6)
# The venv the toolkit installed it into (ministack-<version>+<its pinned companions>), the one with the Redis server.
venv=""
for dir in "${DVA_LABS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dva-labs}"/ministack-"$ministack_version"+*; do
  [ -x "$dir/bin/python" ] && "$dir/bin/python" -c 'import fakeredis, ministack' 2> /dev/null && venv="$dir"
done
[ -n "$venv" ] || { echo "bench: no ministack $ministack_version installed by the toolkit (labs run installs it)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# B: the usual way, on an emulator started beforehand (its start-up is not counted against the CDK CLI).
cdk_round() {
  local id="$1" stack="$2" port pid
  port=$(free_port)
  # Started as the toolkit starts it; a start that ends (its port taken meanwhile) is a failed bench, not a hang.
  # A temporary directory of its own, as the toolkit gives it: its pid file and scratch files stay out of /tmp.
  mkdir -p "$work/tmp-$port"
  TMPDIR="$work/tmp-$port" BIND_HOST=127.0.0.1 GATEWAY_PORT=$port LOG_LEVEL=WARNING "$venv/bin/python" targets/src/main/resources/dev/dvalabs/targets/ministack_with_redis.py \
    > "$work/ministack.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/_ministack/health" > /dev/null; do
    kill -0 "$pid" 2> /dev/null || { echo "bench: ministack did not start; its log:" >&2; tail -5 "$work/ministack.log" >&2; exit 1; }
    sleep 0.1
  done
  AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 \
    /usr/bin/time -f "%e %M" -o "$work/b.time" \
    sh -c "'$cdk' deploy '$stack' --require-approval never && '$cdk' destroy '$stack' --force" > "$work/b.out" 2>&1 \
    || { echo "bench: cdk deploy/destroy of $stack failed; see below" >&2; tail -20 "$work/b.out" >&2; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work/tmp-$port"
  echo "$id B $(cat "$work/b.time")" >> "$work/samples"
}

labs_round() {
  local id="$1"
  /usr/bin/time -f "%e %M" -o "$work/a.time" ./labs run "$id" --timings > "$work/a.out" 2> "$work/a.err" \
    || { echo "bench: labs run $id failed" >&2; cat "$work/a.out" "$work/a.err" >&2; exit 1; }
  echo "$id A $(cat "$work/a.time") $(grep '^timings:' "$work/a.err" | sed 's/^timings: //')" >> "$work/samples"
}

: > "$work/samples"
for id in $ids; do
  stack="DvaLabs-$(echo "$id" | python3 -c 'import sys; print("".join(w.capitalize() for w in sys.stdin.read().strip().split("-")))')-Solution"
  for _ in $(seq "$runs"); do
    labs_round "$id"
    cdk_round "$id" "$stack"
  done
done

suite_seq=$( { /usr/bin/time -f "%e" sh -c "for id in $(echo $ids); do ./labs run \$id > /dev/null 2>&1 || exit 1; done"; } 2>&1 | tail -1)
# Two at a time share one emulator (the last run out stops it); a failed run is reported, not fatal to the
# benchmark.
suite_par=$( { /usr/bin/time -f "%e" sh -c "printf '%s\n' $(echo $ids) | xargs -P 2 -I{} sh -c './labs run {} > /dev/null 2>&1'"; } 2>&1 | tail -1) \
  || suite_par="failed after $suite_par"

# CI as it runs on a fresh clone: .ci/run (./mvnw verify), wall and CPU time, and the slowest test classes.
ci_time="" ci_reports=""
if [ "${BENCH_CI:-1}" != 0 ]; then
  git clone -q "$root" "$work/ci"
  if (cd "$work/ci" && /usr/bin/time -f "%e %U %S" -o "$work/ci.time" .ci/run > "$work/ci.out" 2>&1); then
    ci_time=$(cat "$work/ci.time")
  else
    echo "bench: CI failed on the fresh clone; its last lines:" >&2; tail -30 "$work/ci.out" >&2
    ci_time="failed $(tail -1 "$work/ci.time")"
  fi
  ci_reports="$work/ci"
fi

python3 - "$work/samples" "$runs" "$suite_seq" "$suite_par" "$(nproc)" "$cdk_version" "$ci_time" "$ci_reports" <<'PY'
import glob, statistics, sys
import xml.etree.ElementTree as ET
samples, runs, seq, par, cores, cdkv = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
ci_time, ci_reports = sys.argv[7], sys.argv[8]
rows = {}
for line in open(samples):
    parts = line.split(" ", 4)
    ex, who, wall, rss = parts[0], parts[1], float(parts[2]), int(parts[3]) // 1024
    phases = {}
    for span in (parts[4].strip().split(", ") if len(parts) > 4 else []):
        words = span.rsplit(" ", 2)  # "<what> <seconds> s" or "peak JVM memory <n> MB"
        if len(words) == 3 and words[2] == "s":
            phases[words[0].removesuffix(" at")] = float(words[1])
        elif len(words) == 3 and words[2] == "MB":
            phases["jvm MB"] = float(words[1])
    rows.setdefault(ex, {"A": [], "B": []})[who].append((wall, rss, phases))
def mmm(xs):
    return f"{statistics.median(xs):.2f} ({min(xs):.2f}–{max(xs):.2f})"
print(f"Machine: {cores} cores; {runs} pairs per exercise, A and B in turn; CDK CLI aws-cdk@{cdkv}.\n")
print("| exercise | labs run (A) wall s | cdk deploy+destroy (B) wall s | ratio A/B median (min–max) | labs JVM peak memory MB | first CloudFormation call s |")
print("|---|---|---|---|---|---|")
for ex, r in rows.items():
    a = [w for w, _, _ in r["A"]]; b = [w for w, _, _ in r["B"]]
    ratios = [x / y for x, y in zip(a, b)]
    first = [p.get("first CloudFormation call", float("nan")) for _, _, p in r["A"]]
    print(f"| {ex} | {mmm(a)} | {mmm(b)} | {mmm(ratios)} | {mmm([p.get('jvm MB', float('nan')) for _, _, p in r['A']])} | {mmm(first)} |")
print("\n| exercise | start-up s | synthesis s | deploy s | verify s | destroy s |")
print("|---|---|---|---|---|---|")
for ex, r in rows.items():
    ph = lambda k: mmm([p.get(k, float("nan")) for _, _, p in r["A"]])
    print(f"| {ex} | {ph('start-up')} | {ph('synthesis (in deploy)')} | {ph('deploy')} | {ph('verify')} | {ph('destroy')} |")
print(f"\nWhole suite ({len(rows)} exercises): one after the other {seq} s; two at a time "
      + (f"{par} s." if not par.startswith("failed") else f"a run failed ({par} s in all)."))

# CI: .ci/run on a fresh clone, and where its time went, by test class (surefire's own times).
ci_wall = None
if ci_time:
    words = ci_time.split()
    failed = words[0] == "failed"
    try:
        wall, user, sys_ = (float(w) for w in words[-3:])
    except ValueError:  # time itself was stopped: no times to show
        wall = user = sys_ = float("nan")
    ci_wall = None if failed else wall
    print(f"\nCI (`.ci/run`, a fresh clone of HEAD){' FAILED' if failed else ''}: {wall:.0f} s wall, {user + sys_:.0f} s CPU (user + sys).")
    classes = []
    for report in glob.glob(f"{ci_reports}/*/target/surefire-reports/TEST-*.xml"):
        suite = ET.parse(report).getroot()
        classes.append((float(suite.get("time", 0)), suite.get("name"), report.split("/")[-4], int(suite.get("tests", 0))))
    classes.sort(reverse=True)
    if classes:
        print("\n| slowest test classes in CI | module | tests | s |\n|---|---|---|---|")
        for t, name, module, tests in classes[:8]:
            print(f"| {name.rsplit('.', 1)[-1]} | {module} | {tests} | {t:.0f} |")

# The goals of issue 13, each met or missed and by how much; for a missed one, where the time went.
def verdict(value, limit, unit, fmt="{:.2f}"):
    if value is None or value != value:
        return "not measured"
    shown = fmt.format(value) + unit
    return f"**met** ({shown} ≤ {fmt.format(limit)}{unit})" if value <= limit else \
        f"**missed** by {fmt.format(value - limit)}{unit} ({shown} > {fmt.format(limit)}{unit})"
def slowest_phase(ex):
    phases = {k: statistics.median([p.get(k, 0.0) for _, _, p in rows[ex]["A"]]) for k in ("start-up", "deploy", "verify", "destroy")}
    name = max(phases, key=phases.get)
    return f"; its {name} takes {phases[name]:.1f} s of {statistics.median([w for w, _, _ in rows[ex]['A']]):.1f} s"
print("\n## Against the goals\n\n| goal | result |\n|---|---|")
for ex, r in rows.items():
    ratio = statistics.median([x / y for (x, _, _), (y, _, _) in zip(r["A"], r["B"])])
    v = verdict(ratio, 0.2, "")
    print(f"| {ex}: `labs run` at most 0.2 × the CDK CLI's deploy + destroy (median ratio) | {v}{slowest_phase(ex) if 'missed' in v else ''} |")
medians = {ex: statistics.median([w for w, _, _ in r["A"]]) for ex, r in rows.items()}
fastest = min(medians, key=medians.get)
for ex, m in medians.items():
    if ex != fastest:
        v = verdict(m / medians[fastest], 3, " ×")
        print(f"| {ex}: `labs run` within 3 × the fastest exercise's ({fastest}, {medians[fastest]:.2f} s) | {v}{slowest_phase(ex) if 'missed' in v else ''} |")
# Issue 13's own words: sns-sqs-fanout within 3 × dynamodb-gsi-ttl (the line above holds every exercise to the fastest).
if "sns-sqs-fanout" in medians and "dynamodb-gsi-ttl" in medians:
    print(f"| sns-sqs-fanout's `labs run` within 3 × dynamodb-gsi-ttl's ({medians['dynamodb-gsi-ttl']:.2f} s) | "
          f"{verdict(medians['sns-sqs-fanout'] / medians['dynamodb-gsi-ttl'], 3, ' ×')} |")
print(f"| the whole suite one after the other, at most 2.5 s per exercise | {verdict(float(seq) / len(rows), 2.5, ' s')} |")
# GNU time's maximum resident set of the whole `labs run` (the JVM and all it holds), not the JVM's own count.
peak = max(rss for r in rows.values() for _, rss, _ in r["A"])
print(f"| the toolkit's JVM at most 256 MB peak resident (`labs run`, GNU time) | {verdict(peak, 256, ' MB', '{:.0f}')} |")
print(f"| CI (`.ci/run` on a fresh clone, {cores} cores) within 8 minutes | {verdict(None if ci_wall is None else ci_wall / 60, 8, ' min', '{:.1f}')} |")
PY
