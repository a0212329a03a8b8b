"""Checks AMQP bodies published by Alidade with Ceilometer's own code (Debian python3-ceilometer).

Usage: python3 verify_bodies.py SECRET FILE   (FILE: one raw AMQP body per line)
For every body: the envelope passes oslo.messaging's own deserialisation, each layer is exactly
what json.dumps would write, and ceilometer.publisher.utils.verify_signature accepts every sample.
Prints 'verified N samples in M notifications' or exits non-zero naming the first failure.
"""
import json
import sys

from ceilometer.publisher import utils
from oslo_messaging._drivers import common as rpc_common

secret, path = sys.argv[1], sys.argv[2]
samples = notifications = 0
with open(path, encoding="ascii") as f:
    for line in f:
        body = line.rstrip("\n")
        outer = json.loads(body)
        if json.dumps(outer) != body:
            sys.exit("envelope is not json.dumps output: %s" % body[:200])
        inner_text = outer["oslo.message"]
        inner = rpc_common.deserialize_msg(outer)
        if json.dumps(inner) != inner_text:
            sys.exit("inner message is not json.dumps output: %s" % inner_text[:200])
        for sample in inner["payload"]["samples"]:
            if not utils.verify_signature(sample, secret):
                sys.exit("verify_signature rejected %s" % json.dumps(sample))
            samples += 1
        notifications += 1
print("verified %d samples in %d notifications" % (samples, notifications))
