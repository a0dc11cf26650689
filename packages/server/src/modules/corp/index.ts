export { registerCorpRoutes } from './corp.routes';
export { CorpService, type FounderAppointer, type NewCorp } from './corp.service';
export { RegistrationService, REGISTRATION_PURPOSE } from './registration.service';
export { creditCodeProblem, creditCodeCheckChar } from './credit-code';
export { addWorkingHours, isWorkingTime, nextWorkingTime, nextWorkingDayStart, isWorkingDay } from './calendar';
