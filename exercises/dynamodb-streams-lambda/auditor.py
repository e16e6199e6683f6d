"""The auditor: one item in the audit table for every stream record it receives.

Invoked directly with {"ping": x} it answers {"pong": x}; with {"sleepSeconds": n} it works n seconds
first, which shows its timeout at work.
"""
import json
import os
import time

import boto3

dynamodb = boto3.client("dynamodb")


def handler(event, context):
    if "sleepSeconds" in event:
        time.sleep(float(event["sleepSeconds"]))
    if "Records" not in event:
        return {"pong": event.get("ping"), "sleptSeconds": event.get("sleepSeconds", 0)}
    for record in event["Records"]:
        change = record["dynamodb"]
        item = {
            "orderId": change["Keys"]["orderId"],
            "eventId": {"S": record["eventID"]},
            "eventName": {"S": record["eventName"]},
        }
        for image, attribute in (("NewImage", "newImage"), ("OldImage", "oldImage")):
            if image in change:
                item[attribute] = {"S": json.dumps(change[image], sort_keys=True)}
        dynamodb.put_item(TableName=os.environ["AUDIT_TABLE"], Item=item)
    return {"audited": len(event["Records"])}
