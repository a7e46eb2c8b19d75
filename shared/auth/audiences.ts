/** Audiences keep each kind of token to its own routes: a ballot link never opens staff routes. */
export const audiences = { registration: 'registration-status', accreditation: 'accreditation-status', ballot: 'non-objection-ballot', member: 'steering-committee', candidate: 'steering-committee-candidacy', donor: 'trust-fund-inquiry' } as const;
