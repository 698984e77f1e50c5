// Every route the probes must cover, read from the code rather than written out here: the wire
// API's RouteSpec tables (so a new wire route is probed automatically) and the BFF's
// app/api/**/route.ts files with the methods each exports.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WIRE_ROUTES } from '../../../lib/ironmq/routes';

export interface RouteTemplate {
  method: string;
  /** With `{name}` placeholders, e.g. /3/projects/{project}/queues/{queue}. */
  path: string;
}

export interface BffRouteTemplate extends RouteTemplate {
  /** The handler is wrapped with `{ isAdminOnly: true }`. */
  isAdminOnly: boolean;
  /** next-auth's own endpoints: not wrapped by lib/bff/route.ts (own CSRF, no session needed). */
  isAuthRoute: boolean;
}

/** Every (method, path) of both wire API versions, once each. */
export function wireRoutes(): RouteTemplate[] {
  const seen = new Map<string, RouteTemplate>();
  for (const spec of WIRE_ROUTES) seen.set(`${spec.method} ${spec.path}`, { method: spec.method, path: spec.path });
  return [...seen.values()];
}

const APP_API = path.resolve(__dirname, '../../../app/api');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** `[projectId]` → `{projectId}`, `[...nextauth]` → `{...nextauth}`. */
function urlTemplateOf(file: string): string {
  const relative = path.relative(APP_API, path.dirname(file)).split(path.sep);
  return `/api/${relative.map((part) => part.replace(/^\[(.*)\]$/, '{$1}')).join('/')}`;
}

/** The methods a route file exports, with whether each one's bffRoute call is admin-only. */
function exportedMethods(source: string): Array<{ method: string; isAdminOnly: boolean }> {
  const found: Array<{ method: string; isAdminOnly: boolean }> = [];
  const declarations = [...source.matchAll(/export const (\w+)\s*=/g)];
  for (const [i, match] of declarations.entries()) {
    if (!HTTP_METHODS.includes(match[1])) continue;
    const block = source.slice(match.index, declarations[i + 1]?.index ?? source.length);
    found.push({ method: match[1], isAdminOnly: /isAdminOnly:\s*true/.test(block) });
  }
  for (const list of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const alias of list[1].matchAll(/as\s+(\w+)/g)) {
      if (HTTP_METHODS.includes(alias[1])) found.push({ method: alias[1], isAdminOnly: false });
    }
  }
  return found;
}

/** Every BFF route file's exported methods. */
export function bffRoutes(): BffRouteTemplate[] {
  return routeFiles(APP_API).flatMap((file) => {
    const template = urlTemplateOf(file);
    return exportedMethods(readFileSync(file, 'utf8')).map(({ method, isAdminOnly }) => ({
      method,
      path: template,
      isAdminOnly,
      isAuthRoute: template.startsWith('/api/auth/'),
    }));
  });
}

/** The placeholder names of a template, e.g. ['project', 'queue']. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(?:\.\.\.)?(\w+)\}/g)].map((match) => match[1]);
}

/**
 * Fills a template; values are percent-encoded unless `isRaw` (the fuzzer's own path bytes).
 * `fallback` answers for placeholders `values` does not name, so a route added later still fills.
 */
export function fillPath(template: string, values: Record<string, string>, isRaw = false, fallback?: (name: string) => string): string {
  return template.replace(/\{(?:\.\.\.)?(\w+)\}/g, (_all, name: string) => {
    const value = values[name] ?? fallback?.(name);
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return isRaw ? value : encodeURIComponent(value);
  });
}
