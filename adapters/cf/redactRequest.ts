// The request body as Cloud Controller records it in audit events (v2 and v3 alike): broker parameters and
// user-provided credentials replaced by markers.
export function redactRequest(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  if ('parameters' in copy) copy.parameters = '[PRIVATE DATA HIDDEN]';
  if ('credentials' in copy) copy.credentials = '[REDACTED]';
  return copy;
}
