# ministack with a RESP server beside it, as the toolkit starts it (python -c this file's text) and as
# bench/run.sh starts it for the CDK CLI. ministack reads REDIS_HOST and REDIS_PORT as it imports its
# ElastiCache, so they are set first; the port is the one the system gave the server's socket, which keeps two
# emulators on one machine apart. The server itself (fakeredis, about 0.2 s to import) is made when its first
# client connects: only an exercise with a cache has one. Its threads are daemons: they end with ministack.
import json, os, select, socket, sys, threading
listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listening.bind(("127.0.0.1", 0))
while listening.getsockname()[1] == int(os.environ["GATEWAY_PORT"]):  # the port just freed for ministack
    taken, listening = listening, socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind(("127.0.0.1", 0))
    taken.close()
listening.listen(128)
os.environ["REDIS_HOST"], os.environ["REDIS_PORT"] = "127.0.0.1", str(listening.getsockname()[1])


def serve_redis():
    select.select([listening], [], [])  # the first client waits in the backlog meanwhile
    try:
        from fakeredis import TcpFakeServer
        server = TcpFakeServer(listening.getsockname(), bind_and_activate=False, server_type="redis")
        server.socket.close()
        server.socket = listening
        server.daemon_threads = True
    except BaseException:  # not only ImportError: a damaged fakeredis may fail to load, or to make its server, in any way
        listening.close()  # its clients are refused, not left waiting; the traceback goes to the log
        raise
    server.serve_forever()


threading.Thread(target=serve_redis, name="redis", daemon=True).start()

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
# ministack's SIGTERM handler removes its pid file and raises SystemExit(0). Once main() has returned or raised it,
# nothing is left to do that the toolkit needs: ministack registers no exit hooks, and the toolkit ends the workers
# it started. Tearing down the interpreter (thousands of modules once CloudFormation ran) took 0.2 to 0.3 s.
try:
    code = main()
except SystemExit as e:
    code = e.code
sys.stdout.flush()
sys.stderr.flush()
os._exit(code if isinstance(code, int) else 0 if code is None else 1)
