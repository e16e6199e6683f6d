# Right but different: the function written with redis-py (on AWS, packaged with it: pip install redis -t .),
# a key of another shape, and the read path's TTL asked in a pipeline with the GET.
. ./build.bash
code=$(mktemp)
cat > "$code" <<'PY'
import json
import os

import boto3
import redis

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
cache = redis.Redis(host=os.environ["CACHE_HOST"], port=int(os.environ["CACHE_PORT"]), decode_responses=True)
TTL_SECONDS = 5


def handler(event, context):
    action = event["action"]
    product_id = event["item"]["id"] if action == "write" else event["id"]
    key = f"products/{product_id}"
    if action == "write":
        table.put_item(Item=event["item"])
        cache.set(key, json.dumps(event["item"]), ex=TTL_SECONDS)
        return {"id": product_id, "item": event["item"]}
    if action == "evict":
        return {"id": product_id, "evicted": bool(cache.delete(key))}
    cached, ttl = cache.pipeline().get(key).ttl(key).execute()
    if cached is not None:
        return {"id": product_id, "item": json.loads(cached), "source": "cache", "ttl": ttl}
    item = table.get_item(Key={"id": product_id}).get("Item")
    if item is not None:
        cache.set(key, json.dumps(item, default=str), ex=TTL_SECONDS)
    return {"id": product_id, "item": item, "source": "table", "ttl": cache.ttl(key)}
PY
build
