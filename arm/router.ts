/**
 * The route table: each resource module lists its paths (ARM's templates, `{name}` for a parameter) with a handler
 * per method. The first route whose template matches wins, so literal segments (`ALL`, `virtualNetworkLinks`)
 * are listed before the parameters they would otherwise match. Literal segments compare case-insensitively, as
 * ARM's do (`resourcegroups` and `resourceGroups` are both recorded).
 */
import { at, errors as E } from "../provider/emulator";
import { checkApiVersion } from "./apiVersions";
import { Context, Handler } from "./http";

export type Method = "GET" | "PUT" | "PATCH" | "DELETE" | "POST" | "HEAD";

export interface Route {
  /** ARM's path template, e.g. `/subscriptions/{subscriptionId}/providers/Microsoft.Network/privateDnsZones`. */
  path: string;
  /** The resource type the route serves, for messages and the api-version check. */
  type: string;
  /** api-versions served; undefined: any (or none, for the metadata and token endpoints). */
  apiVersions?: string[];
  /** Endpoints a client calls before it has a token (metadata, token, discovery). */
  anonymous?: boolean;
  methods: Partial<Record<Method, Handler>>;
}

/** A resource type as one module: its routes (issue 12 adds subnets, NICs and VMs as modules of their own). */
export interface ArmModule {
  name: string;
  routes: Route[];
}

interface Compiled { route: Route; segments: string[] }

const split = (path: string) => path.split("/").filter((s) => s.length > 0);

export class Router {
  private readonly routes: Compiled[];

  constructor(modules: ArmModule[]) {
    this.routes = modules.flatMap((m) => m.routes).map((route) => ({ route, segments: split(route.path) }));
  }

  /** The route for `path` and its parameters (percent-decoded), or undefined. */
  match(path: string): { route: Route; params: Record<string, string> } | undefined {
    const parts = split(path);
    for (const { route, segments } of this.routes) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = segments.every((seg, i) => {
        if (seg.startsWith("{")) return (params[seg.slice(1, -1)] = safeDecode(parts[i])) !== "";
        return seg.toLowerCase() === parts[i].toLowerCase();
      });
      if (ok) return { route, params };
    }
    return undefined;
  }

  /** The handler for a request, with the api-version checked; throws E2's refusals. */
  handler(method: string, path: string, apiVersion: string): { route: Route; params: Record<string, string>; handler: Handler } {
    const found = this.match(path);
    if (!found) throw notFoundFor(path, apiVersion);
    const handler = found.route.methods[method as Method] ?? (method === "HEAD" ? found.route.methods.GET : undefined);
    if (!handler) throw E.pathNotFound(at(path, "", path));
    if (found.route.apiVersions) {
      if (!apiVersion) throw E.apiVersionMissing(at(path, "api-version", apiVersion));
      checkApiVersion(apiVersion, found.route.apiVersions, found.route.type);
    }
    return { ...found, handler };
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** ARM's 404 for a path no module serves: an unknown type of a provider, else no such URI. */
function notFoundFor(path: string, apiVersion: string) {
  const m = /\/providers\/([^/]+)\/([^/]+)/i.exec(path);
  if (m) return E.routeNotFound(at(path, "", path), { type: m[2], namespace: m[1], apiVersion });
  return E.pathNotFound(at(path, "", path));
}

export type { Context, Handler };
