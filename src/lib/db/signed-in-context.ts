import type { Actor } from '../domain/access/roles';
import type { BaodaoDatabase } from './database';
import type { SessionInfo } from './session-client';

/**
 * What a screen gets once the device has a signed-in person and their replica open. Screens name
 * this type on their snippet: the linter cannot see the type a component's snippet receives.
 */
export interface SignedInContext {
	db: BaodaoDatabase;
	session: SessionInfo;
	actor: Actor;
}
