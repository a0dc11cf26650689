export { corpAccounts, corpAdminByUserid, superAdminGuard } from './corp-accounts';
export { registerCorpRoutes } from './corp.routes';
export { CorpService, type NewCorp } from './corp.service';
export { RegistrationService, REGISTRATION_PURPOSE } from './registration.service';
export { creditCodeProblem, creditCodeCheckChar } from './credit-code';
export { isWorkingTime, nextWorkingTime, isWorkingDay } from './calendar';
