// The functions of the vms_rtp addon (binding.gyp), registered in addon.c.
#ifndef VMS_RTP_H
#define VMS_RTP_H
#include <node_api.h>
#include <stdint.h>
#include <sys/socket.h>

// socket-address.c: address text and port <-> sockaddr (0 when the text is not an IP address, or the
// family is neither IPv4 nor IPv6), and a failed system call thrown as Error(VMS_NATIVE) (returns NULL).
int address_from_text(const char* text, int32_t port, struct sockaddr_storage* out, socklen_t* length);
int address_to_text(const struct sockaddr_storage* address, char* text, size_t size, int32_t* port);
napi_value throw_errno(napi_env env, const char* what, int err);

// rtp-relay.c: bridged calls relayed on a thread of their own.
napi_value RelayInit(napi_env env, napi_callback_info info);
napi_value RelayAdd(napi_env env, napi_callback_info info);
napi_value RelayStats(napi_env env, napi_callback_info info);
napi_value RelayRemove(napi_env env, napi_callback_info info);
napi_value RelayActive(napi_env env, napi_callback_info info);

// rtp-send-batch.c: a scheduler slot's announcement packets in one call.
napi_value SendBatch(napi_env env, napi_callback_info info);

// sip-udp.c: SIP's UDP sockets, read with recvmmsg from the event loop, written by sip-udp-sender.c.
// Int32 fields per received datagram in sipUdpOpen's meta array (exported as sipUdpRxMeta, so that the
// JavaScript side refuses a build with another layout).
#define SIP_UDP_RX_META 4
// sip-udp-sender.c: a socket's sends, on a thread of their own (sip_sender_begin / append / commit queue
// one batch; stop sends what is queued, then joins).
typedef struct SipSender SipSender;
SipSender* sip_sender_start(int fd, int* error);
void sip_sender_begin(SipSender* s);
int sip_sender_append(SipSender* s, const struct sockaddr_storage* to, socklen_t to_length,
                      const uint8_t* data, uint32_t length);
void sip_sender_commit(SipSender* s);
void sip_sender_stop(SipSender* s);
napi_value SipUdpOpen(napi_env env, napi_callback_info info);
napi_value SipUdpSend(napi_env env, napi_callback_info info);
napi_value SipUdpClose(napi_env env, napi_callback_info info);

#endif
