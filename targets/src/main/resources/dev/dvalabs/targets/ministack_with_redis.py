# ministack with a RESP server beside it, as the toolkit starts it (python -c this file's text) and as
# bench/run.sh starts it for the CDK CLI. ministack reads REDIS_HOST and REDIS_PORT as it imports its
# ElastiCache, so they are set first; the port is the one the system gave the server, which keeps two
# emulators on one machine apart. The server's threads are daemons: they end with ministack.
import os, sys, threading
from fakeredis import TcpFakeServer
server = TcpFakeServer(("127.0.0.1", 0), server_type="redis")
while server.server_address[1] == int(os.environ["GATEWAY_PORT"]):  # the port just freed for ministack
    taken, server = server, TcpFakeServer(("127.0.0.1", 0), server_type="redis")
    taken.server_close()
server.daemon_threads = True
os.environ["REDIS_HOST"], os.environ["REDIS_PORT"] = "127.0.0.1", str(server.server_address[1])
threading.Thread(target=server.serve_forever, name="redis", daemon=True).start()
from ministack.app import main
sys.argv[0] = "ministack"
sys.exit(main())
