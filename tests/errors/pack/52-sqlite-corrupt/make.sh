# make.sh: a compiled pack whose tables were overwritten (built by the presskit under test, $PRESSKIT)
set -e
"$PRESSKIT" pack build --data manifest.json -o pack.sqlite > /dev/null
head -c 8192 /dev/zero | tr '\0' x | dd of=pack.sqlite bs=4096 seek=1 conv=notrunc 2> /dev/null
