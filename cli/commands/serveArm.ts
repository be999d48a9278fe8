/**
 * `privatedns serve-arm`: Azure's ARM REST API for Private DNS (and what clients need around it) over the
 * store, for Azure's SDKs, az, Terraform azurerm and Pulumi azure-native. HTTPS with a certificate made beside the
 * store (printed, with how to trust it); `--http` for plain HTTP.
 */
import * as path from "path";
import { DEFAULT_ARM_PORT } from "../../arm/port";
import { Command, COMMON_HELP, str } from "../command";
import { EXIT, usageError } from "../exit";
import { storePath } from "../store";

function port(text: string | undefined): number {
  if (text === undefined) return DEFAULT_ARM_PORT;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw usageError(`serve-arm: '${text}' is not a port (0-65535)`);
  return n;
}

/** What to tell a person about trusting the certificate, per tool. */
export function trustHelp(certPath: string, url: string): string {
  return [
    `certificate: ${certPath} (self-signed; trust it in the client):`,
    `  node (Azure SDKs, Pulumi azure-native's Node side): export NODE_EXTRA_CA_CERTS=${certPath}`,
    `  az (Python): export REQUESTS_CA_BUNDLE=${certPath}   (or append it to az's certifi bundle)`,
    `  Terraform, Pulumi azure-native (Go): export SSL_CERT_FILE=${certPath}`,
    `  curl: curl --cacert ${certPath} ${url}/metadata/endpoints?api-version=2022-09-01`,
  ].join("\n");
}

export const serveArm: Command = {
  name: "serve-arm",
  summary: "serve Azure's ARM REST API (Private DNS, vnets, subnets, NICs, VMs, private endpoints) for Azure's own tools",
  help: `Usage: privatedns serve-arm [--port ${DEFAULT_ARM_PORT}] [--host 127.0.0.1] [--http] [--log]

Serves Azure Resource Manager's REST API over the store: Microsoft.Network/privateDnsZones (zones,
virtualNetworkLinks, record sets by type and ALL; api-versions 2018-09-01, 2020-01-01, 2020-06-01, 2024-06-01)
with Azure's long-running operations, etags and paging; resource groups; the network model registration works
from: Microsoft.Network/virtualNetworks (address space, subnets inline and as virtualNetworks/{vnet}/subnets),
networkInterfaces (ip configurations, Static or Dynamic addresses) and Microsoft.Compute/virtualMachines
(network profile, computer name, start / deallocate / powerOff, instance view); Microsoft.Network/privateEndpoints
and their privateDnsZoneGroups (SPEC P: the endpoint's address, the records its zone group writes); provider registration reads,
the /metadata/endpoints document and a token endpoint that accepts any client secret. Any bearer token is accepted. What a Pulumi stack deployed and what a client writes are one state.
  --port PORT     port (default ${DEFAULT_ARM_PORT}; 0 picks a free one)
  --host ADDRESS  address to bind (default 127.0.0.1; loopback unless told otherwise)
  --http          plain HTTP (the Azure SDKs send tokens over HTTPS only; for curl and tests)
  --log           one line per request on stderr
HTTPS uses a self-signed certificate made on first start and kept beside the store (arm-cert.pem, arm-key.pem);
the server prints its path and how to trust it. Prints the URL once listening (with --json: one JSON object
{url, certPath}), and runs until SIGINT or SIGTERM.

Example: privatedns serve-arm --port 8443
         curl --cacert .privatedns/arm-cert.pem https://127.0.0.1:8443/metadata/endpoints?api-version=2022-09-01

${COMMON_HELP}`,
  options: { host: { type: "string" }, port: { type: "string" }, http: { type: "boolean" }, log: { type: "boolean" } },
  positionals: [0, 0],
  async run({ values, db, json: asJson, io }) {
    const dbPath = path.resolve(storePath(db));
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    // Loaded here, not at the top: every other command would pay for it (as for serve).
    const { startArmServer } = await import("../../arm/server");
    const server = await startArmServer({
      dbPath, host: str(values.host) ?? "127.0.0.1", port: port(str(values.port)), http: values.http === true,
      onRequest: values.log ? (req, res) => io.err(`${req.method} ${req.path}?${req.query} ${res.status}\n`) : undefined,
    });
    io.out(asJson ? JSON.stringify({ url: server.url, certPath: server.certPath ?? null, db: dbPath }) + "\n"
      : `serving ARM on ${server.url} (store ${dbPath})\n${server.certPath ? trustHelp(server.certPath, server.url) + "\n" : ""}`);
    await stopped;
    await server.close();
    return EXIT.OK;
  },
};
