/** The authenticated caller of a protected operation. */
export type AdminPrincipal = {
  adminId: string;
  organizationId: string;
  sessionId: string;
};
