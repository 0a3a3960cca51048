# make.sh: a data folder whose one record is a named pipe with no writer
set -e
mkdir data
mv sources.json data/
mkfifo data/91-1011.00.json
