# make.sh: the record file is a named pipe with no writer: presskit must refuse it at once
set -e
mkfifo rec.json
