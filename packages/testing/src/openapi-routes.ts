import { readFileSync } from 'node:fs';
import type { Express } from 'express';
import { parse } from 'yaml';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every `METHOD /path` an express app serves, with `:param` written as OpenAPI's `{param}`, sorted. */
export function servedRoutes(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
  return stack
    .flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map(
            (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`,
          )
        : [],
    )
    .sort();
}

/** Every `METHOD /path` an OpenAPI document describes, sorted; compared with `servedRoutes` so docs cannot drift. */
export function documentedRoutes(openApiFile: string | URL): string[] {
  const doc = parse(readFileSync(openApiFile, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((key) => HTTP_METHODS.has(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}
