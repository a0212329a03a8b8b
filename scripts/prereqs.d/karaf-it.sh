# karaf-it: unpacks stock Karaf (tar.gz from Maven Central) and drives it with bin/client; compute on libvirt's
# test driver (libvirt0, listed by pollster-compute.sh); TAB completion through a pseudo-terminal made by
# script(1) (bsdutils).
APT_PACKAGES+=(tar bsdutils)
