# make.sh: the template's logo is a named pipe with no writer
set -e
mkfifo logo.png
