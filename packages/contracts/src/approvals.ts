// The approvals module's request and response schemas.
export {};
