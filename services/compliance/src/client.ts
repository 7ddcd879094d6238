/**
 * A small typed client of the compliance operator API, for the CLI, the demo and system tests (they must not
 * import compliance internals). Every method returns the HTTP status with the parsed JSON body; nothing throws on
 * a 4xx, so a caller can show refusals (e.g. `same_approver`) as part of a story.
 */
export interface ClientResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface ComplianceClient {
  /** Records verified KYC (with the legal name screened against sanctions lists). */
  verifyKyc(beneficiaryId: string, legalName: string, evidenceRef?: string): Promise<ClientResponse>;
  /** Records a present tax artifact (e.g. W-9); the identifier is masked by the service. */
  recordTaxArtifact(
    beneficiaryId: string,
    type: string,
    identifier: string,
    evidenceRef?: string,
  ): Promise<ClientResponse>;
  /** Holds matching the filter (query parameters of GET /v1/holds). */
  holds(filter?: Record<string, string>): Promise<ClientResponse>;
  release(holdId: string, note: string, evidenceRefs?: readonly string[]): Promise<ClientResponse>;
  deny(holdId: string, note: string, evidenceRefs?: readonly string[]): Promise<ClientResponse>;
  decision(payoutId: string): Promise<ClientResponse>;
  readiness(programId: string): Promise<ClientResponse>;
}

/** A client acting as the operator whose token is given (`op_…`). */
export function complianceClient(baseUrl: string, token: string): ComplianceClient {
  const call = async (method: string, path: string, body?: unknown): Promise<ClientResponse> => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const id = encodeURIComponent;
  return {
    verifyKyc: (beneficiaryId, legalName, evidenceRef = 'sandbox-kyc/auto') =>
      call('PUT', `/v1/beneficiaries/${id(beneficiaryId)}/kyc`, {
        status: 'verified',
        legal_name: legalName,
        evidence_ref: evidenceRef,
      }),
    recordTaxArtifact: (beneficiaryId, type, identifier, evidenceRef = 'sandbox-docs/auto') =>
      call('PUT', `/v1/beneficiaries/${id(beneficiaryId)}/tax-artifacts/${id(type)}`, {
        status: 'present',
        identifier,
        evidence_ref: evidenceRef,
      }),
    holds: (filter = {}) => call('GET', `/v1/holds?${new URLSearchParams(filter)}`),
    release: (holdId, note, evidenceRefs = []) =>
      call('POST', `/v1/holds/${id(holdId)}/release`, { note, evidence_refs: evidenceRefs }),
    deny: (holdId, note, evidenceRefs = []) =>
      call('POST', `/v1/holds/${id(holdId)}/deny`, { note, evidence_refs: evidenceRefs }),
    decision: (payoutId) => call('GET', `/v1/payouts/${id(payoutId)}/decision`),
    readiness: (programId) => call('GET', `/v1/programs/${id(programId)}/readiness`),
  };
}
