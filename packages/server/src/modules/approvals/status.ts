/** sp_status 已删除: the applicant deleted the request; it leaves their 我发起的, admins still see it. */
export const DELETED = 7;

/** The statuses a request may be deleted from: 已驳回, 已撤销 and 通过后撤销 — ended, and nothing owed on it. */
export const DELETABLE_STATUSES: readonly number[] = [3, 4, 6];
