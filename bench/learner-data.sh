#!/usr/bin/env bash
# A verify's cost does not grow with the learner's data (issue 21): dynamodb-gsi-ttl's solution deployed on
# the embedded emulator, `labs verify` timed on the empty table, then again after 30,000 items of the
# learner's were written into it (BatchWriteItem through boto3, in the emulator's own Python), and then
# every one of those items checked to be there still, unchanged, and nothing else left in the table.
#
#   bench/learner-data.sh [RUNS] [ITEMS]     (defaults 3 and 30000; the goal: full <= 1.5 x empty, medians)
#
# Public tools only: python3 (boto3 from the emulator's virtual environment) for the data and the medians.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
items="${2:-30000}"
id=dynamodb-gsi-ttl
table=dva-labs-orders
cd "$root"
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap './labs destroy "$id" --port "$port" > /dev/null 2>&1 || true; rm -rf "$work"' EXIT

ministack_version=$(grep -o 'MINISTACK("local", "ministack", "[^"]*"' targets/src/main/java/dev/dvalabs/targets/Emulator.java | cut -d'"' -f6)
cache="${DVA_LABS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dva-labs}"
python=$(ls -d "$cache/ministack-$ministack_version"*/bin/python 2>/dev/null | head -1)

./labs deploy "$id" --variant solution --port "$port" --keep > "$work/deploy.out" 2>&1 \
  || { echo "bench: labs deploy $id failed" >&2; cat "$work/deploy.out" >&2; exit 1; }
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1

timed_verifies() {
  local label="$1" i
  for i in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    ./labs verify "$id" --port "$port" > "$work/verify.out" 2>&1 \
      || { echo "bench: labs verify $id failed with the $label table" >&2; cat "$work/verify.out" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$label $(python3 -c "print(round($end - $start, 2))")" >> "$work/samples"
  done
}

timed_verifies empty

"$python" - "$table" "$items" <<'PY'
import sys, boto3
table, n = sys.argv[1], int(sys.argv[2])
with boto3.resource("dynamodb").Table(table).batch_writer() as batch:
    for i in range(n):
        # Keys a learner might write, some that look like a verify's marks among them.
        customer = ["alice", "bob", "dva-labs-verify-20240115", "dva-labs-verify-deadbeef"][i % 4] + "-%d" % (i // 4 % 500)
        batch.put_item(Item={"customerId": customer, "orderDate": "2025-%05d" % i, "total": i, "status": "NEW",
                             "expiresAt": 2000000000, "note": "x" * 200})
PY

timed_verifies full

"$python" - "$table" "$items" <<'PY'
import sys, boto3
table, n = sys.argv[1], int(sys.argv[2])
seen = {}
for page in boto3.client("dynamodb").get_paginator("scan").paginate(TableName=table):
    for item in page["Items"]:
        seen[(item["customerId"]["S"], item["orderDate"]["S"])] = item
missing = [i for i in range(n) if (["alice", "bob", "dva-labs-verify-20240115", "dva-labs-verify-deadbeef"][i % 4]
                                   + "-%d" % (i // 4 % 500), "2025-%05d" % i) not in seen]
print("learner items: %d written, %d there after the verifies, %d missing, %d other items in the table"
      % (n, n - len(missing), len(missing), len(seen) - (n - len(missing))))
sys.exit(1 if missing or len(seen) != n else 0)
PY

python3 - "$work/samples" <<'PY'
import sys, statistics
samples = {}
for line in open(sys.argv[1]):
    label, seconds = line.split()
    samples.setdefault(label, []).append(float(seconds))
empty, full = statistics.median(samples["empty"]), statistics.median(samples["full"])
print("labs verify dynamodb-gsi-ttl, median of %d: empty table %.2f s %s, with the learner's items %.2f s %s: %.2f x (goal <= 1.5 x): %s"
      % (len(samples["empty"]), empty, samples["empty"], full, samples["full"], full / empty, "met" if full <= 1.5 * empty else "MISSED"))
sys.exit(0 if full <= 1.5 * empty else 1)
PY
