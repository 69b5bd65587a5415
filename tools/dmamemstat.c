// SPDX-License-Identifier: GPL-2.0
/*
 * dmamemstat: what the dmamem heaps hold, and who holds it, read from
 * dmamem's debugfs files (dmamem(4)).  One screen: the heaps, the handles
 * holding the most bytes, the refused calls, and a map of each reserved
 * range, free and used, as wide as the terminal.  --watch refreshes it.
 *
 * User space, plain libc; the top-level Makefile links it statically so
 * that it runs anywhere, a busybox initramfs included.  dmamemstat(8)
 * documents the options and the exit status.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#define EXIT_USAGE	1	/* bad command line */
#define EXIT_NODEBUGFS	2	/* debugfs not mounted, or not readable */
#define EXIT_NOMODULE	3	/* dmamem not loaded */
#define EXIT_BADFILE	4	/* a file could not be read or made no sense */

#define DEBUGFS_MAGIC	0x64626720	/* statfs() f_type of debugfs */
#define MAX_WIDTH	1000

/* One "key: value" line. */
struct field {
	const char *key;
	const char *val;
};

/* Lines up to a blank line. */
struct record {
	struct field *fields;
	int nr;
};

/* One debugfs file: its text, cut into records. */
struct table {
	char *text;
	struct field *fields;
	struct record *recs;
	int nr;
};

struct options {
	const char *debugfs;
	char dir[PATH_MAX];
	int top;
	int width;
	int watch;		/* seconds between refreshes, 0: once */
	int bytes;		/* exact byte counts */
};

static char *read_all(FILE *f)
{
	size_t len = 0, room = 4096;
	char *text = malloc(room), *more;
	size_t got;

	while (text) {
		got = fread(text + len, 1, room - len - 1, f);
		len += got;
		if (len + 1 < room) {
			if (ferror(f))
				break;
			text[len] = '\0';
			return text;
		}
		room *= 2;
		more = realloc(text, room);
		if (!more)
			break;
		text = more;
	}
	free(text);
	return NULL;
}

/* Count the lines, for the arrays of fields and records. */
static int count_lines(const char *text)
{
	int n = 1;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* Cut @t->text in place into fields and records. */
static int cut_records(struct table *t)
{
	int lines = count_lines(t->text), nf = 0;
	char *line = t->text, *next, *colon;

	t->fields = calloc(lines, sizeof(*t->fields));
	t->recs = calloc(lines, sizeof(*t->recs));
	if (!t->fields || !t->recs)
		return -1;
	for (; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!*line) {
			if (t->nr && t->recs[t->nr - 1].nr)
				t->nr++;
			continue;
		}
		colon = strstr(line, ": ");
		if (!colon)
			return -1;
		*colon = '\0';
		if (!t->nr)
			t->nr = 1;
		if (!t->recs[t->nr - 1].fields)
			t->recs[t->nr - 1].fields = &t->fields[nf];
		t->fields[nf].key = line;
		t->fields[nf++].val = colon + 2;
		t->recs[t->nr - 1].nr++;
	}
	if (t->nr && !t->recs[t->nr - 1].nr)
		t->nr--;
	return 0;
}

static void table_free(struct table *t)
{
	free(t->text);
	free(t->fields);
	free(t->recs);
	memset(t, 0, sizeof(*t));
}

/* Read DIR/NAME; on failure say why and return the exit status. */
static int table_read(const struct options *o, const char *name,
		      struct table *t)
{
	char path[PATH_MAX + 64];
	FILE *f;

	memset(t, 0, sizeof(*t));
	snprintf(path, sizeof(path), "%s/%s", o->dir, name);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "dmamemstat: cannot read %s: %s\n", path,
			strerror(errno));
		return errno == ENOENT ? EXIT_NOMODULE : EXIT_BADFILE;
	}
	t->text = read_all(f);
	fclose(f);
	if (!t->text || cut_records(t)) {
		fprintf(stderr, "dmamemstat: %s is not a dmamem statistics file\n",
			path);
		table_free(t);
		return EXIT_BADFILE;
	}
	return 0;
}

static const char *get(const struct record *r, const char *key)
{
	int i;

	for (i = 0; i < r->nr; i++)
		if (!strcmp(r->fields[i].key, key))
			return r->fields[i].val;
	return "";
}

static unsigned long long num(const struct record *r, const char *key)
{
	return strtoull(get(r, key), NULL, 0);
}

/* A byte count, exact with --bytes, else in the largest fitting unit. */
static const char *size_str(const struct options *o, unsigned long long n,
			    char *buf, size_t len)
{
	static const char * const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = n;
	int u = -1;

	if (o->bytes || n < 1024) {
		snprintf(buf, len, o->bytes ? "%llu" : "%llu B", n);
		return buf;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
	return buf;
}

static int mask_bits(unsigned long long mask)
{
	int bits = 0;

	while (mask) {
		bits++;
		mask >>= 1;
	}
	return bits;
}

static void show_heaps(const struct options *o, const struct table *heaps,
		       const struct table *pools)
{
	char a[32], b[32], c[32], d[32], e[32];
	const struct record *r;
	int i;

	printf("%-8s %8s %12s %18s %8s\n", "heap", "allocs", "held",
	       "refused: no_memory", "too_big");
	for (i = 0; i < heaps->nr; i++) {
		r = &heaps->recs[i];
		printf("%-8s %8llu %12s %18llu %8llu\n", get(r, "heap"),
		       num(r, "allocations"),
		       size_str(o, num(r, "held"), a, sizeof(a)),
		       num(r, "refused_no_memory"), num(r, "refused_too_big"));
		if (strcmp(get(r, "heap"), "real"))
			continue;
		printf("  %s in %llu range(s), %s free;",
		       size_str(o, num(r, "size"), a, sizeof(a)),
		       num(r, "ranges"),
		       size_str(o, num(r, "free"), b, sizeof(b)));
		printf(" largest free: 24-bit %s, 32-bit %s, 64-bit %s\n",
		       size_str(o, num(r, "largest_free_24"), c, sizeof(c)),
		       size_str(o, num(r, "largest_free_32"), d, sizeof(d)),
		       size_str(o, num(r, "largest_free_64"), e, sizeof(e)));
	}
	if (!pools->nr)
		return;
	r = &pools->recs[0];
	printf("pools: %llu page(s) (%llu spare), %llu block(s), ",
	       num(r, "pages"), num(r, "spare"), num(r, "blocks"));
	printf("%s asked, %s held, %s bookkeeping\n",
	       size_str(o, num(r, "bytes"), a, sizeof(a)),
	       size_str(o, num(r, "held"), b, sizeof(b)),
	       size_str(o, num(r, "overhead"), c, sizeof(c)));
}

static int by_bytes(const void *x, const void *y)
{
	unsigned long long a = num(x, "bytes"), b = num(y, "bytes");

	if (a != b)
		return a < b ? 1 : -1;
	return num(x, "handle") < num(y, "handle") ? -1 : 1;
}

/* The owning module, and the mapper name if the handle has one. */
static const char *who(const struct record *r, char *buf, size_t len)
{
	const char *owner = get(r, "owner"), *mapper = get(r, "mapper");

	if (!*owner)
		owner = "-";
	if (*mapper && strcmp(mapper, "-"))
		snprintf(buf, len, "%s (%s)", owner, mapper);
	else
		snprintf(buf, len, "%s", owner);
	return buf;
}

static void show_handles(const struct options *o, struct table *handles)
{
	char a[32], b[32], bits[16], owner[128];
	const struct record *r;
	int i;

	qsort(handles->recs, handles->nr, sizeof(*handles->recs), by_bytes);
	printf("\n%d handle(s); top %d by bytes:\n", handles->nr, o->top);
	printf("%6s %7s %12s %12s %7s %-6s %-14s %s\n", "handle", "allocs",
	       "bytes", "peak", "ceiling", "heap", "device", "owner");
	for (i = 0; i < handles->nr && i < o->top; i++) {
		r = &handles->recs[i];
		snprintf(bits, sizeof(bits), "%d-bit",
			 mask_bits(num(r, "dma_mask")));
		printf("%6llu %7llu %12s %12s %7s %-6s %-14s %s\n",
		       num(r, "handle"), num(r, "allocations"),
		       size_str(o, num(r, "bytes"), a, sizeof(a)),
		       size_str(o, num(r, "peak"), b, sizeof(b)), bits,
		       get(r, "heap"), get(r, "device"),
		       who(r, owner, sizeof(owner)));
	}
}

/* The non-zero counters, as many to a line as the width takes. */
static void show_failures(const struct options *o,
			  const struct table *failures)
{
	const struct record *r = failures->nr ? &failures->recs[0] : NULL;
	int i, len, col, shown = 0;

	col = printf("\nrefused calls:") - 1;
	for (i = 0; r && i < r->nr; i++) {
		if (!strtoull(r->fields[i].val, NULL, 0))
			continue;
		len = strlen(r->fields[i].key) + strlen(r->fields[i].val) + 3;
		if (shown && col + len > o->width) {
			printf(",\n ");
			col = 1;
		} else if (shown) {
			putchar(',');
			col++;
		}
		col += printf(" %s %s", r->fields[i].key, r->fields[i].val);
		shown++;
	}
	printf("%s\n", shown ? "" : " none");
}

/* The pieces of one range and their free runs, as the map needs them. */
struct range {
	unsigned long long base, end, free, largest, allocs;
	unsigned int bits_lo, bits_hi;
};

static void range_add_piece(struct range *rg, const struct record *r)
{
	unsigned long long base = num(r, "base"), end = base + num(r, "size");
	unsigned int bits = num(r, "class");

	if (!rg->end || base < rg->base)
		rg->base = base;
	if (end > rg->end)
		rg->end = end;
	if (!rg->bits_lo || bits < rg->bits_lo)
		rg->bits_lo = bits;
	if (bits > rg->bits_hi)
		rg->bits_hi = bits;
	rg->free += num(r, "free");
	rg->allocs += num(r, "allocations");
	if (num(r, "largest_free") > rg->largest)
		rg->largest = num(r, "largest_free");
}

/* Add the free bytes of [start, end) to the cells they fall in. */
static void map_free(const struct range *rg, int width,
		     unsigned long long *cell_free, unsigned long long start,
		     unsigned long long end)
{
	unsigned long long size = rg->end - rg->base, lo, hi;
	int i;

	for (i = 0; i < width; i++) {
		lo = rg->base + size * i / width;
		hi = rg->base + size * (i + 1) / width;
		if (hi <= start || lo >= end)
			continue;
		cell_free[i] += (end < hi ? end : hi) - (start > lo ? start : lo);
	}
}

static void draw_map(const struct range *rg, int nr, const struct table *ext,
		     int width)
{
	unsigned long long cell_free[MAX_WIDTH] = { 0 }, size, lo, hi, s, n;
	const struct record *r;
	char line[MAX_WIDTH + 1];
	int i, j;

	size = rg->end - rg->base;
	for (i = 0; i < ext->nr; i++) {
		r = &ext->recs[i];
		if ((int)num(r, "range") != nr)
			continue;
		for (j = 0; j < r->nr; j++) {
			if (strcmp(r->fields[j].key, "extent") ||
			    sscanf(r->fields[j].val, "%llx %llu", &s, &n) != 2)
				continue;
			map_free(rg, width, cell_free, s, s + n);
		}
	}
	for (i = 0; i < width; i++) {
		lo = rg->base + size * i / width;
		hi = rg->base + size * (i + 1) / width;
		line[i] = cell_free[i] >= hi - lo ? '.' : cell_free[i] ? '+' : '#';
	}
	line[width] = '\0';
	printf("  [%s]\n", line);
}

static void show_ranges(const struct options *o, const struct table *ranges,
			const struct table *ext)
{
	char a[32], b[32], c[32], d[32], cls[16];
	int nr, i, width = o->width - 4, last = -1;
	struct range rg;

	for (i = 0; i < ranges->nr; i++)
		if ((int)num(&ranges->recs[i], "range") > last)
			last = num(&ranges->recs[i], "range");
	for (nr = 0; nr <= last; nr++) {
		memset(&rg, 0, sizeof(rg));
		for (i = 0; i < ranges->nr; i++)
			if ((int)num(&ranges->recs[i], "range") == nr)
				range_add_piece(&rg, &ranges->recs[i]);
		if (!rg.end)
			continue;
		snprintf(cls, sizeof(cls), rg.bits_lo == rg.bits_hi ?
			 "%u-bit" : "%u..%u-bit", rg.bits_lo, rg.bits_hi);
		printf("\nrange %d %#llx-%#llx %s %s: %s free, largest %s, %llu allocs; cell %s\n",
		       nr, rg.base, rg.end - 1,
		       size_str(o, rg.end - rg.base, a, sizeof(a)), cls,
		       size_str(o, rg.free, b, sizeof(b)),
		       size_str(o, rg.largest, c, sizeof(c)), rg.allocs,
		       size_str(o, (rg.end - rg.base) / width, d, sizeof(d)));
		draw_map(&rg, nr, ext, width);
	}
	if (last >= 0)
		printf("('#' used, '.' free, '+' partly used)\n");
	else
		printf("\nno reserved range (real_heap= names none)\n");
}

static int show(const struct options *o)
{
	static const char * const names[] = {
		"heaps", "pools", "handles", "failures", "ranges", "extents"
	};
	struct table t[6];
	int i, ret = 0;

	for (i = 0; i < 6 && !ret; i++)
		ret = table_read(o, names[i], &t[i]);
	if (!ret) {
		show_heaps(o, &t[0], &t[1]);
		show_handles(o, &t[2]);
		show_failures(o, &t[3]);
		show_ranges(o, &t[4], &t[5]);
	}
	while (i--)
		table_free(&t[i]);
	return ret;
}

/* Tell a missing debugfs from a missing module, as the exit status does. */
static int find_dir(struct options *o)
{
	struct statfs fs;
	struct stat st;

	snprintf(o->dir, sizeof(o->dir), "%s/dmamem", o->debugfs);
	if (!stat(o->dir, &st) && S_ISDIR(st.st_mode))
		return 0;
	if (errno == EACCES) {
		fprintf(stderr, "dmamemstat: cannot read %s: %s (debugfs is for root only)\n",
			o->dir, strerror(errno));
		return EXIT_NODEBUGFS;
	}
	if (statfs(o->debugfs, &fs) || fs.f_type != DEBUGFS_MAGIC) {
		fprintf(stderr, "dmamemstat: debugfs is not mounted at %s\n",
			o->debugfs);
		fprintf(stderr, "dmamemstat: mount it with: mount -t debugfs none %s\n",
			o->debugfs);
		return EXIT_NODEBUGFS;
	}
	fprintf(stderr, "dmamemstat: dmamem is not loaded (no %s)\n", o->dir);
	fprintf(stderr, "dmamemstat: load it with: modprobe dmamem\n");
	return EXIT_NOMODULE;
}

static int term_width(void)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;

	if (cols && atoi(cols) > 0)
		return atoi(cols);
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col)
		return ws.ws_col;
	return 80;
}

static void print_help(FILE *f)
{
	fprintf(f,
		"Usage: dmamemstat [OPTION]...\n"
		"Show what the dmamem heaps hold and who holds it: heaps, top handles\n"
		"by bytes, refused calls, and a map of each reserved range.\n"
		"\n"
		"  -w, --watch [SECONDS]  refresh every SECONDS (default 2) until interrupted\n"
		"  -n, --top N            show the N handles holding the most bytes (default 5)\n"
		"  -b, --bytes            exact byte counts instead of KiB, MiB, GiB\n"
		"  -W, --width COLUMNS    width of the range maps' lines (default: the\n"
		"                         terminal's, or $COLUMNS, or 80)\n"
		"  -d, --debugfs DIR      where debugfs is mounted (default /sys/kernel/debug)\n"
		"  -h, --help             this help\n"
		"\n"
		"Exit status: 0 shown; 1 bad usage; 2 debugfs not mounted or not readable;\n"
		"3 dmamem not loaded; 4 a statistics file could not be read.\n");
}

static int positive(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v <= 0 || v > INT_MAX)
		return -1;
	*out = v;
	return 0;
}

static int parse(int argc, char **argv, struct options *o)
{
	static const struct option longs[] = {
		{ "watch", optional_argument, NULL, 'w' },
		{ "top", required_argument, NULL, 'n' },
		{ "bytes", no_argument, NULL, 'b' },
		{ "width", required_argument, NULL, 'W' },
		{ "debugfs", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, bad = 0;

	while ((c = getopt_long(argc, argv, "w::n:bW:d:h", longs, NULL)) != -1) {
		switch (c) {
		case 'w':
			o->watch = 2;
			/* --watch SECONDS as well as --watch=SECONDS */
			if (!optarg && optind < argc &&
			    !positive(argv[optind], &o->watch))
				optind++;
			else if (optarg)
				bad |= positive(optarg, &o->watch);
			break;
		case 'n':
			bad |= positive(optarg, &o->top);
			break;
		case 'b':
			o->bytes = 1;
			break;
		case 'W':
			bad |= positive(optarg, &o->width);
			break;
		case 'd':
			o->debugfs = optarg;
			break;
		case 'h':
			print_help(stdout);
			exit(0);
		default:
			bad = 1;
		}
	}
	if (bad || optind < argc) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	if (!o->width)
		o->width = term_width();
	if (o->width < 20)
		o->width = 20;
	if (o->width > MAX_WIDTH)
		o->width = MAX_WIDTH;
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { .debugfs = "/sys/kernel/debug", .top = 5 };
	int ret;

	ret = parse(argc, argv, &o);
	if (ret)
		return ret;
	for (;;) {
		ret = find_dir(&o);
		if (ret)
			return ret;
		if (o.watch)
			printf("\033[H\033[J");
		ret = show(&o);
		if (ret || !o.watch)
			return ret;
		fflush(stdout);
		sleep(o.watch);
	}
}
