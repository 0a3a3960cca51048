# make.sh: a code the compiled pack does not have (built by the presskit under test, $PRESSKIT)
set -e
"$PRESSKIT" pack build --data manifest.json -o pack.sqlite > /dev/null
