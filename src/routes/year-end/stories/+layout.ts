import { addStoryMessages } from '$lib/components/stories/story-messages';

addStoryMessages();
