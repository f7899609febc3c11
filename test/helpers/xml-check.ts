import {spawnSync} from 'node:child_process';

/** Why XML cannot be checked here (python3, whose expat is a strict XML 1.0 parser, is missing), or undefined. */
export function xmlCheckUnavailable(): string | undefined {
	return spawnSync('python3', ['--version']).status === 0 ? undefined : 'python3 is missing (its expat checks the XML)';
}

export interface ParsedSvg {
	/** The root element's name. */
	root: string;
	/** Every `<g class="lane">`: its data-* attributes. */
	lanes: Array<Record<string, string>>;
	/** All character data, in document order. */
	text: string;
}

const script = String.raw`
import json, sys
from xml.parsers import expat
data = sys.stdin.buffer.read()
parser = expat.ParserCreate('UTF-8')
state = {'root': None, 'lanes': [], 'text': []}
def start(name, attrs):
    if state['root'] is None: state['root'] = name
    if name == 'g' and attrs.get('class') == 'lane':
        state['lanes'].append({k[5:]: v for k, v in attrs.items() if k.startswith('data-')})
parser.StartElementHandler = start
parser.CharacterDataHandler = lambda text: state['text'].append(text)
try:
    parser.Parse(data, True)
except expat.ExpatError as error:
    print(json.dumps({'error': str(error)}))
    sys.exit(0)
print(json.dumps({'root': state['root'], 'lanes': state['lanes'], 'text': ''.join(state['text'])}))
`;

/** Parses `xml` with expat (not forgiving: any well-formedness error throws, with expat's words). */
export function parseSvg(xml: string | Buffer): ParsedSvg {
	const result = spawnSync('python3', ['-c', script], {input: xml, maxBuffer: 64 * 1024 * 1024});
	if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr.toString()}`);
	const parsed = JSON.parse(result.stdout.toString()) as ParsedSvg | {error: string};
	if ('error' in parsed) throw new Error(`not well-formed XML: ${parsed.error}`);
	return parsed;
}
