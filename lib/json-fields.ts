// Reading typed fields out of untrusted JSON, for both HTTP boundaries: the wire API and the
// HUD's BFF each make one reader with their own error and their own rule for `null`. A field of
// the wrong type is that boundary's 400; unknown fields are never looked at.

export type JsonObject = Record<string, unknown>;

export interface FieldReaderOptions {
  /** The boundary's bad-request error for a sentence saying which field is wrong. */
  toError: (detail: string) => Error;
  /**
   * True when `null` means "absent" (the wire API: clients send `"ids": null` or `null` for
   * unset fields, §0.13); false when it is a value of the wrong type (the BFF, whose only
   * client is the HUD, where a null is a bug to report, not a default to guess).
   */
  isNullAbsent: boolean;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type FieldReader = ReturnType<typeof fieldReader>;

export function fieldReader({ toError, isNullAbsent }: FieldReaderOptions) {
  const isAbsent = (value: unknown) => value === undefined || (isNullAbsent && value === null);

  /** The field when present and accepted by `isValid`, else the boundary's error naming `expected`. */
  function typed<T>(source: JsonObject, key: string, isValid: (value: unknown) => boolean, expected: string): T | undefined {
    const value = source[key];
    if (isAbsent(value)) return undefined;
    if (!isValid(value)) throw toError(`${key} must be ${expected}`);
    return value as T;
  }

  const reader = {
    object: (source: JsonObject, key: string) => typed<JsonObject>(source, key, isObject, 'an object'),
    array: (source: JsonObject, key: string) => typed<unknown[]>(source, key, Array.isArray, 'an array'),
    string: (source: JsonObject, key: string) => typed<string>(source, key, (v) => typeof v === 'string', 'a string'),
    boolean: (source: JsonObject, key: string) => typed<boolean>(source, key, (v) => typeof v === 'boolean', 'true or false'),
    /** Integers only, and only those a double holds exactly. */
    integer: (source: JsonObject, key: string) => typed<number>(source, key, Number.isSafeInteger, 'an integer'),

    requiredString(source: JsonObject, key: string): string {
      const value = reader.string(source, key);
      if (value === undefined) throw toError(`${key} must be a string`);
      return value;
    },

    /** A string→string map such as subscriber headers or push_headers. */
    stringMap(source: JsonObject, key: string): Record<string, string> | undefined {
      const value = reader.object(source, key);
      if (value === undefined) return undefined;
      for (const [name, item] of Object.entries(value)) {
        if (typeof item !== 'string') throw toError(`${key}.${name} must be a string`);
      }
      return value as Record<string, string>;
    },
  };
  return reader;
}
