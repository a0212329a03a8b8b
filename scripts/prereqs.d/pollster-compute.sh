# pollster-compute: its tests and the compute benchmark run libvirt's in-process test driver
# (test:///PATH/node.xml) through the libvirt client library; make-node.py writes the node files.
APT_PACKAGES+=(libvirt0 python3)
