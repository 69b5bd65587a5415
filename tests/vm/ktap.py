#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read a VM console log: count KUnit results, print every failure with its
messages, and flag anything the kernel reported that a reviewer would not
accept even when every case passed.  The last line is "N passed, N failed"
(", N skipped" when some were), after "LABEL: " with --label.  Exit status
0 only when all is clean."""

import argparse
import re
import sys

TIMESTAMP = re.compile(r'^\[\s*\d+\.\d+\]\s?')
RESULT = re.compile(r'^(\s*)(ok|not ok) (\d+)(?: - | )?([^#]*?)\s*(?:#\s*(SKIP|TODO)\b.*)?$')
SUBTEST = re.compile(r'^\s*# Subtest: (.*)$')

# Kernel reports that fail the run even when every case passed.
SPLATS = [
    (re.compile(r'WARNING: CPU:|WARNING: .* at '), 'kernel warning'),
    (re.compile(r'------------\[ cut here \]'), 'kernel warning'),
    (re.compile(r'BUG: KASAN|KASAN:'), 'KASAN report'),
    (re.compile(r'possible circular locking|possible recursive locking|'
                r'inconsistent lock state|suspicious RCU usage|'
                r'bad unlock balance|held when returning|'
                r'INFO: lockdep is turned off'),
     'lockdep report'),
    # DMA-API debug prints two banner lines at boot; anything else is a finding.
    (re.compile(r'DMA-API: (?!preallocated \d+ debug entries|'
                r'debugging enabled by kernel config)'), 'DMA-API debug report'),
    # A device's access the IOMMU refused: VT-d's fault report and its
    # record, AMD-Vi's event log.
    (re.compile(r'DMAR: DRHD: handling fault|DMAR: \[DMA (Read|Write)|'
                r'DMAR: \[INTR-REMAP|AMD-Vi: Event logged|IO_PAGE_FAULT'),
     'IOMMU fault'),
    (re.compile(r'BUG: sleeping function called from invalid context|'
                r'BUG: scheduling while atomic'), 'atomic-sleep report'),
    (re.compile(r'BUG: |kernel BUG at|Oops|general protection fault|'
                r'Kernel panic|Call Trace:'), 'crash'),
    (re.compile(r'UBSAN:'), 'UBSAN report'),
    (re.compile(r'unreferenced object'), 'kmemleak report'),
]


def strip(line):
    return TIMESTAMP.sub('', line.rstrip('\r\n'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--vm-status', type=int, default=0)
    ap.add_argument('--label', default='')
    ap.add_argument('log')
    args = ap.parse_args()

    with open(args.log, errors='replace') as f:
        lines = [strip(l) for l in f]

    passed = failed = skipped = 0
    failures = []
    problems = []
    deeper = {}          # indent -> a deeper result was seen since the last one here
    context = []         # lines since the last result, for failure messages
    names = {}           # indent -> current subtest name
    done = False

    for line in lines:
        m = SUBTEST.match(line)
        if m:
            names[len(line) - len(line.lstrip())] = m.group(1)
        m = RESULT.match(line)
        if m:
            indent = len(m.group(1))
            leaf = not deeper.get(indent, False)
            for i in list(deeper):
                if i > indent:
                    del deeper[i]
            for i in range(0, indent, 2):
                deeper[i] = True
            deeper[indent] = False
            if leaf:
                parent = names.get(indent, '')
                name = (parent + '.' if parent else '') + m.group(4).strip()
                if m.group(5) == 'SKIP':
                    skipped += 1
                elif m.group(2) == 'ok':
                    passed += 1
                else:
                    failed += 1
                    failures.append((name, [c for c in context if c.strip()]))
            context = []
            continue
        context.append(line)
        if 'dmamem-vm: FAIL' in line:
            problems.append(line.strip())
        if 'dmamem-vm: done' in line:
            done = True
        for pattern, what in SPLATS:
            if pattern.search(line):
                problems.append('%s: %s' % (what, line.strip()))
                break

    for name, ctx in failures:
        print('FAIL %s' % name)
        for c in ctx[-25:]:
            print('    ' + c.strip())
    if problems:
        print('Kernel reports (the run fails even if every case passed):')
        seen = set()
        for p in problems:
            if p not in seen:
                seen.add(p)
                print('    ' + p)
    ok = not failed and not problems
    if args.vm_status == 124:
        print('VM timed out; log: %s' % args.log)
        ok = False
    elif not done:
        print('VM did not finish its run (crash or hang); log: %s' % args.log)
        ok = False
    if passed + failed + skipped == 0:
        print('no KUnit result found; log: %s' % args.log)
        ok = False

    tail = '%d passed, %d failed' % (passed, failed)
    if skipped:
        tail += ', %d skipped' % skipped
    if args.label:
        tail = '%s: %s' % (args.label, tail)
    print(tail)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
