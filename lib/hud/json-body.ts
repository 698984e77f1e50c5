// Message bodies that may be JSON: parse for validation and pretty display, never for execution.

export type JsonCheck = { isValid: true; pretty: string } | { isValid: false; error: string };

export function checkJson(text: string): JsonCheck {
  try {
    return { isValid: true, pretty: JSON.stringify(JSON.parse(text), null, 2) };
  } catch (error) {
    return { isValid: false, error: error instanceof Error ? error.message : 'Not JSON' };
  }
}

/** The body indented when it is a JSON object or array, or null when it is not structured JSON. */
export function prettyJsonOrNull(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  const check = checkJson(trimmed);
  return check.isValid ? check.pretty : null;
}
