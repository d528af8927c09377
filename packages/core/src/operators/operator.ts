/**
 * A platform operator: configured by the deployment (OPERATORS), never registered
 * through the API, and separate from organization admins.
 */
export type Operator = { email: string; passwordHash: string };

/** The authenticated caller of an operator procedure. */
export type OperatorPrincipal = { email: string };
