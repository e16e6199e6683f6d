# The solution's function: the stack deploys it inline, the corpus scripts zip it (and may change it).
# Reads cache by lazy loading with a TTL, writes go through the cache; every answer says where the item
# came from and how long its cache entry has left. It speaks the few Redis commands it needs itself, so it
# is one file on AWS too (redis-py works as well: package it with the function there). A read with
# "via": "dax" goes through the DAX cluster instead, with amazon-dax-client packaged beside this file.
import json
import os
import socket

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
TTL = 5  # seconds, as the instructions ask


class Redis:
    def __init__(self, host, port):
        self.address, self.sock = (host, int(port)), None

    def call(self, *args):
        if self.sock is None:
            self.sock = socket.create_connection(self.address, timeout=3)
            self.file = self.sock.makefile("rb")
        request = b"*%d\r\n" % len(args)
        for arg in args:
            data = str(arg).encode()
            request += b"$%d\r\n%s\r\n" % (len(data), data)
        try:
            self.sock.sendall(request)
            return self.reply()
        except OSError:
            self.sock = None
            raise

    def reply(self):
        line = self.file.readline().rstrip(b"\r\n")
        kind, rest = line[:1], line[1:].decode()
        if kind == b"-":
            raise RuntimeError(rest)
        if kind == b":":
            return int(rest)
        if kind == b"$":
            return None if int(rest) < 0 else self.file.read(int(rest) + 2)[:-2].decode()
        return rest


cache = Redis(os.environ["CACHE_HOST"], os.environ.get("CACHE_PORT", "6379"))
dax = None


def through_dax():
    """The table through the DAX cluster (task 5). amazondax is imported here, on the one path that needs it:
    the inline copy of this file on the emulator, which has no DAX, runs without the package."""
    global dax
    if dax is None:
        from amazondax import AmazonDaxClient

        dax = AmazonDaxClient.resource(endpoint_url=os.environ["DAX_ENDPOINT"]).Table(os.environ["TABLE_NAME"])
    return dax


def key(product_id):
    return "product:" + product_id


def handler(event, context):
    product_id = event.get("id") or event.get("item", {}).get("id")
    if event["action"] == "read" and event.get("via") == "dax":
        return {"id": product_id, "item": through_dax().get_item(Key={"id": product_id}).get("Item"), "source": "dax"}
    if event["action"] == "read":
        cached = cache.call("GET", key(product_id))
        if cached is not None:
            return {"id": product_id, "item": json.loads(cached), "source": "cache", "ttl": cache.call("TTL", key(product_id))}
        item = table.get_item(Key={"id": product_id}).get("Item")
        if item is not None:
            cache.call("SET", key(product_id), json.dumps(item, default=str), "EX", TTL)
        return {"id": product_id, "item": item, "source": "table", "ttl": cache.call("TTL", key(product_id))}
    if event["action"] == "write":
        table.put_item(Item=event["item"])
        cache.call("SET", key(product_id), json.dumps(event["item"]), "EX", TTL)
        return {"id": product_id, "item": event["item"], "ttl": cache.call("TTL", key(product_id))}
    if event["action"] == "evict":
        return {"id": product_id, "evicted": cache.call("DEL", key(product_id)) == 1}
    raise ValueError("unknown action " + event["action"])
