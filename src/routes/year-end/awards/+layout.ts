import { addAwardMessages } from '$lib/components/awards/award-messages';

addAwardMessages();
