# make.sh: a compiled pack of the format before (1: built before related occupations' pay ranks
# carried their scope), made from one this presskit builds ($PRESSKIT) with sqlite3
set -e
"$PRESSKIT" pack build --data manifest.json -o pack.sqlite > /dev/null
sqlite3 pack.sqlite "UPDATE meta SET value = '1' WHERE key = 'presskit_pack_db'"
