export { PayoutService, type PaidListener, type PayoutRequest } from './payout.service';
export { registerPayoutRoutes } from './payouts.routes';
