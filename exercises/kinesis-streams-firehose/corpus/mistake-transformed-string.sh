# fails: transformed
# Everything right, but the function adds "transformed": "true", a string, not the boolean true.
. ./build.bash
transform=${transform/click\[\"transformed\"\] = True/click[\"transformed\"] = \"true\"}
build
