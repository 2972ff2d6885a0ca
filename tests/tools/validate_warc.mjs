#!/usr/bin/env node
// validate_warc.mjs [--json] FILE.warc[.gz]...
//
// An independent check of WARC files for newsarc's end-to-end tests, on
// Webrecorder's warcio.js parser (not newsarc's own reader). Modelled on
// ../shared/newsbed/node/validate_warc.mjs. For every record it checks:
//  - version line WARC/1.0 or WARC/1.1; WARC-Record-ID present, <scheme:...>, unique
//  - WARC-Date (W3C-DTF, UTC) and a known WARC-Type
//  - Content-Length equals the block read
//  - WARC-Target-URI on records that need one
//  - WARC-Block-Digest recomputed (sha1/sha256; base32, hex or base64)
//  - WARC-Payload-Digest recomputed over the HTTP entity body (de-chunked
//    when the message is chunked) or the whole block for non-HTTP records
// --json prints one JSON object per file: {file, valid, records, types,
// digests_checked, ids, errors}; "ids" maps record id -> [type, block digest,
// payload digest] so a test can compare files with an archive.
// Exit status: 0 all valid, 1 any invalid record or unreadable file, 2 usage.
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { WARCParser } from "warcio";

const TYPES = new Set(["warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"]);
const NEED_URI = new Set(["response", "resource", "request", "revisit", "conversion", "continuation"]);
const DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const ID_RE = /^<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]+>$/;
const ALGOS = { sha1: "sha1", "sha-1": "sha1", sha256: "sha256", "sha-256": "sha256" };
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(buf) {
  let bits = 0, value = 0, out = "";
  for (const b of buf) {
    value = (value << 8) | b; bits += 8;
    while (bits >= 5) { out += B32[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

// null when `value` is a correct digest of `data`, else the problem.
function checkDigest(label, value, data) {
  const m = /^([A-Za-z0-9-]+):(.+)$/.exec(value.trim());
  if (!m) return `${label} malformed: ${value}`;
  const algo = ALGOS[m[1].toLowerCase()];
  if (!algo) return `${label} uses an algorithm this validator does not check: ${m[1]}`;
  const dig = createHash(algo).update(data).digest();
  const given = m[2].trim();
  if (given.toLowerCase() === dig.toString("hex")) return null;
  if (given.toUpperCase().replace(/=+$/, "") === base32(dig)) return null;
  const b64 = dig.toString("base64");
  if (given === b64 || given === b64.replace(/\+/g, "-").replace(/\//g, "_")) return null;
  return `${label} mismatch: ${value}, computed ${m[1]}:${base32(dig)}`;
}

function headEnd(buf) {
  for (let i = 0; i + 3 < buf.length; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) return i + 4;
  }
  for (let i = 0; i + 1 < buf.length; i++) if (buf[i] === 10 && buf[i + 1] === 10) return i + 2;
  return -1;
}

function dechunk(buf) {
  const out = [];
  let i = 0;
  while (i < buf.length) {
    const j = buf.indexOf("\r\n", i, "latin1");
    if (j < 0) return null;
    const size = parseInt(buf.subarray(i, j).toString("latin1").split(";")[0].trim(), 16);
    if (Number.isNaN(size)) return null;
    if (size === 0) return Buffer.concat(out);
    if (j + 2 + size > buf.length) return null;
    out.push(buf.subarray(j + 2, j + 2 + size));
    i = j + 2 + size + 2;
  }
  return null;
}

async function validate(file) {
  const res = { file, valid: true, records: 0, types: {}, digests_checked: 0, ids: {}, errors: [] };
  const err = (off, msg) => { res.valid = false; if (res.errors.length < 50) res.errors.push(`record at offset ${off}: ${msg}`); };
  try {
    const parser = new WARCParser(createReadStream(file), { parseHttp: false, keepHeadersCase: true });
    for await (const record of parser) {
      const off = parser.offset;
      res.records++;
      const h = record.warcHeaders;
      const proto = (h.protocol || "").trim();
      if (proto !== "WARC/1.0" && proto !== "WARC/1.1") err(off, `bad version line ${JSON.stringify(proto)}`);
      const type = record.warcHeader("WARC-Type");
      res.types[type] = (res.types[type] || 0) + 1;
      if (!TYPES.has(type)) err(off, `bad WARC-Type ${type}`);
      const id = (record.warcHeader("WARC-Record-ID") || "").trim();
      if (!ID_RE.test(id)) err(off, `missing or malformed WARC-Record-ID ${JSON.stringify(id)}`);
      else if (res.ids[id]) err(off, `duplicate WARC-Record-ID ${id}`);
      const date = (record.warcHeader("WARC-Date") || "").trim();
      if (!DATE_RE.test(date)) err(off, `missing or bad WARC-Date ${JSON.stringify(date)}`);
      const clen = String(record.warcHeader("Content-Length") ?? "").trim();
      if (!/^\d+$/.test(clen)) err(off, `missing or bad Content-Length ${clen}`);
      if (NEED_URI.has(type) && !record.warcHeader("WARC-Target-URI")) err(off, `${type} record without WARC-Target-URI`);
      const block = Buffer.from(await record.readFully(false));
      if (block.length !== parseInt(clen, 10)) err(off, `Content-Length ${clen}, but the block is ${block.length} bytes`);
      const bd = record.warcHeader("WARC-Block-Digest");
      if (bd) { const e = checkDigest("WARC-Block-Digest", bd, block); if (e) err(off, e); else res.digests_checked++; }
      const pd = record.warcHeader("WARC-Payload-Digest");
      if (pd && type !== "revisit") {
        let payload = block;
        const ct = (record.warcHeader("Content-Type") || "").toLowerCase();
        if (ct.startsWith("application/http")) {
          const i = headEnd(block);
          if (i < 0) { err(off, "HTTP headers not terminated in block"); payload = null; }
          else {
            payload = block.subarray(i);
            const head = block.subarray(0, i).toString("latin1");
            if (/\ntransfer-encoding:[^\r\n]*chunked/i.test(head)) {
              const d = dechunk(payload);
              if (d && !checkDigest("WARC-Payload-Digest", pd, d)) payload = d;
            }
          }
        }
        if (payload) { const e = checkDigest("WARC-Payload-Digest", pd, payload); if (e) err(off, e); else res.digests_checked++; }
      }
      if (id) res.ids[id] = [type, bd || null, pd || null];
    }
  } catch (e) {
    res.valid = false;
    res.errors.push(`parse error: ${e && e.message ? e.message : e}`);
  }
  if (res.records === 0) { res.valid = false; res.errors.push("no WARC records"); }
  return res;
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((a) => a !== "--json");
if (!files.length || files.some((f) => f.startsWith("-"))) {
  console.error("usage: validate_warc.mjs [--json] FILE.warc[.gz]...");
  process.exit(2);
}
let ok = true;
for (const f of files) {
  const r = await validate(f);
  ok = ok && r.valid;
  if (json) {
    console.log(JSON.stringify(r));
  } else {
    console.log(`${f}: ${r.valid ? "VALID" : "INVALID"}, ${r.records} records ${JSON.stringify(r.types)}, ${r.digests_checked} digests checked`);
    for (const e of r.errors) console.log(`  error: ${e}`);
  }
}
process.exit(ok ? 0 : 1);
