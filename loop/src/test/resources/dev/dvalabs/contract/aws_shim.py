# The `aws` on a corpus script's PATH: hands its streams, argv, environment and directory to the AWS CLI
# server (aws_forkserver.py), which runs the command in a child of its own, and exits with its exit code.
# Should the server not answer, it runs the installed `aws` itself, so a command never fails for it.
import json
import os
import socket
import sys

SERVER = "@SOCKET@"
INSTALLED = "@AWS@"

try:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(SERVER)
    request = json.dumps({"argv": sys.argv, "env": dict(os.environ), "cwd": os.getcwd()}).encode()
    socket.send_fds(conn, [request], [0, 1, 2])
    conn.shutdown(socket.SHUT_WR)
except OSError:
    os.execv(INSTALLED, [INSTALLED] + sys.argv[1:])
reply = b""
while chunk := conn.recv(16):
    reply += chunk
sys.exit(int(reply) if reply else 255)
