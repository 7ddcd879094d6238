import type { EntityManager } from '@sluice/persistence';
import { date, dateOrNull, placeholders, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { BeneficiaryRepository } from '../../app/ports.ts';
import type { KycRecord, KycStatus } from '../../domain/kyc.ts';
import type { TaxArtifact, TaxArtifactStatus } from '../../domain/tax-artifact.ts';

/** KYC status and tax artifacts per beneficiary (tax ids only masked). */
export function beneficiaryStore(em: EntityManager): BeneficiaryRepository {
  return {
    async kyc(beneficiaryId) {
      const rows = await query(em, 'select * from beneficiary_kyc where beneficiary_id = ?', [beneficiaryId]);
      return rows[0] ? toKyc(rows[0]) : null;
    },

    async kycMany(beneficiaryIds) {
      if (beneficiaryIds.length === 0) return new Map();
      const rows = await query(
        em,
        `select * from beneficiary_kyc where beneficiary_id in (${placeholders(beneficiaryIds.length, 1)})`,
        beneficiaryIds,
      );
      return new Map(rows.map((row) => [text(row.beneficiary_id), toKyc(row)]));
    },

    async taxArtifactsMany(beneficiaryIds) {
      const found = new Map<string, TaxArtifact[]>(beneficiaryIds.map((id) => [id, []]));
      if (beneficiaryIds.length === 0) return found;
      const rows = await query(
        em,
        `select * from tax_artifacts where beneficiary_id in (${placeholders(beneficiaryIds.length, 1)}) order by type`,
        beneficiaryIds,
      );
      for (const row of rows) found.get(text(row.beneficiary_id))?.push(toArtifact(row));
      return found;
    },

    async saveKyc(k: KycRecord) {
      await query(
        em,
        `insert into beneficiary_kyc (beneficiary_id, status, legal_name, country, expires_at, evidence_ref, updated_by, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (beneficiary_id) do update set status = excluded.status, legal_name = excluded.legal_name,
           country = excluded.country, expires_at = excluded.expires_at, evidence_ref = excluded.evidence_ref,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [k.beneficiaryId, k.status, k.legalName, k.country, k.expiresAt, k.evidenceRef, k.updatedBy, k.updatedAt],
      );
    },

    async taxArtifacts(beneficiaryId) {
      const rows = await query(em, 'select * from tax_artifacts where beneficiary_id = ? order by type', [
        beneficiaryId,
      ]);
      return rows.map(toArtifact);
    },

    async saveTaxArtifact(a) {
      // One current artifact per type: a replacement keeps the id of the first, so evidence references stay valid.
      const rows = await query(
        em,
        `insert into tax_artifacts (id, beneficiary_id, type, status, expires_at, masked_identifier, evidence_ref,
           recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (beneficiary_id, type) do update set status = excluded.status, expires_at = excluded.expires_at,
           masked_identifier = excluded.masked_identifier, evidence_ref = excluded.evidence_ref,
           recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
         returning *`,
        [
          a.id,
          a.beneficiaryId,
          a.type,
          a.status,
          a.expiresAt,
          a.maskedIdentifier,
          a.evidenceRef,
          a.recordedBy,
          a.recordedAt,
        ],
      );
      return toArtifact(rows[0]!);
    },
  };
}

function toKyc(row: Row): KycRecord {
  return {
    beneficiaryId: text(row.beneficiary_id),
    status: text(row.status) as KycStatus,
    legalName: textOrNull(row.legal_name),
    country: textOrNull(row.country),
    expiresAt: dateOrNull(row.expires_at),
    evidenceRef: text(row.evidence_ref),
    updatedBy: text(row.updated_by),
    updatedAt: date(row.updated_at),
  };
}

function toArtifact(row: Row): TaxArtifact {
  return {
    id: text(row.id),
    beneficiaryId: text(row.beneficiary_id),
    type: text(row.type),
    status: text(row.status) as TaxArtifactStatus,
    expiresAt: dateOrNull(row.expires_at),
    maskedIdentifier: textOrNull(row.masked_identifier),
    evidenceRef: text(row.evidence_ref),
    recordedBy: text(row.recorded_by),
    recordedAt: date(row.recorded_at),
  };
}
