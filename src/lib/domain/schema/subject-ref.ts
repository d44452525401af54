/** A document one kind's policy reads besides the one written, e.g. the report a review decides. */
export interface SubjectRef {
	collection: string;
	id: string;
}
