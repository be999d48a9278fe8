/**
 * The server's certificate: self-signed, made on first use and written beside the store (`arm-cert.pem`,
 * `arm-key.pem`), reused while it is valid and names the host served. Azure's SDKs send bearer tokens only over
 * TLS, so clients must trust this certificate (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, SSL_CERT_FILE...). It is
 * its own CA (basicConstraints cA), so that trusting it as a root is enough.
 */
import { X509Certificate } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";

export interface Certificate {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
}

const LOOPBACK = ["localhost", "127.0.0.1", "::1"];

/** The names the certificate must carry to serve `host` (a wildcard bind is reached through loopback). */
const namesFor = (host: string) => [...new Set([...LOOPBACK, ...(host === "0.0.0.0" || host === "::" ? [] : [host])])];

function covers(cert: X509Certificate, names: string[]): boolean {
  const san = cert.subjectAltName ?? "";
  const fresh = new Date(cert.validTo).getTime() > Date.now() + 24 * 3600_000;
  return fresh && names.every((n) => san.includes(net.isIP(n) ? `IP Address:${n === "::1" ? "0:0:0:0:0:0:0:1" : n}` : `DNS:${n}`)
    || (n === "::1" && san.includes("IP Address:::1")));
}

export async function ensureCertificate(dir: string, host: string): Promise<Certificate> {
  const certPath = path.join(dir, "arm-cert.pem");
  const keyPath = path.join(dir, "arm-key.pem");
  const names = namesFor(host);
  if (fs.existsSync(certPath) && fs.existsSync(keyPath)) {
    const cert = fs.readFileSync(certPath, "utf8");
    try {
      if (covers(new X509Certificate(cert), names)) return { certPath, keyPath, cert, key: fs.readFileSync(keyPath, "utf8") };
    } catch {
      // unreadable: made anew below
    }
  }
  // Loaded here, not at the top: x509 costs every `privatedns` command a tenth of a second to load, and only
  // serve-arm without a valid certificate needs it.
  const { generate } = await import("selfsigned");
  const made = await generate([{ name: "commonName", value: "privatedns emulator (serve-arm)" }], {
    keyType: "ec", curve: "P-256", algorithm: "sha256",
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600_000),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: names.map((n) => (net.isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
    ],
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(keyPath, made.private, { mode: 0o600 });
  fs.writeFileSync(certPath, made.cert);
  return { certPath, keyPath, cert: made.cert, key: made.private };
}
