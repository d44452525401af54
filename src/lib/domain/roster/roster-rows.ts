import type { RosterTableName } from './roster-columns';

export type RosterProblemCode =
	| 'not-spreadsheet'
	| 'empty'
	| 'unknown-sheet'
	| 'unknown-column'
	| 'missing-column'
	| 'too-many-rows'
	| 'missing'
	| 'formula'
	| 'merged'
	| 'date-number'
	| 'too-long'
	| 'bad-mobile'
	| 'bad-id-number'
	| 'duplicate-mobile'
	| 'duplicate-id-number'
	| 'duplicate-community'
	| 'duplicate-branch'
	| 'unknown-community'
	| 'ambiguous-community'
	| 'unknown-branch'
	| 'unknown-role'
	| 'secretary-branch-missing'
	| 'two-secretaries'
	| 'mobile-taken';

export interface RosterProblem {
	/** Null: the file as a whole. */
	table: RosterTableName | null;
	/** The spreadsheet's row number (header = 1); null for a problem of a file or table. */
	row: number | null;
	/** The Chinese header, e.g. '手机号'. */
	column: string | null;
	code: RosterProblemCode;
	/** The offending value as shown; mobiles and ID numbers only masked. */
	value?: string;
}

export interface CommunityRow {
	row: number;
	city: string;
	district: string;
	street: string;
	community: string;
}

export interface BranchRow {
	row: number;
	name: string;
	linkedCommunity?: string;
}

export interface MemberRow {
	row: number;
	name: string;
	branch: string;
	mobile: string;
	idNumber?: string;
	residence?: string;
	secretary: boolean;
}

export interface Roster {
	communities: CommunityRow[];
	branches: BranchRow[];
	members: MemberRow[];
}

export interface RosterReading {
	roster: Roster;
	problems: RosterProblem[];
}

export function rosterRowCount(roster: Roster): number {
	return roster.communities.length + roster.branches.length + roster.members.length;
}
