filedesc://IA-001102.arc 0.0.0.0 19961102125050 text/plain 200 - - 0 IA-001102.arc 121
2 0 Alexa Internet
URL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length

http://www.example.org/ 192.0.2.20 19961102125051 text/html 200 ed7c6f3b2c1a - 170 IA-001102.arc 151
HTTP/1.0 200 OK
Content-Type: text/html
Content-Length: 87

<html><head><title>Old news</title></head><body><p>Archived in 2008.</p></body></html>

