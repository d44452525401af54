import { addFeedbackMessages } from '$lib/components/feedback/feedback-messages';

addFeedbackMessages();
