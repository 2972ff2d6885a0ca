filedesc://v3.arc 0.0.0.0 20080430204825 text/plain 67
3 0 Future
URL IP-address Archive-date Content-type Archive-length

