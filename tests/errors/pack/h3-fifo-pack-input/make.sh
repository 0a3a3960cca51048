# make.sh: the wages file is a named pipe with no writer: presskit must refuse it at once, not wait
set -e
mkfifo wages.csv
