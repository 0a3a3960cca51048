# make.sh: the manifest to compile is a named pipe with no writer
set -e
mkfifo pipe.json
