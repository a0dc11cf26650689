// The notifications module's request and response schemas.
export {};
