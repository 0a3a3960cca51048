ln -s /etc etc
