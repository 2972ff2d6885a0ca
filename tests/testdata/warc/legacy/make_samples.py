#!/usr/bin/env python3
"""Writes the legacy-format samples in this folder (run it here; the output
is committed, so the tests need no Python). Written for newsarc, Apache-2.0.

  warc-0.17.warc.gz     Heritrix 1.x style WARC/0.17, gzip per record
  warc-0.18.warc        ClueWeb09 style WARC/0.18 (day-of-year dates, -0800
                        offsets), one record with a lower-case "warc/0.18"
  arc-v1.arc            ARC v1: filedesc with Heritrix-style XML metadata,
                        an HTTP response, a dns: record, an image
  arc-v1.arc.gz         the same records, one gzip member each
  arc-v2.arc            ARC v2 (ten header fields)
  bad-garbage-header.arc    a record header line that is not one (fails)
  bad-arc-version.arc       version block "3 0 ..." (fails)
  bad-warc-0.9.warc         an unsupported draft version line (fails)
"""
import gzip
import io

CRLF = b"\r\n"


def warc(version, fields, block):
    head = version.encode() + CRLF
    for name, value in fields:
        head += name.encode() + b": " + value.encode() + CRLF
    head += b"Content-Length: " + str(len(block)).encode() + CRLF + CRLF
    return head + block + CRLF + CRLF


def gz(data):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as f:
        f.write(data)
    return out.getvalue()


HTML = b"<html><head><title>Old news</title></head><body><p>Archived in 2008.</p></body></html>\n"
HTTP = (b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
        str(len(HTML)).encode() + b"\r\n\r\n" + HTML)
REQUEST = b"GET /news/ HTTP/1.0\r\nHost: news.example.org\r\nUser-Agent: heritrix/1.14.4\r\n\r\n"

# WARC/0.17, Heritrix 1.14 layout.
r17 = [
    warc("WARC/0.17", [("WARC-Type", "warcinfo"),
                       ("WARC-Date", "2008-04-30T20:48:25Z"),
                       ("WARC-Filename", "IAH-20080430204825-00000-example.warc.gz"),
                       ("WARC-Record-ID", "<urn:uuid:35f02b38-eb19-4f0d-86e4-bfe95815069c>"),
                       ("Content-Type", "application/warc-fields")],
         b"software: Heritrix/1.14.4 http://crawler.archive.org\r\nformat: WARC File Format 0.17\r\n"),
    warc("WARC/0.17", [("WARC-Type", "response"),
                       ("WARC-Target-URI", "http://news.example.org/news/"),
                       ("WARC-Date", "2008-04-30T20:48:26Z"),
                       ("WARC-IP-Address", "192.0.2.10"),
                       ("WARC-Record-ID", "<urn:uuid:0a1d0c9e-33b9-4c1c-9d5e-7f7b1f3a0b01>"),
                       ("Content-Type", "application/http; msgtype=response")],
         HTTP),
    warc("WARC/0.17", [("WARC-Type", "request"),
                       ("WARC-Target-URI", "http://news.example.org/news/"),
                       ("WARC-Date", "2008-04-30T20:48:26Z"),
                       ("WARC-Concurrent-To", "<urn:uuid:0a1d0c9e-33b9-4c1c-9d5e-7f7b1f3a0b01>"),
                       ("WARC-Record-ID", "<urn:uuid:7c5e0f44-59a4-4f6c-b1d5-3e8e3b6d2a02>"),
                       ("Content-Type", "application/http; msgtype=request")],
         REQUEST),
    warc("WARC/0.17", [("WARC-Type", "metadata"),
                       ("WARC-Target-URI", "http://news.example.org/news/"),
                       ("WARC-Date", "2008-04-30T20:48:26Z"),
                       ("WARC-Concurrent-To", "<urn:uuid:0a1d0c9e-33b9-4c1c-9d5e-7f7b1f3a0b01>"),
                       ("WARC-Record-ID", "<urn:uuid:9b2f7d1e-0c4a-4e8b-a6f3-5d2c1b0a9e03>"),
                       ("Content-Type", "application/warc-fields")],
         b"via: http://news.example.org/\r\nhopsFromSeed: L\r\nfetchTimeMs: 312\r\n"),
]
open("warc-0.17.warc.gz", "wb").write(b"".join(gz(r) for r in r17))

# WARC/0.18, ClueWeb09 layout: "2009-03-65" is day 65 of 2009 (March 6).
r18 = [
    warc("WARC/0.18", [("WARC-Type", "warcinfo"),
                       ("WARC-Date", "2009-03-65T08:43:19-0800"),
                       ("WARC-Record-ID", "<urn:uuid:993d3969-9643-4934-b1c6-68d4dbe55b83>"),
                       ("Content-Type", "application/warc-fields")],
         b"software: Nutch 1.0-dev (modified for clueweb09)\r\n"
         b"isPartOf: clueweb09-en\r\nformat: WARC file version 0.18\r\n"),
    warc("WARC/0.18", [("WARC-Type", "response"),
                       ("WARC-Target-URI", "http://news.example.org/2009/story.html"),
                       ("WARC-Warcinfo-ID", "993d3969-9643-4934-b1c6-68d4dbe55b83"),
                       ("WARC-Date", "2009-03-65T08:43:19-0800"),
                       ("WARC-Record-ID", "<urn:uuid:67f7cabd-146c-41cf-bd01-04f5fa7d5229>"),
                       ("WARC-TREC-ID", "clueweb09-en0000-00-00000"),
                       ("Content-Type", "application/http;msgtype=response"),
                       ("WARC-Identified-Payload-Type", "")],
         HTTP),
    warc("warc/0.18", [("WARC-Type", "response"),
                       ("WARC-Target-URI", "http://news.example.org/2009/other.html"),
                       ("WARC-Date", "2009-03-06T16:43:20Z"),
                       ("WARC-Record-ID", "<urn:uuid:5c1f0a3e-8d2b-4f6a-9e7c-1b3d5f7a9c04>"),
                       ("Content-Type", "application/http;msgtype=response")],
         HTTP.replace(b"Archived in 2008", b"Archived in 2009")),
]
open("warc-0.18.warc", "wb").write(b"".join(r18))

# ARC v1, as Heritrix 1.x and Alexa wrote it.
XML = (b'<?xml version="1.0" encoding="UTF-8"?>\n<arcmetadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
       b"<dc:format>ARC file version 1.1</dc:format>\n</arcmetadata>\n")


def arc_v1(name, date):
    version_block = b"1 1 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n" + XML
    return [b"filedesc://" + name + b" 0.0.0.0 " + date + b" text/plain " +
            str(len(version_block)).encode() + b"\n" + version_block + b"\n"]


def arc_rec(url, ip, date, ctype, block, fields=None):
    line = b" ".join([url, ip, date, ctype] + (fields or []) + [str(len(block)).encode()])
    return line + b"\n" + block + b"\n"


DNS = b"20080430204826\nnews.example.org.\t3600\tIN\tA\t192.0.2.10\n"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
arc1 = arc_v1(b"IAH-20080430204825-00000-example.arc", b"20080430204825") + [
    arc_rec(b"dns:news.example.org", b"192.0.2.1", b"20080430204826", b"text/dns", DNS),
    arc_rec(b"http://news.example.org/news/", b"192.0.2.10", b"20080430204826", b"text/html", HTTP),
    arc_rec(b"http://news.example.org/pixel.gif", b"192.0.2.10", b"20080430204827", b"image/gif",
            b"HTTP/1.0 200 OK\r\nContent-Type: image/gif\r\n\r\n" + GIF),
]
open("arc-v1.arc", "wb").write(b"".join(arc1))
open("arc-v1.arc.gz", "wb").write(b"".join(gz(r) for r in arc1))

# ARC v2: URL IP-address Archive-date Content-type Result-code Checksum
# Location Offset Filename Archive-length.
vb2 = (b"2 0 Alexa Internet\nURL IP-address Archive-date Content-type Result-code "
       b"Checksum Location Offset Filename Archive-length\n")
arc2 = [b"filedesc://IA-001102.arc 0.0.0.0 19961102125050 text/plain 200 - - 0 IA-001102.arc " +
        str(len(vb2)).encode() + b"\n" + vb2 + b"\n",
        arc_rec(b"http://www.example.org/", b"192.0.2.20", b"19961102125051", b"text/html", HTTP,
                [b"200", b"ed7c6f3b2c1a", b"-", b"170", b"IA-001102.arc"])]
open("arc-v2.arc", "wb").write(b"".join(arc2))

bad = arc_v1(b"bad.arc", b"20080430204825") + [
    arc_rec(b"http://news.example.org/news/", b"192.0.2.10", b"20080430204826", b"text/html", HTTP),
    b"this is not an ARC header line\n"]
open("bad-garbage-header.arc", "wb").write(b"".join(bad))
vb3 = b"3 0 Future\nURL IP-address Archive-date Content-type Archive-length\n"
open("bad-arc-version.arc", "wb").write(
    b"filedesc://v3.arc 0.0.0.0 20080430204825 text/plain " + str(len(vb3)).encode() + b"\n" + vb3 + b"\n")
open("bad-warc-0.9.warc", "wb").write(
    warc("WARC/0.9", [("WARC-Type", "resource"), ("WARC-Date", "2006-01-01T00:00:00Z"),
                      ("WARC-Record-ID", "<urn:uuid:0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6>"),
                      ("Content-Type", "text/plain")], b"draft\n"))
