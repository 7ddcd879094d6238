/** One entry of a sanctions list: a blockchain address or a party's name. */
export interface SanctionsEntry {
  readonly list: string;
  readonly kind: 'address' | 'name';
  readonly value: string;
  /** Network the address is on; null = any network (and always null for names). */
  readonly network: string | null;
  /** Where the entry comes from (list id, programme, entry number): cited as evidence. */
  readonly reference: string;
}

/** What is screened: the destination address (null for bank accounts) and the beneficiary's legal name. */
export interface ScreeningSubject {
  readonly network: string | null;
  readonly address: string | null;
  readonly name: string | null;
}

/** One hit; `exact` matches deny, `partial` (a name that only overlaps) holds for review. */
export interface SanctionsMatch {
  readonly list: string;
  readonly reference: string;
  readonly matchedOn: 'address' | 'name';
  readonly strength: 'exact' | 'partial';
}

/** An index over the loaded lists; `version` identifies the exact list contents (it becomes the rule version). */
export interface SanctionsIndex {
  readonly version: string;
  readonly size: number;
  match(subject: ScreeningSubject): SanctionsMatch[];
}

// EVM addresses are case-insensitive (EIP-55 case is only a checksum); bech32 is lower-case by definition.
const CASE_INSENSITIVE_NETWORKS = new Set(['ethereum', 'polygon', 'base', 'arbitrum', 'bitcoin']);

/** The comparable form of an address on a network (EVM and bech32 lower-cased, others exact). */
export function normalizeAddress(address: string, network: string | null): string {
  const trimmed = address.trim();
  const looksEvm = /^0x[0-9a-fA-F]{40}$/.test(trimmed);
  return looksEvm || (network !== null && CASE_INSENSITIVE_NETWORKS.has(network)) ? trimmed.toLowerCase() : trimmed;
}

/** Name tokens: accents dropped, lower case, punctuation as separators, so "Doe, Jöhn" ≈ "john doe". */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Builds the lookup index; addresses by normalized value, names by token set. */
export function buildSanctionsIndex(entries: readonly SanctionsEntry[], version: string): SanctionsIndex {
  const addresses = new Map<string, SanctionsEntry[]>();
  const names: { entry: SanctionsEntry; tokens: Set<string> }[] = [];
  for (const entry of entries) {
    if (entry.kind === 'address') {
      const key = normalizeAddress(entry.value, entry.network);
      addresses.set(key, [...(addresses.get(key) ?? []), entry]);
    } else {
      const tokens = new Set(nameTokens(entry.value));
      if (tokens.size > 0) names.push({ entry, tokens });
    }
  }
  return {
    version,
    size: entries.length,
    match(subject) {
      const hits: SanctionsMatch[] = [];
      if (subject.address) {
        const candidates = addresses.get(normalizeAddress(subject.address, subject.network)) ?? [];
        for (const entry of candidates) {
          if (entry.network === null || entry.network === subject.network) {
            hits.push({ list: entry.list, reference: entry.reference, matchedOn: 'address', strength: 'exact' });
          }
        }
      }
      if (subject.name) {
        const subjectTokens = new Set(nameTokens(subject.name));
        for (const { entry, tokens } of names) {
          const strength = compareNames(tokens, subjectTokens);
          if (strength) hits.push({ list: entry.list, reference: entry.reference, matchedOn: 'name', strength });
        }
      }
      return hits;
    },
  };
}

/**
 * Same token set (any order) is exact; a multi-token list name contained in the subject's name (or the reverse) is
 * partial: a middle name or a dropped surname must reach a human, not be approved or denied by a machine.
 */
function compareNames(listed: Set<string>, subject: Set<string>): SanctionsMatch['strength'] | undefined {
  if (subject.size === 0) return undefined;
  const contains = (a: Set<string>, b: Set<string>) => [...b].every((t) => a.has(t));
  if (listed.size === subject.size && contains(listed, subject)) return 'exact';
  if (listed.size >= 2 && contains(subject, listed)) return 'partial';
  if (subject.size >= 2 && contains(listed, subject)) return 'partial';
  return undefined;
}
