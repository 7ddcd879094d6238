import { problems } from '@sluice/service-kit';
import type { Express } from 'express';
import { z } from 'zod';
import { beneficiaryProfile, recordKyc, recordTaxArtifact } from '../../app/beneficiaries.ts';
import type { Reevaluated } from '../../app/reevaluate-holds.ts';
import { KYC_STATUSES } from '../../domain/kyc.ts';
import { TAX_ARTIFACT_STATUSES, TAX_ARTIFACT_TYPE } from '../../domain/tax-artifact.ts';
import { actorOf, requirePermission } from './auth.middleware.ts';
import { parseInput } from './body.ts';
import type { RouteDeps } from './holds.router.ts';
import { kycView, taxArtifactView } from './views.ts';

const BENEFICIARY_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const evidenceRef = z.string().trim().min(1).max(500);
const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const kycBody = z.strictObject({
  status: z.enum(KYC_STATUSES),
  legal_name: z.string().trim().min(1).max(200).nullable().default(null),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .default(null),
  expires_at: timestamp.nullable().default(null),
  evidence_ref: evidenceRef,
});
const taxBody = z.strictObject({
  status: z.enum(TAX_ARTIFACT_STATUSES),
  expires_at: timestamp.nullable().default(null),
  identifier: z.string().trim().min(4).max(64).nullable().default(null),
  evidence_ref: evidenceRef,
});

const reevaluatedView = (r: Reevaluated) => ({
  hold_id: r.holdId,
  active_before: r.activeBefore,
  active_after: r.activeAfter,
  cleared: r.cleared,
});

function beneficiaryId(raw: unknown): string {
  if (typeof raw !== 'string' || !BENEFICIARY_ID.test(raw)) throw problems.notFound('beneficiary');
  return raw;
}

/** `/v1/beneficiaries/:id`: KYC status and tax artifacts; a change re-evaluates the beneficiary's open holds. */
export function beneficiariesRoutes(app: Express, deps: RouteDeps): void {
  app.get('/v1/beneficiaries/:beneficiaryId', requirePermission('beneficiaries:read'), async (req, res) => {
    const id = beneficiaryId(req.params.beneficiaryId);
    const profile = await beneficiaryProfile(deps.transactions.read(), id);
    res.json({ ...kycView(id, profile.kyc), tax_artifacts: profile.taxArtifacts.map(taxArtifactView) });
  });

  app.put('/v1/beneficiaries/:beneficiaryId/kyc', requirePermission('beneficiaries:write'), async (req, res) => {
    const id = beneficiaryId(req.params.beneficiaryId);
    const body = parseInput(kycBody, req.body);
    const result = await deps.transactions.run((tx) =>
      recordKyc(tx, deps.compliance, actorOf(res).operatorId, id, {
        status: body.status,
        legalName: body.legal_name,
        country: body.country,
        expiresAt: body.expires_at,
        evidenceRef: body.evidence_ref,
      }),
    );
    res.json({ ...kycView(id, result.kyc), reevaluated_holds: result.reevaluated.map(reevaluatedView) });
  });

  app.put(
    '/v1/beneficiaries/:beneficiaryId/tax-artifacts/:type',
    requirePermission('beneficiaries:write'),
    async (req, res) => {
      const id = beneficiaryId(req.params.beneficiaryId);
      const type = req.params.type as string;
      if (!TAX_ARTIFACT_TYPE.test(type)) {
        throw problems.validation([
          { path: 'type', code: 'tax_artifact_type_invalid', message: 'e.g. W-9, W-8BEN, DAC8' },
        ]);
      }
      const body = parseInput(taxBody, req.body);
      const result = await deps.transactions.run((tx) =>
        recordTaxArtifact(tx, deps.compliance, actorOf(res).operatorId, id, type, {
          status: body.status,
          expiresAt: body.expires_at,
          identifier: body.identifier,
          evidenceRef: body.evidence_ref,
        }),
      );
      res.json({ ...taxArtifactView(result.artifact), reevaluated_holds: result.reevaluated.map(reevaluatedView) });
    },
  );
}
