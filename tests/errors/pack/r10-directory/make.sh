mkdir wages.csv
