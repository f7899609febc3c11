/*
 * The echo bench's load generator: closed-loop ping-pong against an uppercase echo server on loopback,
 * single-threaded on epoll, so that it costs a few times less per message than the server it drives.
 *
 *   loadgen --tcp|--udp --port P [--conns N] [--size B] [--warmup S] [--duration S] [--server-pid PID]
 *
 * Each connection (TCP) or connected socket (UDP) sends one request of lowercase letters carrying its
 * sequence number, waits for the whole reply, checks it is exactly the request uppercased, and sends the
 * next. UDP requests without a reply after 200 ms are counted lost and sent again (a new sequence number,
 * so a late reply is told apart and ignored). Bounded: it stops after warmup + duration seconds, and at
 * most after --max-messages replies.
 *
 * Prints one line of key=value: the replies and rate in the measured window (after the warmup), the
 * round-trip p50/p99, its own CPU as a fraction of one core, and with --server-pid the server's CPU
 * seconds (all its threads, from /proc) over exactly the same window. Exit code 1 on a wrong reply or socket error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 4096
#define MAX_SIZE 65507
#define HIST_US 100000
#define LOSS_NS 200000000LL

struct conn {
	int fd;
	uint64_t seq;
	size_t received;
	int64_t sent_at;
	int waiting;
	unsigned char *request;
	unsigned char *expected;
	unsigned char *reply;
};

static int udp;
/* The first failure (the run stops there) and errno at that moment, 0 when it was not a system call. */
static const char *failure;
static int failure_errno;
static size_t size = 64;
static struct conn conns[MAX_CONNS];
static uint32_t histogram[HIST_US + 1];

static int64_t now_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static double cpu_self(void) {
	struct rusage usage;
	getrusage(RUSAGE_SELF, &usage);
	return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* utime + stime of a process in seconds from /proc/PID/stat (clock ticks: 10 ms), -1 if it cannot be read. */
static double ticks_of(long pid) {
	char path[64], text[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	FILE *file = fopen(path, "r");
	if (file == NULL) return -1;
	size_t length = fread(text, 1, sizeof text - 1, file);
	fclose(file);
	text[length] = 0;
	char *field = strrchr(text, ')');
	if (field == NULL) return -1;
	unsigned long utime = 0, stime = 0;
	/* After ") ": state is field 3; utime and stime are fields 14 and 15. */
	if (sscanf(field + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) return -1;
	return (double)(utime + stime) / sysconf(_SC_CLK_TCK);
}

/*
 * The CPU seconds a process has run so far, summed over its threads from /proc/PID/task/TID/schedstat
 * (nanoseconds: a 1 s window read in ticks is off by up to 2%, more than the differences it measures);
 * from /proc/PID/stat when schedstat is missing. A thread that ended since the window began is missing
 * from the sum: the servers keep theirs.
 */
static double cpu_of(long pid) {
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/task", pid);
	DIR *tasks = opendir(path);
	if (tasks == NULL) return ticks_of(pid);
	unsigned long long total = 0;
	int read_any = 0;
	struct dirent *entry;
	while ((entry = readdir(tasks)) != NULL) {
		if (entry->d_name[0] == '.') continue;
		char file_path[320];
		snprintf(file_path, sizeof file_path, "/proc/%ld/task/%s/schedstat", pid, entry->d_name);
		FILE *file = fopen(file_path, "r");
		if (file == NULL) continue;
		unsigned long long running = 0;
		if (fscanf(file, "%llu", &running) == 1) {
			total += running;
			read_any = 1;
		}
		fclose(file);
	}
	closedir(tasks);
	return read_any ? total / 1e9 : ticks_of(pid);
}

/* The request for sequence number `seq`: its digits as letters a-p, then a fixed lowercase text. */
static void fill(struct conn *conn) {
	static const char text[] = "the quick brown fox jumps over the lazy dog ";
	uint64_t seq = conn->seq;
	for (size_t index = 0; index < size; index++) {
		unsigned char byte;
		if (index < 16) {
			byte = 'a' + (seq & 15);
			seq >>= 4;
		} else {
			byte = text[index % (sizeof text - 1)];
		}

		conn->request[index] = byte;
		conn->expected[index] = byte >= 'a' && byte <= 'z' ? byte - 32 : byte;
	}
}

/* A reply to one of this socket's earlier requests: right text, sequence digits uppercased but another number. */
static int stale(const struct conn *conn) {
	for (size_t index = 0; index < 16; index++)
		if (conn->reply[index] < 'A' || conn->reply[index] > 'P') return 0;
	return memcmp(conn->reply + 16, conn->expected + 16, size - 16) == 0;
}

static int send_request(struct conn *conn, int64_t now) {
	conn->seq += 1;
	fill(conn);
	conn->received = 0;
	conn->sent_at = now;
	conn->waiting = 1;
	ssize_t sent = send(conn->fd, conn->request, size, MSG_NOSIGNAL);
	/* A full UDP buffer loses the datagram (the loss timer resends); TCP never fills with one request in flight. */
	if (sent == (ssize_t)size || (udp && sent < 0 && (errno == EAGAIN || errno == ENOBUFS || errno == ECONNREFUSED)))
		return 0;
	return -1;
}

static int open_conn(struct conn *conn, int port, int epoll_fd) {
	conn->fd = socket(AF_INET, (udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_NONBLOCK, 0);
	if (conn->fd < 0) return -1;
	struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (!udp) {
		int one = 1;
		setsockopt(conn->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	}

	if (connect(conn->fd, (struct sockaddr *)&address, sizeof address) < 0 && errno != EINPROGRESS) return -1;
	if (!udp) {
		/* Wait for the handshake (blocking poll via epoll on this fd only is overkill: loopback is immediate). */
		int epoll_one = epoll_create1(0);
		struct epoll_event event = {.events = EPOLLOUT};
		epoll_ctl(epoll_one, EPOLL_CTL_ADD, conn->fd, &event);
		int ready = epoll_wait(epoll_one, &event, 1, 5000);
		close(epoll_one);
		int error = 0;
		socklen_t length = sizeof error;
		getsockopt(conn->fd, SOL_SOCKET, SO_ERROR, &error, &length);
		if (ready != 1 || error != 0) {
			errno = error ? error : ETIMEDOUT;
			return -1;
		}
	}

	conn->request = malloc(size);
	conn->expected = malloc(size);
	conn->reply = malloc(size + 1);
	if (conn->request == NULL || conn->expected == NULL || conn->reply == NULL) return -1;
	struct epoll_event event = {.events = EPOLLIN, .data.ptr = conn};
	return epoll_ctl(epoll_fd, EPOLL_CTL_ADD, conn->fd, &event);
}

static void fail(const char *what, int error) {
	failure = what;
	failure_errno = error;
}

static uint32_t quantile(double q, uint64_t count) {
	uint64_t rank = (uint64_t)(q * count + 0.999999), seen = 0;
	for (uint32_t index = 0; index <= HIST_US; index++) {
		seen += histogram[index];
		if (seen >= rank && rank > 0) return index;
	}

	return HIST_US;
}

static void usage(void) {
	fprintf(stderr, "usage: loadgen --tcp|--udp --port P [--conns N] [--size B] [--warmup S] [--duration S] "
	                "[--max-messages N] [--server-pid PID]\n");
	exit(2);
}

int main(int argc, char **argv) {
	int port = 0, count = 1, protocol_given = 0;
	double warmup = 0.3, duration = 1;
	long server_pid = 0;
	uint64_t max_messages = UINT64_MAX;
	for (int index = 1; index < argc; index++) {
		const char *arg = argv[index], *value = index + 1 < argc ? argv[index + 1] : NULL;
		if (strcmp(arg, "--tcp") == 0 || strcmp(arg, "--udp") == 0) {
			udp = arg[2] == 'u';
			protocol_given = 1;
			continue;
		}

		if (value == NULL) usage();
		index++;
		if (strcmp(arg, "--port") == 0) port = atoi(value);
		else if (strcmp(arg, "--conns") == 0) count = atoi(value);
		else if (strcmp(arg, "--size") == 0) size = (size_t)atol(value);
		else if (strcmp(arg, "--warmup") == 0) warmup = atof(value);
		else if (strcmp(arg, "--duration") == 0) duration = atof(value);
		else if (strcmp(arg, "--max-messages") == 0) max_messages = strtoull(value, NULL, 10);
		else if (strcmp(arg, "--server-pid") == 0) server_pid = atol(value);
		else usage();
	}

	if (!protocol_given || port <= 0 || port > 65535 || count < 1 || count > MAX_CONNS || size < 16 ||
	    size > MAX_SIZE || warmup < 0 || duration <= 0 || duration > 3600)
		usage();

	int epoll_fd = epoll_create1(0);
	for (int index = 0; index < count; index++) {
		if (open_conn(&conns[index], port, epoll_fd) < 0) {
			printf("error=connect:%s\n", strerror(errno));
			return 1;
		}
	}

	int64_t started = now_ns();
	int64_t measure_from = started + (int64_t)(warmup * 1e9), measure_until = measure_from + (int64_t)(duration * 1e9);
	for (int index = 0; index < count; index++) {
		if (send_request(&conns[index], started) < 0) {
			printf("error=send:%s\n", strerror(errno));
			return 1;
		}
	}

	uint64_t messages = 0, lost = 0, late = 0;
	int measuring = 0;
	double cpu_start = 0, server_start = 0;
	int64_t window_start = 0, last_loss_check = started;
	struct epoll_event events[256];
	int64_t now = started;
	while (failure == NULL && now < measure_until && messages < max_messages) {
		int ready = epoll_wait(epoll_fd, events, 256, 10);
		if (ready < 0 && errno != EINTR) {
			fail("epoll", errno);
			break;
		}

		now = now_ns();
		if (!measuring && now >= measure_from) {
			measuring = 1;
			window_start = now;
			cpu_start = cpu_self();
			if (server_pid > 0) server_start = cpu_of(server_pid);
		}

		for (int event = 0; event < ready && failure == NULL; event++) {
			struct conn *conn = events[event].data.ptr;
			for (;;) {
				ssize_t got = recv(conn->fd, conn->reply + conn->received, udp ? size + 1 : size - conn->received, 0);
				if (got < 0) {
					if (errno == EAGAIN || errno == EWOULDBLOCK) break;
					if (udp && errno == ECONNREFUSED) break;
					fail("recv", errno);
					break;
				}

				if (got == 0) {
					fail("closed", 0);
					break;
				}

				if (udp) {
					if (!conn->waiting || (size_t)got != size || memcmp(conn->reply, conn->expected, size) != 0) {
						/* A reply to a request already counted lost, or a wrong one: only the former is allowed. */
						if (conn->seq > 1 && (size_t)got == size && stale(conn)) {
							late += 1;
							continue;
						}

						fail("wrong-reply", 0);
						break;
					}
				} else {
					conn->received += (size_t)got;
					if (conn->received < size) continue;
					if (memcmp(conn->reply, conn->expected, size) != 0) {
						fail("wrong-reply", 0);
						break;
					}
				}

				if (measuring) {
					int64_t micros = (now - conn->sent_at) / 1000;
					histogram[micros > HIST_US ? HIST_US : micros] += 1;
					messages += 1;
				}

				if (now >= measure_until || messages >= max_messages) {
					conn->waiting = 0;
					break;
				}

				if (send_request(conn, now) < 0) fail("send", errno);
				break;
			}
		}

		if (udp && now - last_loss_check >= LOSS_NS / 4) {
			last_loss_check = now;
			for (int index = 0; index < count && failure == NULL; index++) {
				struct conn *conn = &conns[index];
				if (!conn->waiting || now - conn->sent_at < LOSS_NS) continue;
				if (measuring) lost += 1;
				if (send_request(conn, now) < 0) fail("send", errno);
			}
		}
	}

	double seconds = measuring ? (now - window_start) / 1e9 : 0;
	double cpu = measuring ? cpu_self() - cpu_start : 0;
	double server_cpu = server_pid > 0 && measuring ? cpu_of(server_pid) - server_start : -1;
	printf("protocol=%s conns=%d size=%zu seconds=%.4f messages=%llu rate=%.0f lost=%llu late=%llu p50_us=%u "
	       "p99_us=%u loadgen_cpu=%.3f",
	       udp ? "udp" : "tcp", count, size, seconds, (unsigned long long)messages,
	       seconds > 0 ? messages / seconds : 0, (unsigned long long)lost, (unsigned long long)late,
	       quantile(0.5, messages), quantile(0.99, messages), seconds > 0 ? cpu / seconds : 0);
	if (server_pid > 0) printf(" server_cpu_s=%.6f", server_cpu);
	if (failure != NULL) printf(" error=%s%s%s", failure, failure_errno ? ":" : "", failure_errno ? strerror(failure_errno) : "");
	printf("\n");
	for (int index = 0; index < count; index++) close(conns[index].fd);
	return failure == NULL ? 0 : 1;
}
