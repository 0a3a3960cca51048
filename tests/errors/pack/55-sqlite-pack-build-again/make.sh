# make.sh: a compiled pack given to pack build (built by the presskit under test, $PRESSKIT)
set -e
"$PRESSKIT" pack build --data manifest.json -o pack.sqlite > /dev/null
