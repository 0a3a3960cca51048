# make.sh: a data folder whose sources.json is a named pipe with no writer
set -e
mkdir data
mv record.json data/91-1011.00.json
mkfifo data/sources.json
