/** One readiness item: passes or lists exactly what is missing (config paths or named facts). */
export interface ReadinessItem {
  id: string;
  title: string;
  pass: boolean;
  missing: string[];
}

/** Builds an item that passes exactly when nothing is missing. */
export function item(id: string, title: string, missing: string[]): ReadinessItem {
  return { id, title, pass: missing.length === 0, missing };
}
