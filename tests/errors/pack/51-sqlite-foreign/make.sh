# make.sh: an SQLite database another program made (its application_id is not presskit's) (built by the presskit under test, $PRESSKIT)
set -e
"$PRESSKIT" pack build --data manifest.json -o pack.sqlite > /dev/null
printf '\0\0\0\52' | dd of=pack.sqlite bs=1 seek=68 conv=notrunc 2> /dev/null
