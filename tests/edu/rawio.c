// SPDX-License-Identifier: GPL-2.0
/*
 * rawio: a process's buffers through /dev/dmamem_edu and back, in the VM.
 *
 * Each case write()s a pattern from one buffer into the edu device, by its
 * DMA engine, and read()s it back into another, and checks every byte:
 * buffers aligned and not, within a page and across pages, small and as
 * large as the device's buffer.  Then the refusals: an unmapped address
 * (EFAULT, for both directions), and a read() into memory the process may
 * only read (EFAULT).  Then a child that attaches and maps a buffer
 * through the EDU_RAW_HOLD ioctl and exits without closing the device or
 * unmapping the buffer: its pins are given back all the same.  Last, the
 * kernel's pin counters: every page pinned was unpinned.  Reports in
 * KTAP, like the KUnit suites.
 *
 * Built static by tests/vm/check.sh, run by the initramfs after
 * dmamem_edu.ko is loaded.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define XFER		4000	/* the most one call moves: EDU_XFER */
#define PAGE		4096

/* tests/edu/raw.c's ioctl: attach and map a buffer until the file goes */
struct edu_raw_hold {
	unsigned long long addr;
	unsigned long long len;
};

#define EDU_RAW_HOLD	_IOW('E', 1, struct edu_raw_hold)

static int n, bad;

static void ok(int good, const char *what)
{
	n++;
	printf("    %s %d %s\n", good ? "ok" : "not ok", n, what);
	if (!good)
		bad = 1;
}

/*
 * The pins taken and given back since boot, from /proc/vmstat, once the
 * CPUs' pending counts are folded in (vm.stat_refresh).
 */
static long pins(const char *which)
{
	char key[64], name[64], line[128];
	long v = -1, x;
	int r = open("/proc/sys/vm/stat_refresh", O_WRONLY);
	FILE *f;

	if (r >= 0) {
		if (write(r, "1", 1) != 1)
			v = -1;
		close(r);
	}
	f = fopen("/proc/vmstat", "r");
	if (!f)
		return -1;
	snprintf(key, sizeof(key), "nr_foll_pin_%s", which);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %ld", name, &x) == 2 && !strcmp(name, key))
			v = x;
	fclose(f);
	return v;
}

/* Write @len bytes from @from + @off_w, read them into @to + @off_r. */
static void round_trip(int fd, char *from, char *to, size_t off_w,
		       size_t off_r, size_t len, const char *what)
{
	size_t i, wrong = 0;
	ssize_t w, r;

	for (i = 0; i < len; i++)
		from[off_w + i] = (char)(i * 7 + off_w + len);
	memset(to, 0x5a, 4 * PAGE);
	w = write(fd, from + off_w, len);
	r = read(fd, to + off_r, len);
	for (i = 0; i < len; i++)
		wrong += to[off_r + i] != from[off_w + i];
	/* the bytes around the read stay as they were */
	if (off_r && to[off_r - 1] != 0x5a)
		wrong++;
	if (off_r + len < 4 * PAGE && to[off_r + len] != 0x5a)
		wrong++;
	if (w != (ssize_t)len || r != (ssize_t)len || wrong)
		printf("    # %s: write %zd, read %zd, %zu bytes wrong\n", what,
		       w, r, wrong);
	ok(w == (ssize_t)len && r == (ssize_t)len && !wrong, what);
}

/*
 * A child attaches and maps 3 pages through the ioctl and exits, the
 * device still open and the buffer still mapped in it: the file's release
 * gives the pins back, after the child's memory is gone.
 */
static void exits_holding(void)
{
	long taken = pins("acquired"), given = pins("released");
	int status = -1;
	pid_t child;

	child = fork();
	if (!child) {
		struct edu_raw_hold h;
		int fd = open("/dev/dmamem_edu", O_RDWR);
		char *buf = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (fd < 0 || buf == MAP_FAILED)
			_exit(2);
		memset(buf, 1, 4 * PAGE);
		h.addr = (uintptr_t)(buf + 100);
		h.len = 2 * PAGE;
		_exit(ioctl(fd, EDU_RAW_HOLD, &h) ? 3 : 0);
	}
	if (child > 0)
		waitpid(child, &status, 0);
	taken = pins("acquired") - taken;
	given = pins("released") - given;
	printf("    # a child holding an attached, mapped buffer exited (status %d):",
	       status);
	printf(" %ld pins taken, %ld given back\n", taken, given);
	ok(child > 0 && WIFEXITED(status) && !WEXITSTATUS(status) &&
	   taken >= 3 && taken == given,
	   "a process that exits holding a mapped buffer leaves nothing pinned");
}

int main(void)
{
	long acquired = pins("acquired"), released = pins("released");
	char *from, *to, *ro, *hole;
	ssize_t ret;
	int fd;

	printf("KTAP version 1\n1..1\n    KTAP version 1\n");
	printf("    # Subtest: dmamem_rawio\n    1..13\n");
	fd = open("/dev/dmamem_edu", O_RDWR);
	from = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* a fifth page, unmapped, guards the end of @to */
	to = mmap(NULL, 5 * PAGE, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (to != MAP_FAILED)
		munmap(to + 4 * PAGE, PAGE);
	if (fd < 0 || from == MAP_FAILED || to == MAP_FAILED) {
		printf("    # no /dev/dmamem_edu or no memory: %s\n",
		       strerror(errno));
		printf("not ok 1 dmamem_rawio\n");
		return 1;
	}

	round_trip(fd, from, to, 0, 0, 64, "aligned, small");
	round_trip(fd, from, to, 0, 0, XFER, "aligned, the device's whole buffer");
	round_trip(fd, from, to, 100, 3, 1000, "unaligned, in one page");
	round_trip(fd, from, to, PAGE - 10, 2 * PAGE - 1, 20,
		   "unaligned, 20 bytes across a page boundary");
	round_trip(fd, from, to, 3000, 5000, XFER,
		   "unaligned, across pages, mapped a part at a time");
	round_trip(fd, from, to, 2 * PAGE + 1, PAGE + 4095, XFER,
		   "unaligned at both ends, across pages");

	/* an address the process has no page at: nothing moves or stays pinned */
	hole = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, 2 * PAGE);
	errno = 0;
	ret = write(fd, hole + 100, 200);
	ok(ret == -1 && errno == EFAULT, "write from an unmapped address: EFAULT");
	errno = 0;
	ret = read(fd, hole + 100, 200);
	ok(ret == -1 && errno == EFAULT, "read into an unmapped address: EFAULT");
	errno = 0;
	ret = write(fd, to + 4 * PAGE - 100, 200);
	ok(ret == -1 && errno == EFAULT,
	   "write from a buffer running past its mapping: EFAULT");

	/* memory the process may only read: the device may read it only */
	ro = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(ro, 0x33, PAGE);
	mprotect(ro, PAGE, PROT_READ);
	ret = write(fd, ro + 10, 100);
	ok(ret == 100, "write from read-only memory");
	errno = 0;
	ret = read(fd, ro + 10, 100);
	ok(ret == -1 && errno == EFAULT, "read into read-only memory: EFAULT");

	close(fd);
	exits_holding();
	printf("    # pins since start: %ld taken, %ld given back\n",
	       pins("acquired") - acquired, pins("released") - released);
	ok(acquired >= 0 && pins("acquired") - acquired > 0 &&
	   pins("acquired") - acquired == pins("released") - released,
	   "every page pinned was unpinned");
	printf("%s 1 dmamem_rawio\n", bad ? "not ok" : "ok");
	return bad;
}
