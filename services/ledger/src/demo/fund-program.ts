/** The keys fundProgram uses: an operator asks, two approvers approve when the amount needs it. */
export interface FundingOperators {
  readonly requesterKey: string;
  readonly approverKeys: readonly [string, string];
}

export interface FundProgramInput {
  readonly programId: string;
  readonly provider: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly reason: string;
}

/**
 * Tops a program's provider funding account up through the ledger's own API, exactly as an operator would: request,
 * then (above the dual-approval threshold) two approvals. Returns the posted entry id. For the demo and drills.
 */
export async function fundProgram(ledgerUrl: string, keys: FundingOperators, input: FundProgramInput): Promise<string> {
  const call = async (path: string, key: string, body: unknown) => {
    const res = await fetch(`${ledgerUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id: string; status: string; entry_id: string | null; detail?: string };
    if (!res.ok) throw new Error(`ledger ${path} answered ${res.status}: ${json.detail ?? ''}`);
    return json;
  };
  let request = await call('/v1/top-ups', keys.requesterKey, {
    program_id: input.programId,
    provider: input.provider,
    currency: input.currency,
    amount_minor: input.amountMinor.toString(),
    reason: input.reason,
  });
  for (const approverKey of keys.approverKeys) {
    if (request.status !== 'pending_approval') break;
    request = await call(`/v1/posting-requests/${request.id}/approve`, approverKey, {});
  }
  if (!request.entry_id) throw new Error(`top-up ${request.id} is ${request.status}, not posted`);
  return request.entry_id;
}
