/**
 * The one spacing rule of the Chinese catalogue: a single space between a Chinese character and a Latin
 * letter or a digit that touch ("服务端进程 4242", "用 TCP 发送", "CPU1 上"); nothing between Chinese and
 * punctuation, and nothing else changes. Applied to every text the Chinese catalogue returns (catalogues.ts),
 * so a message written either way reads the same on screen.
 */
const hanThenLatin = /(\p{Script=Han})([A-Za-z0-9])/gu;
const latinThenHan = /([A-Za-z0-9])(\p{Script=Han})/gu;

export function spaceCjk(text: string): string {
	return text.replace(hanThenLatin, '$1 $2').replace(latinThenHan, '$1 $2');
}
