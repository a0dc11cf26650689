export { corpAccounts, corpAdminByUserid } from './corp-accounts';
export { registerCorpRoutes } from './corp.routes';
export { CorpService, ROOT_DEPARTMENT_ID, type NewCorp } from './corp.service';
export { RegistrationService, REGISTRATION_PURPOSE } from './registration.service';
export { creditCodeProblem, creditCodeCheckChar } from './credit-code';
export { isWorkingTime, nextWorkingTime, isWorkingDay } from './calendar';
export * as corpRepository from './corp.repository';
