# fails: transformed
# Everything right, but the function hands every record back as it came, untransformed.
. ./build.bash
transform='
def handler(event, context):
    return {"records": [{"recordId": r["recordId"], "result": "Ok", "data": r["data"]} for r in event["records"]]}
'
build
