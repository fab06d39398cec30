// SIP over UDP without dgram (issue 3: calls/s with zero failed calls). At 1,000 calls/s the engine's main
// thread is the limit, and per datagram Node's dgram costs a 64 KiB allocation and a Buffer on receive,
// and a lookup, a SendWrap and an async-hooks scope on send (~12 % of the main thread, measured with
// perf). Here the socket is ours: a libuv poll handle wakes us, recvmmsg(2) reads up to RX_SLOTS
// datagrams into buffers JavaScript already holds, one call into JavaScript handles them all; sends
// queued during one task of the event loop are handed to the socket's sender thread (sip-udp-sender.c),
// which writes them with sendmmsg(2). Nothing is allocated per datagram.
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "vms-rtp.h"

// Receive slots: a UDP payload is at most 65,507 bytes (IPv4) or 65,527 (IPv6 jumbo aside), so a slot
// of 64 KiB never truncates. Per slot, meta holds [length, source port, address text length, µs the
// datagram waited in the socket].
#define RX_SLOTS 32
#define RX_META SIP_UDP_RX_META
#define RX_SLOT_BYTES 65536
#define ADDR_TEXT_BYTES 48
// Datagrams read per wake-up at most (RX_SLOTS each): then timers and other sockets get their turn.
#define MAX_READS_PER_WAKE 8

typedef struct {
  uv_poll_t poll;
  int fd;
  int family;
  int closing;
  // Freed once both happened: libuv let go of the poll handle, and JavaScript let go of the socket.
  int handle_closed;
  int external_gone;
  napi_env env;
  napi_ref callback;
  napi_ref resource;
  napi_ref rx_meta_ref;
  napi_ref rx_data_ref;
  napi_ref rx_addr_ref;
  napi_async_context async_context;
  int32_t* rx_meta;
  uint8_t* rx_data;
  uint8_t* rx_addr;
  struct mmsghdr msgs[RX_SLOTS];
  struct iovec iov[RX_SLOTS];
  struct sockaddr_storage from[RX_SLOTS];
  // SO_TIMESTAMPNS: when the kernel queued each datagram, to tell JavaScript how long each one waited in
  // the socket before it was read (how far the engine lags behind its traffic).
  char control[RX_SLOTS][CMSG_SPACE(sizeof(struct timespec))];
  SipSender* sender;
} SipSocket;

// Age in µs of the datagram of `msg` (its SO_TIMESTAMPNS control message), or NO_AGE without one.
#define NO_AGE INT64_MIN
static int64_t datagram_age_us(const struct msghdr* msg, const struct timespec* now) {
  for (struct cmsghdr* c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR((struct msghdr*)msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) continue;
    struct timespec queued;
    memcpy(&queued, CMSG_DATA(c), sizeof queued);
    return (int64_t)(now->tv_sec - queued.tv_sec) * 1000000 + (now->tv_nsec - queued.tv_nsec) / 1000;
  }
  return NO_AGE;
}

static void* typed_array(napi_env env, napi_value value, napi_typedarray_type want, size_t min_bytes) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, NULL, NULL) != napi_ok || type != want)
    return NULL;
  size_t element = want == napi_int32_array ? 4 : 1;
  return length * element >= min_bytes ? data : NULL;
}

static void on_closed(uv_handle_t* handle) {
  SipSocket* s = handle->data;
  napi_env env = s->env;
  napi_delete_reference(env, s->callback);
  napi_delete_reference(env, s->resource);
  napi_delete_reference(env, s->rx_meta_ref);
  napi_delete_reference(env, s->rx_data_ref);
  napi_delete_reference(env, s->rx_addr_ref);
  s->handle_closed = 1;
  if (s->external_gone) free(s);
}

static void on_external_gone(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  SipSocket* s = data;
  s->external_gone = 1;
  if (s->handle_closed) free(s);
}

static void on_readable(uv_poll_t* handle, int status, int events) {
  (void)events;
  SipSocket* s = handle->data;
  if (status < 0 || s->closing) return;
  napi_env env = s->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  for (int round = 0; round < MAX_READS_PER_WAKE && !s->closing; round++) {
    for (int i = 0; i < RX_SLOTS; i++) {
      s->iov[i].iov_base = s->rx_data + (size_t)i * RX_SLOT_BYTES;
      s->iov[i].iov_len = RX_SLOT_BYTES;
      memset(&s->msgs[i].msg_hdr, 0, sizeof s->msgs[i].msg_hdr);
      s->msgs[i].msg_hdr.msg_iov = &s->iov[i];
      s->msgs[i].msg_hdr.msg_iovlen = 1;
      s->msgs[i].msg_hdr.msg_name = &s->from[i];
      s->msgs[i].msg_hdr.msg_namelen = sizeof s->from[i];
      s->msgs[i].msg_hdr.msg_control = s->control[i];
      s->msgs[i].msg_hdr.msg_controllen = sizeof s->control[i];
    }
    int n;
    do n = recvmmsg(s->fd, s->msgs, RX_SLOTS, MSG_DONTWAIT, NULL);
    while (n < 0 && errno == EINTR);
    if (n <= 0) break;  // EAGAIN: drained. Other errors (ICMP reports) are UDP's best effort, §18.
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    int count = 0;
    for (int i = 0; i < n; i++) {
      char* text = (char*)s->rx_addr + (size_t)count * ADDR_TEXT_BYTES;
      int32_t port = 0;
      if (!address_to_text(&s->from[i], text, ADDR_TEXT_BYTES, &port)) continue;
      if (i != count)
        memmove(s->rx_data + (size_t)count * RX_SLOT_BYTES, s->rx_data + (size_t)i * RX_SLOT_BYTES,
                s->msgs[i].msg_len);
      int64_t age = datagram_age_us(&s->msgs[i].msg_hdr, &now);
      int32_t* meta = s->rx_meta + (size_t)count * RX_META;
      meta[0] = (int32_t)s->msgs[i].msg_len;
      meta[1] = port;
      meta[2] = (int32_t)strlen(text);
      // -1: not measured (JavaScript then leaves the wait unknown); a clock stepped back reads as 0.
      meta[3] = age == NO_AGE ? -1 : age < 0 ? 0 : age > INT32_MAX ? INT32_MAX : (int32_t)age;
      count++;
    }
    if (count > 0) {
      napi_value callback, resource, argv[1], result;
      napi_get_reference_value(env, s->callback, &callback);
      napi_get_reference_value(env, s->resource, &resource);
      napi_create_int32(env, count, &argv[0]);
      // napi_make_callback, not napi_call_function: promise reactions and process.nextTick queued by the
      // handler run when it returns, as after any dgram 'message' event.
      if (napi_make_callback(env, s->async_context, resource, callback, 1, argv, &result) ==
          napi_pending_exception) {
        napi_value error;
        napi_get_and_clear_last_exception(env, &error);
        napi_fatal_exception(env, error);
        break;
      }
    }
    if (n < RX_SLOTS) break;
  }
  napi_close_handle_scope(env, scope);
}

// socket(7): SO_RCVBUFFORCE / SO_SNDBUFFORCE go past net.core.rmem_max / wmem_max with CAP_NET_ADMIN;
// without it the plain option applies, capped there.
static void set_buffer(int fd, int force_option, int option, int bytes) {
  if (setsockopt(fd, SOL_SOCKET, force_option, &bytes, sizeof bytes) == 0) return;
  setsockopt(fd, SOL_SOCKET, option, &bytes, sizeof bytes);
}

// sipUdpOpen(address, port, bufferBytes, onDatagrams(count), meta: Int32Array, data: Uint8Array,
//            addresses: Uint8Array) -> [socket, boundPort, receiveBufferBytes granted].
// `address` is an IP literal.
napi_value SipUdpOpen(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  char address[64];
  size_t address_length;
  int32_t port, rcvbuf;
  napi_valuetype callback_type;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 7 ||
      napi_get_value_string_latin1(env, argv[0], address, sizeof address, &address_length) != napi_ok ||
      napi_get_value_int32(env, argv[1], &port) != napi_ok ||
      napi_get_value_int32(env, argv[2], &rcvbuf) != napi_ok ||
      napi_typeof(env, argv[3], &callback_type) != napi_ok || callback_type != napi_function) {
    napi_throw_type_error(env, "VMS_NATIVE",
                          "sipUdpOpen(address, port, receiveBufferBytes, onDatagrams, meta, data, addresses)");
    return NULL;
  }
  int32_t* meta = typed_array(env, argv[4], napi_int32_array, RX_SLOTS * RX_META * 4);
  uint8_t* data = typed_array(env, argv[5], napi_uint8_array, (size_t)RX_SLOTS * RX_SLOT_BYTES);
  uint8_t* addr = typed_array(env, argv[6], napi_uint8_array, RX_SLOTS * ADDR_TEXT_BYTES);
  if (meta == NULL || data == NULL || addr == NULL) {
    napi_throw_type_error(env, "VMS_NATIVE", "sipUdpOpen: receive buffers too small");
    return NULL;
  }
  struct sockaddr_storage bind_to;
  socklen_t bind_length;
  if (!address_from_text(address, port, &bind_to, &bind_length)) {
    napi_throw_error(env, "VMS_NATIVE", "sipUdpOpen: not an IP address and port");
    return NULL;
  }
  int family = bind_to.ss_family;
  int fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, "socket", errno);
  if (rcvbuf > 0) {
    set_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF, rcvbuf);
    set_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF, rcvbuf);
  }
  // socket(7): the kernel reports twice what it granted (the rest is its bookkeeping).
  int32_t granted = 0;
  socklen_t granted_length = sizeof granted;
  getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &granted_length);
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);  // without it, waits unknown (see meta[3])
  if (bind(fd, (struct sockaddr*)&bind_to, bind_length) != 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, "bind", err);
  }
  struct sockaddr_storage bound;
  socklen_t bound_length = sizeof bound;
  char bound_text[ADDR_TEXT_BYTES];
  int32_t bound_port = 0;
  getsockname(fd, (struct sockaddr*)&bound, &bound_length);
  address_to_text(&bound, bound_text, sizeof bound_text, &bound_port);

  SipSocket* s = calloc(1, sizeof *s);
  if (s == NULL) {
    close(fd);
    napi_throw_error(env, "VMS_NATIVE", "sipUdpOpen: out of memory");
    return NULL;
  }
  int sender_error = 0;
  s->sender = sip_sender_start(fd, &sender_error);
  if (s->sender == NULL) {
    free(s);
    close(fd);
    return throw_errno(env, "sipUdpOpen: the sender thread", sender_error);
  }
  s->fd = fd;
  s->family = family;
  s->env = env;
  s->rx_meta = meta;
  s->rx_data = data;
  s->rx_addr = addr;
  napi_value resource, resource_name;
  napi_create_object(env, &resource);
  napi_create_string_utf8(env, "vms:SipUdpSocket", NAPI_AUTO_LENGTH, &resource_name);
  napi_create_reference(env, argv[3], 1, &s->callback);
  napi_create_reference(env, resource, 1, &s->resource);
  napi_create_reference(env, argv[4], 1, &s->rx_meta_ref);
  napi_create_reference(env, argv[5], 1, &s->rx_data_ref);
  napi_create_reference(env, argv[6], 1, &s->rx_addr_ref);
  napi_async_init(env, resource, resource_name, &s->async_context);
  uv_loop_t* loop;
  napi_get_uv_event_loop(env, &loop);
  uv_poll_init_socket(loop, &s->poll, fd);
  s->poll.data = s;
  uv_poll_start(&s->poll, UV_READABLE, on_readable);

  napi_value external, port_value, buffer_value, result;
  napi_create_external(env, s, on_external_gone, NULL, &external);
  napi_create_int32(env, bound_port, &port_value);
  napi_create_int32(env, granted / 2, &buffer_value);
  napi_create_array_with_length(env, 3, &result);
  napi_set_element(env, result, 0, external);
  napi_set_element(env, result, 1, port_value);
  napi_set_element(env, result, 2, buffer_value);
  return result;
}

static SipSocket* socket_of(napi_env env, napi_value value) {
  void* pointer = NULL;
  if (napi_get_value_external(env, value, &pointer) != napi_ok) return NULL;
  SipSocket* s = pointer;
  return s->closing ? NULL : s;
}

// Builds the destination of one datagram; false when the text is not an address of the socket's family
// (an IPv4 destination on an IPv6 socket goes as a v4-mapped address) or the port is out of range.
static int destination(const SipSocket* s, const char* slot, int32_t port, struct sockaddr_storage* to,
                       socklen_t* length) {
  if (port <= 0) return 0;
  char text[ADDR_TEXT_BYTES + 8] = "::ffff:";
  memcpy(text + 7, slot, ADDR_TEXT_BYTES - 1);  // NUL-terminated within its slot whatever the caller wrote
  text[ADDR_TEXT_BYTES + 6] = 0;
  const int v4_on_v6 = s->family == AF_INET6 && strchr(text + 7, ':') == NULL;
  return address_from_text(v4_on_v6 ? text : text + 7, port, to, length) && to->ss_family == s->family;
}

// sipUdpSend(socket, count, offsets: Int32Array (count + 1), ports: Int32Array, addresses: Uint8Array
//            (ADDR_TEXT_BYTES each, NUL-terminated), data: Uint8Array) -> datagrams queued for sending.
// Datagram i is data[offsets[i] .. offsets[i + 1]); the bytes are copied, the buffers can be reused at
// once. One that cannot go (a bad address, then a full buffer or an unreachable network on the sender
// thread) is dropped and the rest still go: UDP is best effort, retransmissions recover.
napi_value SipUdpSend(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  int32_t count;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 6 ||
      napi_get_value_int32(env, argv[1], &count) != napi_ok || count < 0) {
    napi_throw_type_error(env, "VMS_NATIVE", "sipUdpSend(socket, count, offsets, ports, addresses, data)");
    return NULL;
  }
  SipSocket* s = socket_of(env, argv[0]);
  const int32_t* offsets = typed_array(env, argv[2], napi_int32_array, ((size_t)count + 1) * 4);
  const int32_t* ports = typed_array(env, argv[3], napi_int32_array, (size_t)count * 4);
  const char* addresses = typed_array(env, argv[4], napi_uint8_array, (size_t)count * ADDR_TEXT_BYTES);
  napi_typedarray_type data_type;
  size_t data_length;
  void* data_pointer;
  if (s == NULL || offsets == NULL || ports == NULL || addresses == NULL ||
      napi_get_typedarray_info(env, argv[5], &data_type, &data_length, &data_pointer, NULL, NULL) != napi_ok ||
      data_type != napi_uint8_array) {
    napi_throw_type_error(env, "VMS_NATIVE", "sipUdpSend: closed socket or inconsistent buffers");
    return NULL;
  }
  const uint8_t* data = data_pointer;
  int32_t queued = 0;
  sip_sender_begin(s->sender);
  for (int32_t i = 0; i < count; i++) {
    struct sockaddr_storage to;
    socklen_t length;
    if (offsets[i] < 0 || offsets[i + 1] < offsets[i] || (size_t)offsets[i + 1] > data_length) continue;
    if (!destination(s, addresses + (size_t)i * ADDR_TEXT_BYTES, ports[i], &to, &length)) continue;
    queued += sip_sender_append(s->sender, &to, length, data + offsets[i],
                                (uint32_t)(offsets[i + 1] - offsets[i]));
  }
  sip_sender_commit(s->sender);
  napi_value result;
  napi_create_int32(env, queued, &result);
  return result;
}

// sipUdpClose(socket): stops reading, sends what is queued, and closes the socket (the port is free when
// this returns).
napi_value SipUdpClose(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return NULL;
  SipSocket* s = socket_of(env, argv[0]);
  if (s == NULL) return NULL;
  s->closing = 1;
  uv_poll_stop(&s->poll);
  sip_sender_stop(s->sender);
  s->sender = NULL;
  close(s->fd);
  s->fd = -1;
  napi_async_destroy(env, s->async_context);
  uv_close((uv_handle_t*)&s->poll, on_closed);
  return NULL;
}
