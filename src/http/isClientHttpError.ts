// Errors express and its body parsers raise for a request they cannot read (a malformed URI, say) carry a 4xx
// status; each dialect renders them as its own "bad request".

export function isClientHttpError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
