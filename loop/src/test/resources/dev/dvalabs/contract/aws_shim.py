# The `aws` on a corpus script's PATH: hands its streams, argv, environment and directory to the AWS CLI
# server (aws_forkserver.py), which runs the command in a child of its own, and exits with its exit code.
# Should the server not answer, it runs the installed `aws` itself, so a command never fails for it.
# It runs once per command, so it imports only what is built into the interpreter (the json and socket
# modules would double its start): the request is NUL-separated bytes, which no argument, variable or
# path can contain: the argument count, the arguments, the directory, then NAME=value per variable.
import _socket
import os
import sys

SERVER = "@SOCKET@"
INSTALLED = "@AWS@"

try:
    conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    conn.connect(SERVER)
    fields = [str(len(sys.argv)).encode()] + [os.fsencode(a) for a in sys.argv] + [os.getcwdb()]
    fields += [name + b"=" + value for name, value in os.environb.items()]
    request = b"\0".join(fields)
    fds = b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2))
    sent = conn.sendmsg([request], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])
    conn.sendall(request[sent:])
    conn.shutdown(_socket.SHUT_WR)
except OSError:
    os.execv(INSTALLED, [INSTALLED] + sys.argv[1:])
reply = b""
while chunk := conn.recv(16):
    reply += chunk
sys.exit(int(reply) if reply else 255)
