// Structured logs. Callers pass ids, codes and counts only: never an event or a document, which may hold
// ID card numbers, phones or bank cards.
type Fields = Record<string, string | number | boolean | null | undefined>;

export function logInfo(message: string, fields: Fields = {}): void {
  console.log(JSON.stringify({ level: 'info', message, ...fields }));
}

export function logError(message: string, fields: Fields, error?: unknown): void {
  const stack = error instanceof Error ? error.stack : error === undefined ? undefined : String(error);
  console.error(JSON.stringify({ level: 'error', message, ...fields, stack }));
}
