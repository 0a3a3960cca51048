# make.sh: the template file is a named pipe with no writer
set -e
mkfifo template.json
