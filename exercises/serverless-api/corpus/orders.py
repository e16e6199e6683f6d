# Not a corpus script: the function every corpus script deploys (a script may change it with code_edit).
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def answer(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def handler(event, context):
    if event["httpMethod"] == "POST":
        order = json.loads(event.get("body") or "{}")
        table.put_item(Item=order)
        return answer(201, order)
    item = table.get_item(Key={"id": event["pathParameters"]["id"]}).get("Item")
    if item is None:
        return answer(404, {"message": "no such order"})
    return answer(200, item)
