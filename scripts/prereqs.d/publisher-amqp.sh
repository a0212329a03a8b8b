# publisher-amqp: the broker tests need RabbitMQ (the shared node on 127.0.0.1:5672, guest/guest, plus a
# private node they start and stop themselves) and openssl (the TLS test makes its own CA); the interop test
# needs Ceilometer's own notification agent and library (Debian 12: 1:19.0.0-3, about 166 packages, ~70 s
# to install) run with Debian's /usr/bin/python3.
APT_PACKAGES+=(rabbitmq-server openssl ceilometer-agent-notification python3-ceilometer)

publisher_amqp_broker() {
  # the packages do not start services without systemd: start the shared node if it is not up
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    echo "publisher-amqp: starting the shared RabbitMQ node (rabbitmq-server -detached)"
    rabbitmq-server -detached
    for _ in $(seq 1 60); do
      rabbitmqctl -q await_startup >/dev/null 2>&1 && break
      sleep 1
    done
  fi
  rabbitmqctl -q await_startup || { echo "publisher-amqp: RabbitMQ on 127.0.0.1:5672 did not start" >&2; return 1; }
  # the Debian package enables ceilometer-agent-notification as a service; it must not consume the shared
  # node's notifications (without systemd it does not run; stop it where it does)
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active -q ceilometer-agent-notification 2>/dev/null; then
    systemctl stop ceilometer-agent-notification && systemctl disable -q ceilometer-agent-notification
  fi
}
PREREQ_HOOKS+=(publisher_amqp_broker)
