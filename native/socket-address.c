// Socket addresses as the addon's JavaScript side writes them (text and port), for the RTP relay and SIP's
// UDP sockets alike, and the one way both report a failed system call.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vms-rtp.h"

int address_from_text(const char* text, int32_t port, struct sockaddr_storage* out, socklen_t* length) {
  if (port < 0 || port > 65535) return 0;
  memset(out, 0, sizeof *out);
  struct sockaddr_in* v4 = (struct sockaddr_in*)out;
  struct sockaddr_in6* v6 = (struct sockaddr_in6*)out;
  if (inet_pton(AF_INET, text, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    *length = sizeof *v4;
    return 1;
  }
  if (inet_pton(AF_INET6, text, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    *length = sizeof *v6;
    return 1;
  }
  return 0;
}

int address_to_text(const struct sockaddr_storage* address, char* text, size_t size, int32_t* port) {
  if (address->ss_family == AF_INET) {
    const struct sockaddr_in* v4 = (const struct sockaddr_in*)address;
    *port = ntohs(v4->sin_port);
    return inet_ntop(AF_INET, &v4->sin_addr, text, (socklen_t)size) != NULL;
  }
  if (address->ss_family == AF_INET6) {
    const struct sockaddr_in6* v6 = (const struct sockaddr_in6*)address;
    *port = ntohs(v6->sin6_port);
    return inet_ntop(AF_INET6, &v6->sin6_addr, text, (socklen_t)size) != NULL;
  }
  return 0;
}

napi_value throw_errno(napi_env env, const char* what, int err) {
  char message[256];
  snprintf(message, sizeof message, "%s: %s", what, strerror(err));
  napi_throw_error(env, "VMS_NATIVE", message);
  return NULL;
}
