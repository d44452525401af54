import { addAccountMessages } from '$lib/components/accounts/account-messages';

// Activation brings its messages; the page works without a session (the root layout lets it).
addAccountMessages();
