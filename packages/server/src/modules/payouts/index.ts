export { PayoutService, type PaidListener, type PayoutRequest } from './payout.service';
export { offlineBankFileProvider, type PayoutProvider, type PayoutLine, type BatchFile } from './provider';
export { registerPayoutRoutes } from './payouts.routes';
