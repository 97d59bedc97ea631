// What makes a value unfit to store or send whatever its field: nesting or size past any record's, or
// text that is not Unicode. The server refuses such a value (SYNC.md); the device refuses it before it
// queues it, so a change it cannot send is never made.

/** Deeper than any field's schema goes (a template item's question text is three levels down). */
const MAX_DEPTH = 16;
/** More values than any record holds (a template of 100 items is about 1,500). */
const MAX_NODES = 10_000;
/** A UTF-16 half that is not part of a pair: not Unicode, and not kept as sent by SQLite or a UTF-8 body. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * What makes a value unfit whatever its field: nesting or size past any record's, or text that is not
 * Unicode. Walks without recursion, so no value can overflow the stack here.
 */
export function wireValueProblem(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return 'text with a lone surrogate is not valid Unicode';
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) return `nested more than ${MAX_DEPTH} deep`;
    const keys = Object.keys(v);
    nodes += keys.length;
    if (nodes > MAX_NODES) return `more than ${MAX_NODES} values`;
    for (const k of keys) {
      if (LONE_SURROGATE.test(k)) return 'a key with a lone surrogate is not valid Unicode';
      stack.push([(v as Record<string, unknown>)[k], depth + 1]);
    }
  }
  return undefined;
}
