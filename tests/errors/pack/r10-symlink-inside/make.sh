ln -s real-wages.csv wages.csv
