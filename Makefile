# SPDX-License-Identifier: GPL-2.0
#
# dmamem: the AIX DMA memory service for Linux drivers.
#
#   make                 build dmamem.ko against KDIR (default: the running kernel), and dmamemstat
#   make KDIR=/path      build against another kernel tree or headers
#   make modules         build dmamem.ko only
#   make dmamemstat      build the statistics tool only (static, plain libc)
#   make check           every test, in a VM (installs what it needs; see README)
#   make demo            the service at work on Debian's stock kernel, in a VM
#   make bench           the allocators and mapping services against the kernel's, in one VM boot
#   make fuzz            libFuzzer on the real heap's allocator (FUZZ_SECONDS=300)
#   make install         module, public headers, Module.symvers, dmamemstat and man pages
#   make dkms-check      dkms add/build/install/remove against Debian's stock headers
#   make version         print the version (kept in dkms.conf)
#   make clean

KDIR ?= /lib/modules/$(shell uname -r)/build
FUZZ_SECONDS ?= 300
PREFIX ?= /usr
DESTDIR ?=
INSTALL_MOD_PATH ?= $(DESTDIR)
INCLUDEDIR ?= $(PREFIX)/include/dmamem
DATADIR ?= $(PREFIX)/share/dmamem
MANDIR ?= $(PREFIX)/share/man

# The version lives in one place, dkms.conf, which DKMS reads as it is.
VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' $(dir $(lastword $(MAKEFILE_LIST)))dkms.conf)

# The release the module's vermagic names, hence its /lib/modules directory.
KVER = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)

# dmamemstat(8), linked statically so it runs anywhere, a busybox
# initramfs included.
DMAMEMSTAT_CFLAGS ?= -O2 -Wall -Wextra -Wformat=2 -Wshadow
DMAMEMSTAT_LDFLAGS ?= -static

.PHONY: all modules check demo bench fuzz dkms-check version install clean help

all: modules dmamemstat

dmamemstat: tools/dmamemstat.c
	$(CC) $(DMAMEMSTAT_CFLAGS) $(DMAMEMSTAT_LDFLAGS) -o $@ $<

modules:
	@test -d $(KDIR) || { echo "no kernel tree at KDIR=$(KDIR); install linux-headers-$$(uname -r) or pass KDIR=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

check:
	tests/vm/check.sh

demo:
	tests/vm/demo.sh

bench:
	tests/vm/bench.sh

fuzz:
	tests/vm/fuzz.sh $(FUZZ_SECONDS)

dkms-check:
	tests/vm/dkms.sh

version:
	@echo $(VERSION)

install: modules dmamemstat
	@test -n "$(KVER)" || { echo "cannot read the kernel release of KDIR=$(KDIR)" >&2; exit 1; }
	install -D -m 644 dmamem.ko $(INSTALL_MOD_PATH)/lib/modules/$(KVER)/updates/dmamem/dmamem.ko
	install -D -m 644 Module.symvers $(DESTDIR)$(DATADIR)/$(KVER)/Module.symvers
	install -D -m 644 include/dmamem/dmamem.h $(DESTDIR)$(INCLUDEDIR)/dmamem/dmamem.h
	install -d $(DESTDIR)$(INCLUDEDIR)/aix/sys
	install -m 644 include/aix/sys/*.h $(DESTDIR)$(INCLUDEDIR)/aix/sys/
	install -D -m 755 dmamemstat $(DESTDIR)$(PREFIX)/sbin/dmamemstat
	install -d $(DESTDIR)$(MANDIR)/man4 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man9
	install -m 644 man/man4/*.4 $(DESTDIR)$(MANDIR)/man4/
	install -m 644 man/man8/*.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 man/man9/*.9 $(DESTDIR)$(MANDIR)/man9/
	@if [ -z "$(INSTALL_MOD_PATH)" ] && command -v depmod >/dev/null; then depmod -a $(KVER); fi

clean:
	@if [ -d $(KDIR) ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	rm -rf build dmamemstat

help:
	@sed -n '3,17p' Makefile
