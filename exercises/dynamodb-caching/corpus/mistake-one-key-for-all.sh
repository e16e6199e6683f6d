# fails: stale-until-ttl
# Every product is cached under one key ("product"), so the cache holds whichever product was read or written
# last and answers it for any id: a read of one product after another was written answers the other's name. Each
# product read or written on its own looks right (lazy loading, TTLs, write-through).
. ./build.bash
code_edit='s/return "product:" + product_id/return "product"/'
build
