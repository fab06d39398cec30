// Announcement packets leave in one call per scheduler slot (issue 4: 2,000 legs with send jitter p99
// under 2 ms). Node's dgram allocates a list array and a SendWrap per datagram and resolves the address:
// at 100,000 packets/s that garbage alone brought scavenges of several ms, and every send due meanwhile
// waited. Here JavaScript copies each packet into one staging buffer and this sends them, in order, each on
// its leg's connected socket (symmetric RTP latched it, see peer-link.ts), nothing allocated.
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <sys/socket.h>

#include "vms-rtp.h"

// sendBatch(fds: Int32Array, lengths: Int32Array, packets: Uint8Array, count, stride) -> packets sent.
// Packet i is packets[i * stride .. i * stride + lengths[i]); an fd < 0 is skipped (its leg closed).
// UDP is best effort (RFC 3550 §11 leaves loss to the receiver): a full buffer or an ICMP error from the
// peer (ECONNREFUSED on a connected socket) drops that packet, as dgram would.
napi_value SendBatch(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  void* fds_data;
  void* lengths_data;
  void* packets_data;
  size_t fds_length, lengths_length, packets_length;
  napi_typedarray_type fds_type, lengths_type, packets_type;
  int32_t count, stride;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 5 ||
      napi_get_typedarray_info(env, argv[0], &fds_type, &fds_length, &fds_data, NULL, NULL) != napi_ok ||
      napi_get_typedarray_info(env, argv[1], &lengths_type, &lengths_length, &lengths_data, NULL, NULL) !=
          napi_ok ||
      napi_get_typedarray_info(env, argv[2], &packets_type, &packets_length, &packets_data, NULL, NULL) !=
          napi_ok ||
      napi_get_value_int32(env, argv[3], &count) != napi_ok ||
      napi_get_value_int32(env, argv[4], &stride) != napi_ok || fds_type != napi_int32_array ||
      lengths_type != napi_int32_array || packets_type != napi_uint8_array || count < 0 || stride <= 0 ||
      (size_t)count > fds_length || (size_t)count > lengths_length ||
      (size_t)count * (size_t)stride > packets_length) {
    napi_throw_type_error(env, "VMS_NATIVE",
                          "sendBatch(fds: Int32Array, lengths: Int32Array, packets: Uint8Array, count, stride)");
    return NULL;
  }
  const int32_t* fds = fds_data;
  const int32_t* lengths = lengths_data;
  const uint8_t* packets = packets_data;
  int32_t sent = 0;
  for (int32_t i = 0; i < count; i++) {
    if (fds[i] < 0 || lengths[i] <= 0 || lengths[i] > stride) continue;
    ssize_t r;
    do r = send(fds[i], packets + (size_t)i * (size_t)stride, (size_t)lengths[i], MSG_DONTWAIT);
    while (r < 0 && errno == EINTR);
    if (r >= 0) sent++;
  }
  napi_value result;
  napi_create_int32(env, sent, &result);
  return result;
}
