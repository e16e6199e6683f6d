# The solution's function: the stack deploys it inline, the corpus scripts zip it (and may change it).
import json
import os

import boto3

# The table's name comes from the function's environment, never from the code.
table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def answer(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def handler(event, context):
    if event["httpMethod"] == "POST":
        order = json.loads(event.get("body") or "{}")
        if not isinstance(order.get("id"), str):
            return answer(400, {"message": "an order needs an id"})
        table.put_item(Item=order)
        return answer(201, order)
    item = table.get_item(Key={"id": event["pathParameters"]["id"]}).get("Item")
    if item is None:
        return answer(404, {"message": "no such order"})
    return answer(200, item)
