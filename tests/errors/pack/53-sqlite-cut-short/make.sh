# make.sh: a compiled pack cut short inside its header (built by the presskit under test, $PRESSKIT)
set -e
"$PRESSKIT" pack build --data manifest.json -o full.sqlite > /dev/null
head -c 50 full.sqlite > pack.sqlite
