import { PROVIDER_NAME } from './key-set.ts';
import { SCHEME_NAMES, type SchemeName } from './schemes/scheme.ts';

/** A provider the gateway takes callbacks from, and the one scheme its callbacks must be signed with. */
export interface ProviderSpec {
  readonly name: string;
  readonly scheme: SchemeName;
}

/** `sandbox:x-pay,acme:standard-webhooks` → specs; returns the problem as a string when a part does not parse. */
export function parseProviders(text: string): ProviderSpec[] | string {
  const specs: ProviderSpec[] = [];
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [name = '', scheme = ''] = part.split(':', 2);
    if (!PROVIDER_NAME.test(name)) return `provider name "${name}" must match ${PROVIDER_NAME}`;
    if (!(SCHEME_NAMES as readonly string[]).includes(scheme)) {
      return `provider ${name}: scheme "${scheme}" is not one of ${SCHEME_NAMES.join(', ')}`;
    }
    if (specs.some((spec) => spec.name === name)) return `provider ${name} is listed twice`;
    specs.push({ name, scheme: scheme as SchemeName });
  }
  return specs.length > 0 ? specs : 'at least one provider is required';
}
