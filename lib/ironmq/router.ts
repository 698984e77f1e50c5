// The wire API's route table: path templates such as `/3/projects/{project}/queues/{queue}`
// matched against percent-decoded path segments (§0.16: match the raw segment, then decode).
import type { IncomingMessage } from 'node:http';
import type { QueueEngine } from '../engine/engine';
import { badRequest } from './errors';
import type { JsonObject } from './fields';

export type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** Everything a handler gets: the authenticated project, path parameters and the parsed request. */
export interface Call {
  engine: QueueEngine;
  projectId: string;
  params: Record<string, string>;
  body: JsonObject;
  /** The unparsed body, for routes declared with `isRawBody`. */
  rawBody: Buffer;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Aborts when the client goes away, ending a long poll early. */
  signal: AbortSignal;
}

export interface Reply {
  status: number;
  body: unknown;
}

export type Handler = (call: Call) => Promise<Reply>;

export interface RouteSpec {
  method: Method;
  path: string;
  handler: Handler;
  /** The body is the payload itself (webhooks), not JSON. */
  isRawBody?: boolean;
}

interface CompiledRoute {
  /** A literal segment, or null where a parameter goes. */
  segments: Array<string | null>;
  paramNames: Array<string | null>;
  byMethod: Map<Method, RouteSpec>;
}

export type RouteMatch =
  | { kind: 'found'; route: RouteSpec; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

/** Splits a raw path into percent-decoded segments, keeping a trailing empty one (see `match`). */
export function pathSegments(rawPath: string): string[] {
  return rawPath
    .split('/')
    .slice(1)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        throw badRequest('Invalid percent-encoding in path');
      }
    });
}

/** How an empty parameter is named when a trailing slash leaves it blank. */
const PARAMETER_LABELS: Record<string, string> = {
  queue: 'Queue name',
  message: 'Message id',
  alert: 'Alert id',
  subscriber: 'Subscriber id',
};

export class Router {
  private routes: CompiledRoute[] = [];

  constructor(specs: RouteSpec[]) {
    for (const spec of specs) this.add(spec);
  }

  private add(spec: RouteSpec): void {
    const template = spec.path.split('/').slice(1);
    const segments = template.map((part) => (part.startsWith('{') ? null : part));
    const key = segments.map((s) => s ?? '{}').join('/');
    let route = this.routes.find((r) => r.segments.map((s) => s ?? '{}').join('/') === key);
    if (!route) {
      route = {
        segments,
        paramNames: template.map((part) => (part.startsWith('{') ? part.slice(1, -1) : null)),
        byMethod: new Map(),
      };
      this.routes.push(route);
    }
    route.byMethod.set(spec.method, spec);
  }

  /**
   * Finds the route for a method and decoded path. A trailing slash is tolerated (§1.1), except
   * where it would turn a DELETE of one item into a DELETE of its collection: `DELETE …/messages/`
   * is an empty message id (400), never a clear, and `…/alerts/` never deletes every alert.
   */
  match(method: Method, segments: string[]): RouteMatch {
    if (segments.length < 2 || segments.at(-1) !== '') return this.find(method, segments);
    if (method === 'DELETE') {
      const item = this.find(method, segments);
      if (item.kind === 'found') {
        const name = item.route.path.slice(item.route.path.lastIndexOf('{') + 1, -1);
        throw badRequest(`${PARAMETER_LABELS[name] ?? name} must not be empty`);
      }
    }
    return this.find(method, segments.slice(0, -1));
  }

  /** Routes are tried in declaration order, so literal paths declared first win over parameters. */
  private find(method: Method, segments: string[]): RouteMatch {
    let isPathKnown = false;
    for (const route of this.routes) {
      if (route.segments.length !== segments.length) continue;
      if (!route.segments.every((literal, i) => literal === null || literal === segments[i])) continue;
      const spec = route.byMethod.get(method);
      if (!spec) {
        isPathKnown = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, i) => {
        if (name) params[name] = segments[i];
      });
      return { kind: 'found', route: spec, params };
    }
    return isPathKnown ? { kind: 'wrong-method' } : { kind: 'none' };
  }
}
