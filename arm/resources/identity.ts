/**
 * What a client configured with this server as its cloud needs before its first ARM call: the
 * `/metadata/endpoints` document (object form for api-versions before 2022-09-01, a list of clouds from then on,
 * as Azure serves them), a token endpoint that accepts any client secret (v1 and v2 paths), and the OpenID
 * discovery documents MSAL reads. Tokens are unsigned JWTs with the claims clients look into (oid, tid, exp);
 * the server itself accepts any bearer token.
 */
import { randomUUID } from "crypto";
import { Context, json } from "../http";
import { ArmModule } from "../router";
import { TENANT } from "./subscriptions";

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

function token(ctx: Context) {
  const now = Math.floor(Date.now() / 1000);
  const form = new URLSearchParams(typeof ctx.req.body === "string" ? ctx.req.body : "");
  const clientId = form.get("client_id") ?? randomUUID();
  const claims = {
    aud: "https://management.azure.com/", iss: `${ctx.req.origin}/${TENANT}/`, iat: now, nbf: now, exp: now + 3600,
    appid: clientId, azp: clientId, oid: clientId, sub: clientId, tid: TENANT, ver: "1.0",
  };
  const accessToken = `${b64url({ typ: "JWT", alg: "none" })}.${b64url(claims)}.`;
  return json(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, expires_on: String(now + 3599), resource: claims.aud, access_token: accessToken });
}

function openid(ctx: Context) {
  const base = `${ctx.req.origin}/${ctx.params.tenant}`;
  return json(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`, authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    issuer: `${ctx.req.origin}/${TENANT}/v2.0`, jwks_uri: `${base}/discovery/v2.0/keys`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    response_types_supported: ["code", "id_token", "token"], subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"], tenant_region_scope: "WW",
  });
}

function instanceDiscovery(ctx: Context) {
  const host = new URL(ctx.req.origin).host;
  return json(200, {
    tenant_discovery_endpoint: `${ctx.req.origin}/common/v2.0/.well-known/openid-configuration`, "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

/** The cloud this server is: its ARM endpoint and its login endpoint are itself. */
function cloud(origin: string) {
  const self = `${origin}/`;
  return {
    name: "PrivateDnsEmulator", resourceManager: self, portal: self, gallery: self, graph: self, graphAudience: self,
    microsoftGraphResourceId: self, activeDirectoryDataLake: self, batch: self, media: self, sqlManagement: self,
    vmImageAliasDoc: `${origin}/metadata/vmImageAliasDoc`,
    authentication: { loginEndpoint: self, audiences: ["https://management.core.windows.net/", "https://management.azure.com/", self], tenant: "common", identityProvider: "AAD" },
    suffixes: { storage: "core.windows.net", keyVaultDns: "vault.azure.net", acrLoginServer: "azurecr.io", sqlServerHostname: "database.windows.net" },
  };
}

/** The pre-2022 object form (az, older SDKs) has its own key names. */
function legacy(origin: string) {
  const c = cloud(origin);
  return {
    galleryEndpoint: c.gallery, graphEndpoint: c.graph, portalEndpoint: c.portal, resourceManager: c.resourceManager,
    authentication: { loginEndpoint: c.authentication.loginEndpoint, audiences: c.authentication.audiences },
    name: c.name, suffixes: c.suffixes,
  };
}

function endpoints(ctx: Context) {
  const v = ctx.req.apiVersion;
  return json(200, v && v >= "2022-09-01" ? [cloud(ctx.req.origin)] : legacy(ctx.req.origin));
}

export const identity: ArmModule = {
  name: "identity",
  routes: [
    { path: "/metadata/endpoints", type: "metadata", anonymous: true, methods: { GET: endpoints } },
    { path: "/{tenant}/oauth2/token", type: "token", anonymous: true, methods: { POST: token } },
    { path: "/{tenant}/oauth2/v2.0/token", type: "token", anonymous: true, methods: { POST: token } },
    { path: "/{tenant}/v2.0/.well-known/openid-configuration", type: "openid", anonymous: true, methods: { GET: openid } },
    { path: "/{tenant}/.well-known/openid-configuration", type: "openid", anonymous: true, methods: { GET: openid } },
    { path: "/common/discovery/instance", type: "openid", anonymous: true, methods: { GET: instanceDiscovery } },
  ],
};
