# ministack with a RESP server beside it, as the toolkit starts it (python -c this file's text) and as
# bench/run.sh starts it for the CDK CLI. ministack reads REDIS_HOST and REDIS_PORT as it imports its
# ElastiCache, so they are set first; the port is the one the system gave the server, which keeps two
# emulators on one machine apart. The server's threads are daemons: they end with ministack.
import json, os, sys, threading
from fakeredis import TcpFakeServer
server = TcpFakeServer(("127.0.0.1", 0), server_type="redis")
while server.server_address[1] == int(os.environ["GATEWAY_PORT"]):  # the port just freed for ministack
    taken, server = server, TcpFakeServer(("127.0.0.1", 0), server_type="redis")
    taken.server_close()
server.daemon_threads = True
os.environ["REDIS_HOST"], os.environ["REDIS_PORT"] = "127.0.0.1", str(server.server_address[1])
threading.Thread(target=server.serve_forever, name="redis", daemon=True).start()

# A request for a service ministack lacks ("Unsupported service: dax") is told apart by the names of every AWS
# service, which ministack reads from botocore's 400-odd service models on the first such request: about 3 s of
# CPU, once per emulator. The names depend only on the venv's pinned botocore, so the first emulator of a venv
# keeps them beside it and later ones read them back: the same table, without the models.
from ministack.core import router
names_file = os.path.join(sys.prefix, "aws-service-names.json")
try:
    with open(names_file, encoding="utf-8") as f:
        kept = json.load(f)
    if not isinstance(kept, list) or not all(isinstance(name, str) for name in kept) \
            or not {"s3", "sts", "dynamodb", "dax"} <= set(kept):
        raise ValueError(names_file + " does not hold the names of AWS's services")
    router._KNOWN_AWS_SERVICE_NAMES = frozenset(kept)
except (OSError, ValueError):
    read_models = router._is_aws_service_name

    def is_aws_service_name(scope_name):
        known = read_models(scope_name)
        router._is_aws_service_name = read_models  # kept once, below
        if router._KNOWN_AWS_SERVICE_NAMES:  # botocore answered: an empty table is not kept
            partial = f"{names_file}.{os.getpid()}"
            try:
                with open(partial, "w", encoding="utf-8") as f:
                    json.dump(sorted(router._KNOWN_AWS_SERVICE_NAMES), f)
                os.replace(partial, names_file)
            except OSError:
                try:
                    os.remove(partial)
                except OSError:
                    pass
                # the next emulator reads the models again
        return known

    router._is_aws_service_name = is_aws_service_name

from ministack.app import main
sys.argv[0] = "ministack"
sys.exit(main())
