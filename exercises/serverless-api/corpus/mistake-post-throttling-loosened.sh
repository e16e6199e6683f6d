# fails: stage-throttling
# The stage throttles */* at 10 and 20, but POST /orders gets its own, far looser, limits.
. ./build.bash
method_throttling=("op=replace,path=/~1orders/POST/throttling/rateLimit,value=5000"
  "op=replace,path=/~1orders/POST/throttling/burstLimit,value=10000")
build
