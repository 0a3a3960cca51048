ln -s /etc/passwd wages.csv
