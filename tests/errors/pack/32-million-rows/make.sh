#!/usr/bin/env bash
# Makes scores.csv here (the driver runs this in a scratch copy of the case): a header and
# 1,000,000 rows (twice the 500,000 a file may have, so presskit refuses it after reading half, in
# bounded memory) of distinct made-up O*NET-SOC codes (92-0000.00 to 92-9999.99), none of them an
# occupation of the pack, with made-up scores. Not committed: it is 18 MB.
set -eu
awk 'BEGIN {
    print "Code,Score"
    for (i = 0; i < 1000000; i++)
        printf "92-%04d.%02d,0.%04d\n", int(i / 100), i % 100, i % 10000
}' >scores.csv
