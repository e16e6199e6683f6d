"""The AWS CLI, started once: imports awscli, then forks a child per command that the `aws` shim sends.

A learner's `aws` pays Python's start and awscli's imports on every command; a corpus script runs many.
This server pays them once. For each connection on the Unix socket (argv[1]) it receives the shim's
stdin, stdout and stderr (SCM_RIGHTS), then its argv, working directory and environment, and
forks a child that becomes that command: the same streams, environment and directory, then the same
`awscli.clidriver.main()` the installed `aws` script calls. The child sends back the exit code.
The server ends when its stdin closes, that is when the JVM that started it ends, however it ends.

Importing awscli is a third of a command's cost; the rest is each command's botocore session finding and
parsing the same JSON models again (listing ~400 service folders, parsing endpoint rule sets) and
registering the same event aliases. Both are pure functions of files that do not change while the server
runs, so the server shares them: every botocore Loader with the same search paths shares one cache
(botocore keeps it per Loader instance), and the default event aliases are worked out once. The server
fills both for the services named on its command line (argv[2:]) before it says ready, and each child
inherits them through fork. What a command does, prints and sends is unchanged.
"""
import io
import os
import select
import signal
import socket
import sys
import time
import traceback

import awscli.clidriver
import awscli.handlers  # the built-in plugins every command loads; importing them is most of a start
import botocore.hooks
import botocore.loaders

MAX_REQUEST = 1 << 20


def receive(conn):
    data, fds, _, _ = socket.recv_fds(conn, MAX_REQUEST, 3)
    chunks = [data]
    while True:
        chunk = conn.recv(MAX_REQUEST)
        if not chunk:
            break
        chunks.append(chunk)
    return parse(b"".join(chunks)), fds


def parse(data):
    """The shim's request: NUL-separated argument count, arguments, directory, then NAME=value each."""
    fields = [os.fsdecode(field) for field in data.split(b"\0")]
    argc = int(fields[0])
    env = dict(field.split("=", 1) for field in fields[argc + 2:] if "=" in field)
    return {"argv": fields[1:argc + 1], "cwd": fields[argc + 1], "env": env}


def text_stream(fd, mode, like):
    """A standard stream on fd, made as Python makes it at start-up (the server's own show how)."""
    raw = io.FileIO(fd, mode, closefd=False)
    buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
    line_buffering = like is sys.__stderr__ or raw.isatty()
    return io.TextIOWrapper(buffered, encoding=like.encoding, errors=like.errors, newline="\n",
                            line_buffering=line_buffering)


def exit_code(status):
    """What the interpreter makes of sys.exit(status)."""
    if status is None:
        return 0
    if isinstance(status, int):
        return status & 0xFF
    print(status, file=sys.stderr)
    return 1


def add_awscli_data_path():
    """What importing awscli does to the environment (awscli/__init__.py), done again for this one."""
    paths = []
    if "AWS_DATA_PATH" in os.environ:
        paths = [os.path.expanduser(os.path.expandvars(p)) for p in os.environ["AWS_DATA_PATH"].split(os.pathsep)]
    paths.append(os.path.join(os.path.dirname(os.path.abspath(awscli.__file__)), "data"))
    os.environ["AWS_DATA_PATH"] = os.pathsep.join(paths)


def become(request, fds):
    """In the child: take the shim's streams, environment and directory, and run the command."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    like = (sys.__stdin__, sys.__stdout__, sys.__stderr__)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    # As the installed `aws` script does before importing awscli.
    if os.environ.get("LC_CTYPE", "") == "UTF-8":
        os.environ["LC_CTYPE"] = "en_US.UTF-8"
    add_awscli_data_path()
    sys.stdin = text_stream(0, "r", like[0])
    sys.stdout = text_stream(1, "w", like[1])
    sys.stderr = text_stream(2, "w", like[2])
    sys.argv = request["argv"]
    try:
        code = exit_code(awscli.clidriver.main())
    except SystemExit as stop:
        code = exit_code(stop.code)
    except BaseException:
        traceback.print_exc()
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            code = code or 120  # as the interpreter does when it cannot flush at exit
    return code


def share_what_commands_load():
    """One loader cache per search path and one alias table, for every session a child makes."""
    shared = {}
    loader_init = botocore.loaders.Loader.__init__

    def init(self, *args, **kwargs):
        loader_init(self, *args, **kwargs)
        self._cache = shared.setdefault(tuple(self.search_paths), {})

    botocore.loaders.Loader.__init__ = init

    aliases = {}
    alias = botocore.hooks.EventAliaser._alias_event_name

    def alias_once(self, event_name):
        if self._event_aliases is not botocore.hooks.EVENT_ALIASES:
            return alias(self, event_name)
        if event_name not in aliases:
            aliases[event_name] = alias(self, event_name)
        return aliases[event_name]

    botocore.hooks.EventAliaser._alias_event_name = alias_once

    # Registering a handler asks whether it takes **kwargs, which inspects its signature: about 400 times a
    # command, a third of its cost, for the same few hundred functions. The answer is the function's own.
    accepts = {}
    accepts_kwargs = botocore.hooks.accepts_kwargs

    def accepts_kwargs_once(func):
        key = getattr(func, "__func__", func)
        try:
            return accepts[key]
        except KeyError:
            answer = accepts[key] = accepts_kwargs(func)
            return answer
        except TypeError:  # not hashable
            return accepts_kwargs(func)

    botocore.hooks.accepts_kwargs = accepts_kwargs_once


def warm(services):
    """Loads, in the server, what a command of each service loads: the command table, models, a client."""
    driver = awscli.clidriver.create_clidriver()
    session = driver.session
    table = driver._get_command_table()
    for command in services:
        # A command's name is not always its service's: `aws deploy` is CodeDeploy.
        service = getattr(table.get(command), "_service_name", command)
        try:
            session.get_service_model(service)
            for model in (session.get_paginator_model, session.get_waiter_model):
                try:
                    model(service)
                except Exception:  # a service without paginators or waiters
                    pass
            session.create_client(service, region_name="us-east-1", aws_access_key_id="warm",
                                  aws_secret_access_key="warm")
        except Exception as e:  # a name that is no service: its commands will say so themselves
            print(f"not warmed: {service}: {e}", file=sys.stderr)


def reap(*_):
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


def main():
    path = sys.argv[1]
    share_what_commands_load()
    warm(sys.argv[2:])
    # Children are reaped as they end, so that their CPU time counts as the server's children's, as a
    # command's counts for the shell that waits for it (and for whoever measures the build).
    signal.signal(signal.SIGCHLD, reap)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    print("ready", flush=True)
    while True:
        readable, _, _ = select.select([listener, sys.stdin.fileno()], [], [])
        if sys.stdin.fileno() in readable and not os.read(sys.stdin.fileno(), 4096):
            return
        if listener not in readable:
            continue
        conn, _ = listener.accept()
        try:
            request, fds = receive(conn)
        except (OSError, ValueError):
            conn.close()
            continue
        if os.fork() == 0:
            listener.close()
            code = 1
            try:
                code = become(request, fds)
                conn.sendall(str(code).encode())
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        conn.close()


if __name__ == "__main__":
    main()
