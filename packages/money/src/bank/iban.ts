import { ValidationErrorsIBAN, validateIBAN } from 'ibantools';
import { accept, type DestinationResult, precheck, refuse } from '../destination-result.ts';

/** ISO 13616: an IBAN has at most 34 characters. */
const IBAN_MAX_CHARS = 34;
const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/;

/**
 * Validates an IBAN: country known, per-country length and BBAN format, ISO 7064 mod-97 check digits and, for
 * countries that have them, national check digits (all via `ibantools`). Spaces of the printed form are allowed
 * and lower case is upper-cased; `normalized` is the electronic form (`GB82WEST12345698765432`).
 * Swiss/Liechtenstein QR-IBANs are refused: they only accept QR-bill payments with a reference, not payouts.
 */
export function validateIban(iban: unknown): DestinationResult {
  const text = precheck(iban);
  if (typeof text !== 'string') return text;
  const electronic = text.replace(/ /g, '').toUpperCase();
  if (electronic.length > IBAN_MAX_CHARS) {
    return refuse('address_length_invalid', `IBAN is longer than ${IBAN_MAX_CHARS} characters`);
  }
  if (!IBAN_SHAPE.test(electronic)) {
    return refuse('address_format_invalid', 'IBAN must be a country code, 2 check digits and letters or digits');
  }
  const { valid, errorCodes } = validateIBAN(electronic, { allowQRIBAN: false });
  if (valid) return accept(electronic);
  // The first code is the most fundamental one (ibantools checks country, then length, format, checksums).
  switch (errorCodes[0]) {
    case ValidationErrorsIBAN.NoIBANCountry:
      return refuse('country_unsupported', `IBAN country ${electronic.slice(0, 2)} does not use IBANs`);
    case ValidationErrorsIBAN.WrongBBANLength:
      return refuse('address_length_invalid', `IBAN has the wrong length for ${electronic.slice(0, 2)}`);
    case ValidationErrorsIBAN.QRIBANNotAllowed:
      return refuse('address_unsupported', 'QR-IBANs only accept QR-bill payments');
    case ValidationErrorsIBAN.WrongIBANChecksum:
    case ValidationErrorsIBAN.WrongAccountBankBranchChecksum:
      return refuse('address_checksum_invalid', 'IBAN check digits do not match');
    default:
      return refuse('address_format_invalid', `IBAN account format is invalid for ${electronic.slice(0, 2)}`);
  }
}
