// The bodies of the alert routes (§2.8, §5.1), shared by v3 and v1. Clients wrap the list in
// three ways: `{"alerts": [...]}` (node, ruby, java, .NET, v1 clients), python v3's
// `{"queue": {"alerts": [...]}}`, and no list at all (iron_go v1's "remove all").
import type { AlertInput } from '../engine/alerts';
import { badRequest } from './errors';
import { isObject, optionalArray, optionalObject, optionalString, type JsonObject } from './fields';
import { parseAlert } from './wire';

/** The alert list of a request in either wrapping; undefined when the body has none. */
function alertListOf(body: JsonObject): unknown[] | undefined {
  return optionalArray(body, 'alerts') ?? optionalArray(optionalObject(body, 'queue') ?? {}, 'alerts');
}

/** The alerts to add or to replace with; a body without a list is a 400. */
export function parseAlertList(body: JsonObject): AlertInput[] {
  const items = alertListOf(body);
  if (!items) throw badRequest('alerts must be an array');
  return items.map(parseAlert) as AlertInput[];
}

/**
 * The ids to delete: bare id strings or objects with an `id`. Undefined when the body has no
 * list, which means every alert.
 */
export function parseAlertIdList(body: JsonObject): string[] | undefined {
  return alertListOf(body)?.map((item) => {
    const id = typeof item === 'string' ? item : isObject(item) ? optionalString(item, 'id') : undefined;
    if (!id) throw badRequest('Each alert to delete must be an id or an object with an id');
    return id;
  });
}
