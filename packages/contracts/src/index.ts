export * from './common';
export * from './errors';
export * from './calendar';
export * from './corp';
export * from './auth';
export * from './audit';
export * from './permissions';
export * from './reasons';
