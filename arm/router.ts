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

/** A template's segment: a parameter's name, or a literal in lower case. */
interface Segment { param?: string; literal?: string }
interface Compiled { route: Route; segments: Segment[] }

const split = (path: string) => path.split("/").filter((s) => s.length > 0);
const segmentOf = (seg: string): Segment => (seg.startsWith("{") ? { param: seg.slice(1, -1) } : { literal: seg.toLowerCase() });

export class Router {
  /** The routes by their number of segments, in table order: a path is only compared with templates of its length. */
  private readonly bySize = new Map<number, Compiled[]>();

  constructor(modules: ArmModule[]) {
    for (const route of modules.flatMap((m) => m.routes)) {
      const segments = split(route.path).map(segmentOf);
      const list = this.bySize.get(segments.length) ?? [];
      list.push({ route, segments });
      this.bySize.set(segments.length, list);
    }
  }

  /**
   * The route for `path` and its parameters (percent-decoded), or undefined. Literals are compared first (the path
   * lower-cased once); parameters are decoded for the route that matches, not for every candidate.
   */
  match(path: string): { route: Route; params: Record<string, string> } | undefined {
    const parts = split(path);
    const lower = parts.map((p) => p.toLowerCase());
    for (const { route, segments } of this.bySize.get(parts.length) ?? []) {
      if (!segments.every((seg, i) => seg.literal === undefined || seg.literal === lower[i])) continue;
      const params: Record<string, string> = {};
      const ok = segments.every((seg, i) => seg.param === undefined || (params[seg.param] = safeDecode(parts[i])) !== "");
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
