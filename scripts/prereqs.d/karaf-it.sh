# karaf-it: unpacks stock Karaf (tar.gz from Maven Central) and drives it with bin/client; compute on libvirt's
# test driver (libvirt0, listed by pollster-compute.sh).
APT_PACKAGES+=(tar)
