// The far ends of the media benchmark (bench/media.bench.mjs), in C: the callers and callees that send
// RTP to the engine and count what comes back. A Node far end costs ~5 µs per datagram and saturated its
// core at ~70,000 packets/s, below what the engine relays; this one batches with sendmmsg/recvmmsg on a
// few sockets. Built by the bench with `cc -O2`; driven over stdin/stdout, one command per line:
//   sinks N              -> "ports P1 .. PN"  N sockets that count what they receive (announcement legs)
//   hello P:S P:S ..     -> "ok"              sink S sends one packet to engine port P (the leg latches)
//   pairs P1 .. PM       -> "ports Q1 .. QM"  sends a 20 ms A-law packet to each engine port every 20 ms;
//                                              Qi is the far-end port that sends to Pi
//   count                -> "count RECEIVED SENT CPU_US"
//   reset                -> "ok"              closes every socket, stops sending
// Loopback only. Exits when stdin closes.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SOCKETS 64
#define BATCH 64
#define PACKET 172
#define SENDERS 16

static int sockets[MAX_SOCKETS];
static int socket_count = 0;
static struct sockaddr_in* targets = NULL;  // engine ports to send to every tick
static int* target_socket = NULL;
static int target_count = 0;
static uint64_t received = 0, sent = 0;
static uint8_t packet[PACKET];
static uint16_t seq = 0;

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int open_socket(void) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int size = 4 * 1024 * 1024;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  struct sockaddr_in local = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (fd < 0 || bind(fd, (struct sockaddr*)&local, sizeof local) < 0) {
    perror("rtp-far-end: socket");
    exit(1);
  }
  return fd;
}

static int port_of(int fd) {
  struct sockaddr_in local;
  socklen_t len = sizeof local;
  getsockname(fd, (struct sockaddr*)&local, &len);
  return ntohs(local.sin_port);
}

static struct sockaddr_in engine(int port) {
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return to;
}

static void drain(int fd) {
  static uint8_t buffers[BATCH][2048];
  static struct iovec iov[BATCH];
  static struct mmsghdr msgs[BATCH];
  for (;;) {
    for (int i = 0; i < BATCH; i++) {
      iov[i].iov_base = buffers[i];
      iov[i].iov_len = sizeof buffers[i];
      memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }
    int got = recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, NULL);
    if (got <= 0) return;
    received += (uint64_t)got;
  }
}

// One packet to every target, batched per sending socket.
static void send_tick(void) {
  static struct iovec iov;
  static struct mmsghdr msgs[BATCH];
  seq++;
  packet[2] = (uint8_t)(seq >> 8);
  packet[3] = (uint8_t)seq;
  uint32_t ts = (uint32_t)seq * 160;
  packet[4] = (uint8_t)(ts >> 24);
  packet[5] = (uint8_t)(ts >> 16);
  packet[6] = (uint8_t)(ts >> 8);
  packet[7] = (uint8_t)ts;
  iov.iov_base = packet;
  iov.iov_len = PACKET;
  for (int s = 0; s < socket_count; s++) {
    int n = 0;
    for (int t = 0; t <= target_count; t++) {
      int flush = t == target_count || n == BATCH;
      if (flush && n > 0) {
        int done = 0;
        while (done < n) {
          int r = sendmmsg(sockets[s], msgs + done, (unsigned)(n - done), 0);
          if (r <= 0) break;
          done += r;
        }
        sent += (uint64_t)done;
        n = 0;
      }
      if (t == target_count) break;
      if (target_socket[t] != s) continue;
      memset(&msgs[n].msg_hdr, 0, sizeof msgs[n].msg_hdr);
      msgs[n].msg_hdr.msg_iov = &iov;
      msgs[n].msg_hdr.msg_iovlen = 1;
      msgs[n].msg_hdr.msg_name = &targets[t];
      msgs[n].msg_hdr.msg_namelen = sizeof targets[t];
      n++;
    }
  }
}

static void reset(void) {
  for (int i = 0; i < socket_count; i++) close(sockets[i]);
  socket_count = 0;
  free(targets);
  free(target_socket);
  targets = NULL;
  target_socket = NULL;
  target_count = 0;
  received = 0;
  sent = 0;
}

static void command(char* line) {
  char* save;
  char* word = strtok_r(line, " \n", &save);
  if (word == NULL) return;
  if (strcmp(word, "sinks") == 0) {
    int n = atoi(strtok_r(NULL, " \n", &save));
    printf("ports");
    for (int i = 0; i < n && socket_count < MAX_SOCKETS; i++) {
      sockets[socket_count] = open_socket();
      printf(" %d", port_of(sockets[socket_count++]));
    }
    printf("\n");
  } else if (strcmp(word, "hello") == 0) {
    for (char* pair; (pair = strtok_r(NULL, " \n", &save)) != NULL;) {
      int port, sink;
      if (sscanf(pair, "%d:%d", &port, &sink) != 2 || sink < 0 || sink >= socket_count) continue;
      struct sockaddr_in to = engine(port);
      sendto(sockets[sink], packet, PACKET, 0, (struct sockaddr*)&to, sizeof to);
    }
    printf("ok\n");
  } else if (strcmp(word, "pairs") == 0) {
    int first = socket_count;
    for (int i = 0; i < SENDERS && socket_count < MAX_SOCKETS; i++) sockets[socket_count++] = open_socket();
    printf("ports");
    for (char* p; (p = strtok_r(NULL, " \n", &save)) != NULL;) {
      targets = realloc(targets, sizeof *targets * (size_t)(target_count + 1));
      target_socket = realloc(target_socket, sizeof *target_socket * (size_t)(target_count + 1));
      targets[target_count] = engine(atoi(p));
      target_socket[target_count] = first + target_count % SENDERS;
      printf(" %d", port_of(sockets[target_socket[target_count]]));
      target_count++;
    }
    printf("\n");
  } else if (strcmp(word, "count") == 0) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    double cpu = (double)usage.ru_utime.tv_sec * 1e6 + (double)usage.ru_utime.tv_usec +
                 (double)usage.ru_stime.tv_sec * 1e6 + (double)usage.ru_stime.tv_usec;
    printf("count %llu %llu %.0f\n", (unsigned long long)received, (unsigned long long)sent, cpu);
  } else if (strcmp(word, "reset") == 0) {
    reset();
    printf("ok\n");
  }
  fflush(stdout);
}

int main(void) {
  memset(packet, 0xd5, sizeof packet);
  packet[0] = 0x80;
  packet[1] = 8;
  static char line[1 << 20];
  size_t used = 0;
  int64_t next = now_ns();
  for (;;) {
    struct pollfd fds[MAX_SOCKETS + 1];
    fds[0].fd = 0;
    fds[0].events = POLLIN;
    for (int i = 0; i < socket_count; i++) {
      fds[i + 1].fd = sockets[i];
      fds[i + 1].events = POLLIN;
    }
    int64_t now = now_ns();
    if (target_count > 0 && now >= next) {
      send_tick();
      next += 20000000;
      if (now - next > 200000000) next = now;  // descheduled for long: do not burst to catch up
    }
    int wait_ms = target_count > 0 ? (int)((next - now) / 1000000) : 100;
    if (wait_ms < 0) wait_ms = 0;
    if (poll(fds, (nfds_t)socket_count + 1, wait_ms) < 0 && errno != EINTR) return 1;
    for (int i = 0; i < socket_count; i++)
      if (fds[i + 1].revents & POLLIN) drain(sockets[i]);
    if (fds[0].revents & (POLLIN | POLLHUP)) {
      ssize_t r = read(0, line + used, sizeof line - used - 1);
      if (r <= 0) return 0;
      used += (size_t)r;
      char* end;
      while ((end = memchr(line, '\n', used)) != NULL) {
        *end = 0;
        command(line);
        size_t rest = used - (size_t)(end + 1 - line);
        memmove(line, end + 1, rest);
        used = rest;
      }
    }
  }
}
