/** The roles a token can carry, least to most; each includes everything the ones before it may do. */
export const ROLES = ["viewer", "responder", "commander", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
