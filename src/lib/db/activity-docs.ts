import type { RxDocument } from 'rxdb';
import { map, type OperatorFunction } from 'rxjs';
import { isActivity } from '../domain/events/activities';
import type { ActivitiesDoc, Activity } from '../domain/registry';
import { plainDoc, plainDocs } from './plain-docs';

/** The activities among a query's results of the `activities` collection; service items left out. */
export function activityDocs(): OperatorFunction<RxDocument<ActivitiesDoc>[], Activity[]> {
	return (docs$) =>
		docs$.pipe(
			plainDocs<ActivitiesDoc>(),
			map((docs) => docs.filter(isActivity))
		);
}

/** One document of the `activities` collection, when it is an activity. */
export function activityDoc(): OperatorFunction<RxDocument<ActivitiesDoc> | null, Activity | null> {
	return (doc$) =>
		doc$.pipe(
			plainDoc<ActivitiesDoc>(),
			map((doc) => (doc && isActivity(doc) ? doc : null))
		);
}
