import { describe, expect, it } from 'vitest';
import { checkNewPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy';

const who = { username: 'zhangwei', mobile: '13812345678', displayName: '张伟' };

describe('checkNewPassword', () => {
	it('accepts a long password of three kinds about nothing of the person', () => {
		expect(checkNewPassword('Harbour-Lantern-58', who)).toEqual([]);
		expect(checkNewPassword('春天的Lantern58', who)).toEqual([]);
	});

	it('counts length in characters and bounds it both ways', () => {
		expect(checkNewPassword('Ab3$efgh9', who)).toContain('too-short');
		expect(checkNewPassword('Ab3$efgh9k'.slice(0, MIN_PASSWORD_LENGTH), who)).toEqual([]);
		expect(checkNewPassword('Ab3$' + 'x'.repeat(MAX_PASSWORD_LENGTH), who)).toContain('too-long');
	});

	it('wants three of lower, upper, digits and others', () => {
		expect(checkNewPassword('harbourlantern', who)).toContain('too-few-kinds');
		expect(checkNewPassword('harbourlantern58', who)).toContain('too-few-kinds');
		expect(checkNewPassword('harbour lantern 58', who)).toEqual([]);
	});

	it('refuses the username, the name or the mobile inside', () => {
		expect(checkNewPassword('ZhangWei-2026!', who)).toContain('contains-username');
		expect(checkNewPassword('张伟Harbour-58', who)).toContain('contains-username');
		expect(checkNewPassword('Tel13812345678!', who)).toContain('contains-mobile');
		expect(checkNewPassword('Tel-1234-5678-x', who)).toContain('contains-mobile');
		expect(checkNewPassword('Tel-1234-5678-x', { username: 'zhangwei' })).toEqual([]);
	});

	it('refuses well-known passwords and runs', () => {
		expect(checkNewPassword('Password2026!', who)).toContain('common');
		expect(checkNewPassword('Qwerty-Lantern', who)).toContain('common');
		expect(checkNewPassword('Ab-123456789', who)).toContain('common');
		expect(checkNewPassword('Aaaaaaaa-9x', who)).toContain('common');
	});
});
