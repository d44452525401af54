/** One member as `GET /api/roster/export` gives it (contract §4). */
export interface ExportedMember {
	name: string;
	branch: string;
	/** Masked (138****5678): the office and the admin work with the roster, not with the numbers. */
	mobile: string;
	/** "街道/社区"; empty when none is known. */
	residence: string;
	/** 党员, or 党员、支部书记. */
	roles: string;
	username: string;
	activated: boolean;
}
