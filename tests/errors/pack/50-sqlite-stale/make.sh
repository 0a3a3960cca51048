# make.sh: a compiled pack whose wages file changed after it was built (built by the presskit under test, $PRESSKIT)
set -e
"$PRESSKIT" pack build --data manifest.json -o pack.sqlite > /dev/null
printf '91-1013,Gizmo Fitters,detailed,500,20000,30000,40000,50000,60000\n' >> wages.csv
