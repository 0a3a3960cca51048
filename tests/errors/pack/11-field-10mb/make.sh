#!/usr/bin/env bash
# Makes wages.csv here (the driver runs this in a scratch copy of the case): an OEWS row whose
# A_MEDIAN is 10 MiB of "9", between two well-formed rows. Not committed: it is 10 MB.
set -eu
{
    printf 'OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90\n'
    printf '91-1011,Widget Polishers,detailed,1200,21000,31000,41000,51000,61000\n'
    printf '91-1012,Gadget Testers,detailed,800,22000,32000,'
    head -c 10485760 /dev/zero | tr '\0' '9'
    printf ',52000,62000\n'
} >wages.csv
