# pollster-compute: its tests and the compute benchmark run libvirt's in-process test driver
# (test:///PATH/node.xml) through the libvirt client library; make-node.py writes the node files.
# Its tests of libvirt's remote protocol (the path of every qemu:///system connection) start a
# libvirtd of their own that serves the test driver (org.alidade.compute.testing.LibvirtDaemon).
APT_PACKAGES+=(libvirt0 libvirt-daemon python3)
