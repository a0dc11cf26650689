// The payouts module's request and response schemas.
export {};
