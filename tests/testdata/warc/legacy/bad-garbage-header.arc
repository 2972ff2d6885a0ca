filedesc://bad.arc 0.0.0.0 20080430204825 text/plain 232
1 1 InternetArchive
URL IP-address Archive-date Content-type Archive-length
<?xml version="1.0" encoding="UTF-8"?>
<arcmetadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>ARC file version 1.1</dc:format>
</arcmetadata>

http://news.example.org/news/ 192.0.2.10 20080430204826 text/html 151
HTTP/1.0 200 OK
Content-Type: text/html
Content-Length: 87

<html><head><title>Old news</title></head><body><p>Archived in 2008.</p></body></html>

this is not an ARC header line
