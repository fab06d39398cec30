// The native RTP relay (issue 4): once a call is bridged, its two legs' RTP moves between their sockets
// on one thread of its own — epoll, recvmmsg, a payload-type rewrite and optional G.711 transcoding,
// sendmmsg — without entering JavaScript, allocating or waiting for the event loop. Node's dgram costs
// ~17 µs of CPU per relayed packet here (a Buffer, a RemoteInfo and a SendWrap per datagram, GC); this
// path costs the two system calls.
//
// JavaScript keeps the control: it hands over a pair of bound UDP sockets (their fds are dup()ed, so the
// socket lives until both JS and this thread let go), reads counters, and takes the sockets back.
// Symmetric RTP (RFC 4961) as in src/media/session/peer-link.ts: a leg whose peer has not sent yet is
// sent to at its SDP address; its first packet's source is latched and kept. RFC 3550 §5.1: the header is
// passed through unchanged except the payload type byte (marker bit kept); RTCP is not relayed.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <node_api.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "vms-rtp.h"

#define BATCH 32
#define PACKET_MAX 2048
#define RTP_HEADER 12

enum { TABLE_NONE = 0, TABLE_ALAW_TO_MULAW = 1, TABLE_MULAW_TO_ALAW = 2 };

typedef struct Pair Pair;

// One leg: its socket, where its peer is, and how packets received on it are rewritten before they leave
// through the other leg's socket.
typedef struct {
  int fd;
  Pair* pair;
  int side;
  struct sockaddr_storage peer;
  socklen_t peer_len;
  int has_peer;
  int latched;
  int connected;
  int audio_in, audio_out, event_in, event_out, table;
  uint64_t received;
  uint64_t relayed;
  int64_t last_rx_ms;
} Leg;

struct Pair {
  Leg leg[2];
  int id;
  int dead;
  Pair* next_dead;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_t thread;
static int started = 0;
static int epoll_fd = -1;
static int wake_fd = -1;
static Pair** pairs = NULL;
static int pairs_cap = 0;
static Pair* dead_list = NULL;
static uint8_t tables[3][256];

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

// RFC 3550 §5.1/§5.3.1: fixed header, CSRCs, optional extension.
static size_t payload_offset(const uint8_t* p, size_t len) {
  size_t off = RTP_HEADER + 4u * (p[0] & 0x0f);
  if ((p[0] & 0x10) && len >= off + 4) off += 4 + 4u * (((size_t)p[off + 2] << 8) | p[off + 3]);
  return off < len ? off : len;
}

// False when the packet is not passed on (an event the other leg cannot take).
static int rewrite(const Leg* in, uint8_t* p, size_t len) {
  int pt = p[1] & 0x7f;
  if (pt == in->audio_in) {
    if (in->table != TABLE_NONE) {
      const uint8_t* t = tables[in->table];
      for (size_t i = payload_offset(p, len); i < len; i++) p[i] = t[p[i]];
    }
    p[1] = (uint8_t)((p[1] & 0x80) | in->audio_out);
  } else if (pt == in->event_in) {
    if (in->event_out < 0) return 0;
    p[1] = (uint8_t)((p[1] & 0x80) | in->event_out);
  }
  return 1;
}

static uint8_t buffers[BATCH][PACKET_MAX];
static struct sockaddr_storage sources[BATCH];
static struct iovec in_iov[BATCH];
static struct mmsghdr in_msgs[BATCH];
static struct mmsghdr out_msgs[BATCH];
static struct iovec out_iov[BATCH];

// Reads what `in` has, up to a few batches, and sends it on through `out`. Called with `mu` held.
static void relay_ready(Leg* in, Leg* out) {
  for (int round = 0; round < 8; round++) {
    for (int i = 0; i < BATCH; i++) {
      in_iov[i].iov_base = buffers[i];
      in_iov[i].iov_len = PACKET_MAX;
      memset(&in_msgs[i].msg_hdr, 0, sizeof(in_msgs[i].msg_hdr));
      in_msgs[i].msg_hdr.msg_iov = &in_iov[i];
      in_msgs[i].msg_hdr.msg_iovlen = 1;
      in_msgs[i].msg_hdr.msg_name = &sources[i];
      in_msgs[i].msg_hdr.msg_namelen = sizeof(sources[i]);
    }
    int got = recvmmsg(in->fd, in_msgs, BATCH, MSG_DONTWAIT, NULL);
    if (got <= 0) return;
    in->last_rx_ms = now_ms();
    int n = 0;
    for (int i = 0; i < got; i++) {
      uint8_t* p = buffers[i];
      size_t len = in_msgs[i].msg_len;
      // Not RTP version 2, or longer than our buffer (cut short: dropped rather than relayed truncated).
      if (len < RTP_HEADER || (p[0] >> 6) != 2 || (in_msgs[i].msg_hdr.msg_flags & MSG_TRUNC)) continue;
      in->received++;
      if (!in->latched) {
        memcpy(&in->peer, &sources[i], in_msgs[i].msg_hdr.msg_namelen);
        in->peer_len = in_msgs[i].msg_hdr.msg_namelen;
        in->has_peer = 1;
        in->latched = 1;
      }
      if (!out->has_peer) continue;  // the other leg's peer is not known yet (no SDP address, no packet)
      if (!rewrite(in, p, len)) continue;
      out_iov[n].iov_base = p;
      out_iov[n].iov_len = len;
      memset(&out_msgs[n].msg_hdr, 0, sizeof(out_msgs[n].msg_hdr));
      out_msgs[n].msg_hdr.msg_iov = &out_iov[n];
      out_msgs[n].msg_hdr.msg_iovlen = 1;
      if (!out->connected) {
        out_msgs[n].msg_hdr.msg_name = &out->peer;
        out_msgs[n].msg_hdr.msg_namelen = out->peer_len;
      }
      n++;
    }
    // UDP is best effort: a full send buffer or an ICMP error drops the packet, as dgram would.
    int sent = 0;
    while (sent < n) {
      int r = sendmmsg(out->fd, out_msgs + sent, (unsigned)(n - sent), MSG_DONTWAIT);
      if (r <= 0) {
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && errno != EAGAIN) sent++;  // skip the packet that failed, send the rest
        else break;
      } else {
        sent += r;
        out->relayed += (uint64_t)r;
      }
    }
    if (got < BATCH) return;
  }
}

static void free_dead(void) {
  while (dead_list != NULL) {
    Pair* next = dead_list->next_dead;
    free(dead_list);
    dead_list = next;
  }
}

static void* run(void* arg) {
  (void)arg;
  struct epoll_event events[64];
  for (;;) {
    int n = epoll_wait(epoll_fd, events, 64, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return NULL;
    }
    pthread_mutex_lock(&mu);
    for (int i = 0; i < n; i++) {
      Leg* in = events[i].data.ptr;
      if (in == NULL) {
        uint64_t drained;
        ssize_t r = read(wake_fd, &drained, sizeof drained);
        (void)r;
        continue;
      }
      Pair* pair = in->pair;
      if (pair->dead) continue;
      relay_ready(in, &pair->leg[1 - in->side]);
    }
    free_dead();
    pthread_mutex_unlock(&mu);
  }
}

// ---- N-API glue ----------------------------------------------------------------------------------------

#define CHECK(env, call)                                            \
  do {                                                              \
    if ((call) != napi_ok) {                                        \
      napi_throw_error((env), "VMS_NATIVE", "napi call failed: " #call); \
      return NULL;                                                  \
    }                                                               \
  } while (0)

static int get_int(napi_env env, napi_value object, const char* name, int32_t* out) {
  napi_value v;
  if (napi_get_named_property(env, object, name, &v) != napi_ok) return 0;
  return napi_get_value_int32(env, v, out) == napi_ok;
}

static int get_bool(napi_env env, napi_value object, const char* name, int* out) {
  napi_value v;
  bool b;
  if (napi_get_named_property(env, object, name, &v) != napi_ok) return 0;
  if (napi_get_value_bool(env, v, &b) != napi_ok) return 0;
  *out = b ? 1 : 0;
  return 1;
}

// init(alawToMulaw: Uint8Array(256), mulawToAlaw: Uint8Array(256)): starts the relay thread once.
napi_value RelayInit(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  for (int t = 0; t < 2; t++) {
    void* data;
    size_t length;
    napi_typedarray_type type;
    if (argc < 2 ||
        napi_get_typedarray_info(env, argv[t], &type, &length, &data, NULL, NULL) != napi_ok ||
        type != napi_uint8_array || length != 256) {
      napi_throw_type_error(env, "VMS_NATIVE", "init(alawToMulaw, mulawToAlaw): two Uint8Array(256)");
      return NULL;
    }
    pthread_mutex_lock(&mu);
    memcpy(tables[t + 1], data, 256);
    pthread_mutex_unlock(&mu);
  }
  if (!started) {
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd < 0) return throw_errno(env, "epoll_create1", errno);
    wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd < 0) return throw_errno(env, "eventfd", errno);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &ev) < 0) return throw_errno(env, "epoll_ctl", errno);
    int err = pthread_create(&thread, NULL, run, NULL);  // returns the error, errno is not set
    if (err != 0) return throw_errno(env, "pthread_create", err);
    pthread_detach(thread);
    started = 1;
  }
  return NULL;
}

static int parse_peer(napi_env env, napi_value leg_spec, Leg* leg) {
  napi_value address;
  napi_valuetype type;
  int32_t port;
  if (napi_get_named_property(env, leg_spec, "address", &address) != napi_ok) return 0;
  if (napi_typeof(env, address, &type) != napi_ok) return 0;
  if (type != napi_string) return 1;  // no peer known yet
  char text[64];
  size_t length;
  if (napi_get_value_string_utf8(env, address, text, sizeof text, &length) != napi_ok) return 0;
  if (!get_int(env, leg_spec, "port", &port) || port <= 0 || port > 65535) return 0;
  if (!address_from_text(text, port, &leg->peer, &leg->peer_len)) return 0;
  leg->has_peer = 1;
  return 1;
}

static int parse_leg(napi_env env, napi_value spec, Leg* leg) {
  int32_t fd, table;
  if (!get_int(env, spec, "fd", &fd) || fd < 0) return 0;
  if (!get_int(env, spec, "audioIn", &leg->audio_in) || !get_int(env, spec, "audioOut", &leg->audio_out))
    return 0;
  if (!get_int(env, spec, "eventIn", &leg->event_in) || !get_int(env, spec, "eventOut", &leg->event_out))
    return 0;
  if (!get_int(env, spec, "table", &table) || table < TABLE_NONE || table > TABLE_MULAW_TO_ALAW) return 0;
  leg->table = table;
  if (!get_bool(env, spec, "latched", &leg->latched) || !get_bool(env, spec, "connected", &leg->connected))
    return 0;
  if (!parse_peer(env, spec, leg)) return 0;
  if (leg->connected && !leg->has_peer) return 0;
  leg->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  return leg->fd >= 0;
}

// add(a, b) -> id. Each leg: { fd, address?, port?, latched, connected, audioIn, audioOut, eventIn,
// eventOut, table } (the rewrite of packets received on that leg). The caller stops reading the sockets.
napi_value RelayAdd(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (!started) {
    napi_throw_error(env, "VMS_NATIVE", "add() before init()");
    return NULL;
  }
  Pair* pair = calloc(1, sizeof *pair);
  if (pair == NULL) return throw_errno(env, "calloc", errno);
  for (int side = 0; side < 2; side++) {
    Leg* leg = &pair->leg[side];
    leg->fd = -1;
    if (argc < 2 || !parse_leg(env, argv[side], leg)) {
      if (pair->leg[0].fd >= 0) close(pair->leg[0].fd);
      if (side == 1 && leg->fd >= 0) close(leg->fd);
      free(pair);
      napi_throw_type_error(env, "VMS_NATIVE", "add(a, b): bad leg description or fd");
      return NULL;
    }
    leg->pair = pair;
    leg->side = side;
    leg->last_rx_ms = now_ms();
  }
  pthread_mutex_lock(&mu);
  int id = -1;
  for (int i = 0; i < pairs_cap; i++)
    if (pairs[i] == NULL) {
      id = i;
      break;
    }
  if (id < 0) {
    int cap = pairs_cap == 0 ? 256 : pairs_cap * 2;
    Pair** grown = realloc(pairs, sizeof *pairs * (size_t)cap);
    if (grown == NULL) {
      pthread_mutex_unlock(&mu);
      close(pair->leg[0].fd);
      close(pair->leg[1].fd);
      free(pair);
      return throw_errno(env, "realloc", errno);
    }
    memset(grown + pairs_cap, 0, sizeof *grown * (size_t)(cap - pairs_cap));
    id = pairs_cap;
    pairs = grown;
    pairs_cap = cap;
  }
  pair->id = id;
  pairs[id] = pair;
  for (int side = 0; side < 2; side++) {
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &pair->leg[side]};
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, pair->leg[side].fd, &ev) < 0) {
      int saved = errno;
      if (side == 1) epoll_ctl(epoll_fd, EPOLL_CTL_DEL, pair->leg[0].fd, NULL);
      pairs[id] = NULL;
      pthread_mutex_unlock(&mu);
      close(pair->leg[0].fd);
      close(pair->leg[1].fd);
      free(pair);
      errno = saved;
      return throw_errno(env, "epoll_ctl", errno);
    }
  }
  pthread_mutex_unlock(&mu);
  napi_value result;
  CHECK(env, napi_create_int32(env, id, &result));
  return result;
}

static Pair* pair_of(napi_env env, napi_callback_info info, napi_value* extra, size_t extra_count) {
  size_t argc = 1 + extra_count;
  napi_value argv[3];
  int32_t id;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 + extra_count ||
      napi_get_value_int32(env, argv[0], &id) != napi_ok || id < 0 || id >= pairs_cap || pairs[id] == NULL) {
    napi_throw_error(env, "VMS_NATIVE", "no such relay");
    return NULL;
  }
  for (size_t i = 0; i < extra_count; i++) extra[i] = argv[1 + i];
  return pairs[id];
}

static void leg_address(const Leg* leg, char* text, size_t size, int32_t* port) {
  text[0] = 0;
  *port = 0;
  if (leg->has_peer && !address_to_text(&leg->peer, text, size, port)) text[0] = 0;
}

// stats(id, out: Float64Array(6)): per leg a then b: received, relayed (sent out of it), ms since its last
// packet (or since the relay began).
napi_value RelayStats(napi_env env, napi_callback_info info) {
  napi_value extra[1];
  pthread_mutex_lock(&mu);
  Pair* pair = pair_of(env, info, extra, 1);
  if (pair == NULL) {
    pthread_mutex_unlock(&mu);
    return NULL;
  }
  void* data;
  size_t length;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, extra[0], &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_float64_array || length < 6) {
    pthread_mutex_unlock(&mu);
    napi_throw_type_error(env, "VMS_NATIVE", "stats(id, Float64Array(6))");
    return NULL;
  }
  double* out = data;
  int64_t now = now_ms();
  for (int side = 0; side < 2; side++) {
    const Leg* leg = &pair->leg[side];
    out[side * 3] = (double)leg->received;
    out[side * 3 + 1] = (double)leg->relayed;
    out[side * 3 + 2] = (double)(now - leg->last_rx_ms);
  }
  pthread_mutex_unlock(&mu);
  return NULL;
}

// remove(id) -> [peerA, peerB], each { address, port } when latched during the relay, else null. The
// thread lets go of both sockets before this returns.
napi_value RelayRemove(napi_env env, napi_callback_info info) {
  pthread_mutex_lock(&mu);
  Pair* pair = pair_of(env, info, NULL, 0);
  if (pair == NULL) {
    pthread_mutex_unlock(&mu);
    return NULL;
  }
  napi_value result;
  if (napi_create_array_with_length(env, 2, &result) != napi_ok) {
    pthread_mutex_unlock(&mu);
    napi_throw_error(env, "VMS_NATIVE", "napi_create_array_with_length");
    return NULL;
  }
  for (int side = 0; side < 2; side++) {
    Leg* leg = &pair->leg[side];
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, leg->fd, NULL);
    close(leg->fd);
    napi_value peer;
    napi_get_null(env, &peer);
    if (leg->latched && leg->has_peer) {
      char text[INET6_ADDRSTRLEN];
      int32_t port;
      napi_value address, port_value;
      leg_address(leg, text, sizeof text, &port);
      napi_create_object(env, &peer);
      napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &address);
      napi_create_int32(env, port, &port_value);
      napi_set_named_property(env, peer, "address", address);
      napi_set_named_property(env, peer, "port", port_value);
    }
    napi_set_element(env, result, (uint32_t)side, peer);
  }
  pairs[pair->id] = NULL;
  pair->dead = 1;
  pair->next_dead = dead_list;
  dead_list = pair;
  pthread_mutex_unlock(&mu);
  uint64_t one = 1;
  ssize_t r = write(wake_fd, &one, sizeof one);  // the thread frees the pair on its next turn
  (void)r;
  return result;
}

// active() -> relays in progress (for /stats and tests).
napi_value RelayActive(napi_env env, napi_callback_info info) {
  (void)info;
  int count = 0;
  pthread_mutex_lock(&mu);
  for (int i = 0; i < pairs_cap; i++) count += pairs[i] != NULL;
  pthread_mutex_unlock(&mu);
  napi_value result;
  CHECK(env, napi_create_int32(env, count, &result));
  return result;
}

