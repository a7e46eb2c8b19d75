/**
 * Finding and withholding link tokens (status, ballot, member, candidate and donor links) in what
 * the registry stores or shows. A link token is a JWT: a header and a payload that both start as
 * base64url JSON (`eyJ`), and a signature. Staff routes never show one (shared/http/handler.ts):
 * a ballot link is the Member State's vote, a status link the registrant's say over their own record.
 */
const linkTokenPattern = /eyJ[\w-]{2,}\.eyJ[\w-]{2,}\.[\w-]{16,}/g;

/** What a staff member reads where a link's token was: the link still shows where it leads. */
export const withheld = '[withheld]';

/** The text with every link token replaced by `[withheld]`. */
export const withoutLinkTokens = (text: string): string => text.replace(linkTokenPattern, withheld);

/** A copy of a JSON value with each link token in its strings replaced as `replace` says. */
export function replaceLinkTokens<T>(value: T, replace: (token: string) => string): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return node.replace(linkTokenPattern, replace);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, walk(inner)]));
    return node;
  };
  return walk(value) as T;
}

/** Every distinct link token in any string of a JSON value (a notification's data, say). */
export function linkTokensIn(value: unknown): string[] {
  const found = new Set<string>();
  replaceLinkTokens(value, (token) => (found.add(token), token));
  return [...found];
}
