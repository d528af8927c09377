/**
 * Passwords of 8+ characters that top public breach-frequency lists. Short ones are
 * already refused by length. Compared case-insensitively.
 */
export const commonPasswords: ReadonlySet<string> = new Set([
  '12345678', '123456789', '1234567890', '12345678910', '123123123', '11111111', '111111111', '00000000',
  '87654321', '98765432', '99999999', '88888888', '77777777', '66666666', '55555555', '44444444',
  '33333333', '22222222', '12121212', '11223344', '12344321', '147258369', '159753456', '123654789',
  '987654321', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', '1qazxsw2', 'zaq12wsx', 'qazwsxedc', 'q1w2e3r4',
  'q1w2e3r4t5', 'qwertyui', 'qwertyuiop', 'qwerty123', 'qwerty12', 'qwerty1234', 'asdfghjk', 'asdfghjkl',
  'zxcvbnm1', 'zxcvbnm123', 'password', 'password1', 'password12', 'password123', 'password1234', 'password!',
  'passw0rd', 'p@ssw0rd', 'p@ssword', 'pa55word', 'passwort', 'motdepasse', 'contraseña', 'iloveyou',
  'iloveyou1', 'iloveyou2', 'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'welcome123',
  'trustno1', 'superman', 'batman123', 'starwars', 'whatever', 'michelle', 'jennifer', 'jordan23',
  'computer', 'internet', 'corvette', 'mercedes', 'maverick', 'midnight', 'mustang1', 'sparky12',
  'charlie1', 'freedom1', 'letmein1', 'letmein123', 'master123', 'monkey123', 'shadow123', 'dragon123',
  'abc12345', 'abcd1234', 'abcdefgh', 'abcdef123', 'a1b2c3d4', 'aa123456', 'aaaaaaaa', 'admin123',
  'admin1234', 'administrator', 'changeme', 'changeme1', 'default1', 'secret123', 'test1234', 'testing123',
  'guest123', 'login123', 'user1234', 'root1234', 'welcome!', 'summer2024', 'summer2025', 'summer2026',
  'winter2024', 'winter2025', 'winter2026', 'spring2025', 'autumn2025', 'football1', 'baseball1', 'basketball',
  'liverpool', 'chelsea1', 'arsenal1', 'barcelona', 'pokemon1', 'minecraft', 'fortnite', 'gamer123',
  'hello123', 'hello1234', 'helloworld', 'loveme123', 'lovely123', 'babygirl', 'babygirl1', 'angel123',
  'butterfly', 'chocolate', 'cookie123', 'flower123', 'november', 'december', 'september', 'qwer1234',
  'asdf1234', 'zxcv1234', '1234qwer', '1234abcd', 'abc123456', 'a123456789', 'asd12345', 'qweasdzxc',
  'passpass', 'samsung1', 'iphone123', 'google123', 'linkedin', 'facebook', 'twitter1', 'microsoft',
  'orgsphere', 'orgsphere1', 'orgsphere123',
]);

export const isCommonPassword = (password: string): boolean => commonPasswords.has(password.toLowerCase());
