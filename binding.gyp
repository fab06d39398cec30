{
  "targets": [
    {
      "target_name": "vms_rtp",
      "sources": ["native/addon.c", "native/rtp-relay.c", "native/rtp-send-batch.c", "native/sip-udp.c", "native/sip-udp-sender.c", "native/socket-address.c"],
      "cflags": ["-O2", "-std=gnu11", "-Wall", "-Wextra", "-Werror"]
    }
  ]
}
