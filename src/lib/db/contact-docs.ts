import type { RxDocument } from 'rxdb';
import { map, type OperatorFunction } from 'rxjs';
import { isContact } from '../domain/people/contacts';
import type { Contact, ContactsDoc } from '../domain/registry';
import { plainDoc, plainDocs } from './plain-docs';

/** Members' contacts among a query's results of the `contacts` collection; residents left out. */
export function contactDocs(): OperatorFunction<RxDocument<ContactsDoc>[], Contact[]> {
	return (docs$) =>
		docs$.pipe(
			plainDocs<ContactsDoc>(),
			map((docs) => docs.filter(isContact))
		);
}

/** One document of the `contacts` collection, when it is a member's contact. */
export function contactDoc(): OperatorFunction<RxDocument<ContactsDoc> | null, Contact | null> {
	return (doc$) =>
		doc$.pipe(
			plainDoc<ContactsDoc>(),
			map((doc) => (doc && isContact(doc) ? doc : null))
		);
}
