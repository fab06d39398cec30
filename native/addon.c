// The vms_rtp addon: the engine's RTP hot paths and SIP's UDP sockets in C, controlled from src/media and
// src/sip/transport (see README, "Media" and "Performance").
#include <node_api.h>

#include "vms-rtp.h"

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_value rx_meta;
  napi_create_int32(env, SIP_UDP_RX_META, &rx_meta);
  napi_property_descriptor properties[] = {
      {"init", NULL, RelayInit, NULL, NULL, NULL, napi_default, NULL},
      {"add", NULL, RelayAdd, NULL, NULL, NULL, napi_default, NULL},
      {"stats", NULL, RelayStats, NULL, NULL, NULL, napi_default, NULL},
      {"remove", NULL, RelayRemove, NULL, NULL, NULL, napi_default, NULL},
      {"active", NULL, RelayActive, NULL, NULL, NULL, napi_default, NULL},
      {"sendBatch", NULL, SendBatch, NULL, NULL, NULL, napi_default, NULL},
      {"sipUdpOpen", NULL, SipUdpOpen, NULL, NULL, NULL, napi_default, NULL},
      {"sipUdpSend", NULL, SipUdpSend, NULL, NULL, NULL, napi_default, NULL},
      {"sipUdpClose", NULL, SipUdpClose, NULL, NULL, NULL, napi_default, NULL},
      {"sipUdpRxMeta", NULL, NULL, NULL, NULL, rx_meta, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof properties / sizeof properties[0], properties);
  return exports;
}
