/*
 * aws_shim.py in C, for when a C compiler is at hand: the `aws` on a corpus script's PATH, which hands its
 * streams, argv, environment and directory to the AWS CLI server (aws_forkserver.py) and exits with the
 * command's exit code, or runs the installed `aws` itself when the server does not answer. A script runs
 * thousands of commands; Python's start is most of what the Python shim costs, this costs next to nothing.
 * The request is the Python shim's: NUL-separated argument count, arguments (the first one this file's
 * own path, as Python's sys.argv[0] is the script's), directory, then NAME=value per variable.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define SERVER "@SOCKET@"
#define INSTALLED "@AWS@"

extern char **environ;

static void run_installed(char **argv) {
    argv[0] = INSTALLED;
    execv(INSTALLED, argv);
    perror(INSTALLED);
    exit(127);
}

static char *buffer;
static size_t length, capacity;

static void add(const char *field) {
    size_t n = strlen(field) + 1; /* with its NUL, the separator; the last one is dropped */
    if (length + n > capacity) {
        capacity = (length + n) * 2;
        if ((buffer = realloc(buffer, capacity)) == NULL) {
            exit(255);
        }
    }
    memcpy(buffer + length, field, n);
    length += n;
}

int main(int argc, char **argv) {
    char self[4096];
    ssize_t self_length = readlink("/proc/self/exe", self, sizeof self - 1);
    char *cwd = getcwd(NULL, 0);
    int conn = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, SERVER, sizeof address.sun_path - 1);
    if (self_length < 0 || cwd == NULL || conn < 0 || connect(conn, (struct sockaddr *)&address, sizeof address) < 0) {
        run_installed(argv);
    }
    self[self_length] = '\0';
    char count[16];
    snprintf(count, sizeof count, "%d", argc);
    add(count);
    add(self);
    for (int i = 1; i < argc; i++) {
        add(argv[i]);
    }
    add(cwd);
    for (char **variable = environ; *variable != NULL; variable++) {
        add(*variable);
    }
    length--; /* no separator after the last field */

    int fds[3] = {0, 1, 2};
    char control[CMSG_SPACE(sizeof fds)];
    memset(control, 0, sizeof control);
    struct iovec part = {.iov_base = buffer, .iov_len = length};
    struct msghdr message = {.msg_iov = &part, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    struct cmsghdr *rights = CMSG_FIRSTHDR(&message);
    rights->cmsg_level = SOL_SOCKET;
    rights->cmsg_type = SCM_RIGHTS;
    rights->cmsg_len = CMSG_LEN(sizeof fds);
    memcpy(CMSG_DATA(rights), fds, sizeof fds);
    ssize_t sent = sendmsg(conn, &message, 0);
    if (sent < 0) {
        run_installed(argv);
    }
    for (size_t done = (size_t)sent; done < length;) {
        ssize_t n = send(conn, buffer + done, length - done, 0);
        if (n < 0) {
            return 255;
        }
        done += (size_t)n;
    }
    shutdown(conn, SHUT_WR);
    char reply[16];
    size_t got = 0;
    for (ssize_t n; got < sizeof reply - 1 && (n = read(conn, reply + got, sizeof reply - 1 - got)) > 0;) {
        got += (size_t)n;
    }
    reply[got] = '\0';
    return got == 0 ? 255 : atoi(reply);
}
