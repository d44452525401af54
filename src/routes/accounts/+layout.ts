import { addAccountMessages } from '$lib/components/accounts/account-messages';

// Accounts, roles and the audit log bring their messages with these screens.
addAccountMessages();
