// Does Bertwork's WordPiece tokenizer give what Hugging Face tokenizers (Rust, the npm package) gives,
// on real text? For every line of the chosen sources it compares, token by token, the input ids, the
// character offsets into the original line and the word ids of `bertwork-cli tokenize` (special tokens
// added, no truncation) with those of Tokenizer.encodeBatch on the same line (special tokens added,
// the tokenizer.json of the same vocabulary). tokenizer_agreement.sh sets it up and runs it.
//
// usage: node tok_agreement.js --cli BERTWORK_CLI --assets ASSETS_DIR --uncased-dir DIR
//        [--sources a,b,...] [--per-source N] [--show K] [--work DIR]
//   --uncased-dir    folder with bert-base-uncased's vocab.txt and tokenizer.json
//   --sources        default: every source below
//   --per-source N   the first N lines of each source (default: all)
//   --show K         how many mismatches to print in full (default 10)
// stdout: one {"mismatch": ...} line for each of the first K mismatches, then one summary line
// {"name": "tokenizer-agreement", "lines", "identical", "mismatched", "ids_mismatch", "offsets_mismatch",
//  "word_ids_mismatch", "by_source": {...}, "seconds"}. Exit status 0 when every line agrees, 1 if not.
//
// Sources (real text from ../shared/assets; a "line" is one text the tokenizer gets):
//   imdb-unsup        IMDB's 50,000 unlabelled reviews, one per line
//   imdb-train        IMDB train.tsv's review texts
//   sst2              SST-2 train, dev and test sentences
//   wikitext2         WikiText-2 test lines with any non-blank character, leading spaces kept
//   conll2003-sentences  CoNLL-2003 train/valid/test sentences, their words joined by spaces
//   conll2003-words   every CoNLL-2003 word on its own (how word-by-word token classification sees them)
//   chnsenticorp      ChnSentiCorp train and dev texts, bert-base-chinese vocabulary, no lower-casing
//                     (bertwork-cli --no-lower-case; for Hugging Face, the uncased tokenizer.json with this
//                     vocabulary and lowercase false, what BertTokenizerFast writes for bert-base-chinese)
'use strict';
const { Tokenizer } = require('tokenizers');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');

function parseArgs(argv) {
  const a = { cli: null, assets: null, uncasedDir: null, sources: null, perSource: 0,
              show: 10, work: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--cli') a.cli = value();
    else if (flag === '--assets') a.assets = value();
    else if (flag === '--uncased-dir') a.uncasedDir = value();
    else if (flag === '--sources') a.sources = value().split(',').filter((s) => s);
    else if (flag === '--per-source') a.perSource = +value();
    else if (flag === '--show') a.show = +value();
    else if (flag === '--work') a.work = value();
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!a.cli || !a.assets || !a.uncasedDir) throw new Error('--cli, --assets and --uncased-dir are required');
  return a;
}

// Lines of a file, without the trailing newline (and a carriage return before it).
function fileLines(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

// One column of a tab-separated file with a header row (no quoting, as these files are written).
function tsvColumn(file, column) {
  const [header, ...rows] = fileLines(file);
  const index = header.split('\t').indexOf(column);
  if (index < 0) throw new Error(`${file}: no column ${column}`);
  return rows.map((r) => r.split('\t')[index]).filter((t) => t !== undefined && t.trim() !== '');
}

function conll(assets, joinSentences) {
  const out = [];
  for (const split of ['train.txt', 'valid.txt', 'test.txt']) {
    let words = [];
    const flush = () => {
      if (words.length) out.push(words.join(' '));
      words = [];
    };
    for (const line of fileLines(path.join(assets, 'conll2003', split))) {
      const word = line.split(' ')[0];
      if (!line.trim()) flush();
      else if (word === '-DOCSTART-') flush();
      else if (joinSentences) words.push(word);
      else out.push(word);
    }
    flush();
  }
  return out;
}

const SOURCES = {
  'imdb-unsup': { tokenizer: 'uncased', lines: (d) => fileLines(path.join(d, 'imdb', 'unsup.txt')).filter((l) => l.trim()) },
  'imdb-train': { tokenizer: 'uncased', lines: (d) => tsvColumn(path.join(d, 'imdb', 'train.tsv'), 'text') },
  sst2: { tokenizer: 'uncased',
          lines: (d) => ['train.tsv', 'dev.tsv', 'test.tsv'].flatMap((f) => tsvColumn(path.join(d, 'sst2', f), 'sentence')) },
  wikitext2: { tokenizer: 'uncased', lines: (d) => fileLines(path.join(d, 'wikitext2', 'wiki.test.raw.txt')).filter((l) => l.trim()) },
  'conll2003-sentences': { tokenizer: 'uncased', lines: (d) => conll(d, true) },
  'conll2003-words': { tokenizer: 'uncased', lines: (d) => conll(d, false) },
  chnsenticorp: { tokenizer: 'chinese',
                  lines: (d) => ['train.tsv', 'dev.tsv'].flatMap((f) => tsvColumn(path.join(d, 'chnsenticorp', f), 'text_a')) },
};

// bert-base-chinese's tokenizer.json: the uncased one's pipeline (BertNormalizer, BertPreTokenizer,
// WordPiece, [CLS] A [SEP]) with the Chinese vocabulary, no lower-casing and no accent stripping,
// the special tokens' ids looked up in that vocabulary. Written into WORK; returns its path.
function chineseTokenizerJson(a) {
  const spec = JSON.parse(fs.readFileSync(path.join(a.uncasedDir, 'tokenizer.json'), 'utf8'));
  const tokens = fileLines(path.join(a.assets, 'vocab', 'bert-base-chinese', 'vocab.txt'));
  const vocab = {};
  // A token listed twice (bert-base-chinese has 53 such, "##0" to "##9" among them) takes its last line's
  // id, as transformers' load_vocab and tokenizers' WordPiece.from_file read vocab.txt.
  tokens.forEach((t, i) => { vocab[t] = i; });
  const id = (t) => {
    if (!(t in vocab)) throw new Error(`bert-base-chinese's vocabulary has no ${t}`);
    return vocab[t];
  };
  spec.model.vocab = vocab;
  spec.normalizer.lowercase = false;
  spec.normalizer.strip_accents = null;
  for (const added of spec.added_tokens) added.id = id(added.content);
  for (const [name, special] of Object.entries(spec.post_processor.special_tokens)) special.ids = [id(name)];
  const out = path.join(a.work, 'bert-base-chinese-tokenizer.json');
  fs.writeFileSync(out, JSON.stringify(spec));
  return out;
}

const sameArray = (x, y) => x.length === y.length && x.every((v, i) => v === y[i]);
const sameOffsets = (x, y) => x.length === y.length && x.every((v, i) => v[0] === y[i][0] && v[1] === y[i][1]);

function firstDifference(x, y, same) {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (!same(x[i], y[i])) return i;
  return n;
}

// Ours and theirs around the first position where FIELD differs.
function describe(item, field, ours, theirs) {
  const sameItem = field === 'offsets' ? (u, v) => u[0] === v[0] && u[1] === v[1] : (u, v) => u === v;
  const at = firstDifference(ours[field], theirs[field], sameItem);
  const window = (e) => {
    const from = Math.max(0, at - 3), to = at + 4;
    return { tokens: e.tokens.slice(from, to), input_ids: e.input_ids.slice(from, to),
             offsets: e.offsets.slice(from, to), word_ids: e.word_ids.slice(from, to) };
  };
  return { source: item.source, line: item.line, text: item.text.length > 300 ? item.text.slice(0, 300) + '...' : item.text,
           field, position: at, tokens_ours: ours.input_ids.length, tokens_theirs: theirs.input_ids.length,
           ours: window(ours), theirs: window(theirs) };
}

// Streams `bertwork-cli tokenize` over ITEMS and compares each line with TOKENIZER's encoding.
async function compareGroup(a, items, tokenizer, cliArgs, summary, shown) {
  const input = path.join(a.work, `lines-${process.pid}-${summary.groups++}.jsonl`);
  fs.writeFileSync(input, items.map((it) => JSON.stringify({ text: it.text })).join('\n') + '\n');
  const child = spawn(a.cli, ['tokenize', ...cliArgs, '--input', input], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('close', resolve));
  const rl = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });

  const BATCH = 1024;
  let batch = [], batchStart = -1, index = 0;
  for await (const line of rl) {
    if (index >= items.length) throw new Error('bertwork-cli tokenize printed more lines than it was given');
    if (index - batchStart >= batch.length || batchStart < 0) {
      batchStart = index;
      batch = await tokenizer.encodeBatch(items.slice(index, index + BATCH).map((it) => it.text), { addSpecialTokens: true });
    }
    const ours = JSON.parse(line);
    const e = batch[index - batchStart];
    const theirs = { tokens: e.getTokens(), input_ids: e.getIds(), offsets: e.getOffsets(),
                     word_ids: e.getWordIds().map((w) => (w === undefined ? null : w)) };
    const item = items[index];
    const s = summary.by_source[item.source];
    s.lines++;
    summary.lines++;
    const idsOk = sameArray(ours.input_ids, theirs.input_ids);
    const offsetsOk = sameOffsets(ours.offsets, theirs.offsets);
    const wordsOk = sameArray(ours.word_ids, theirs.word_ids);
    if (idsOk && offsetsOk && wordsOk) {
      s.identical++;
      summary.identical++;
    } else {
      s.mismatched++;
      summary.mismatched++;
      for (const [ok, key] of [[idsOk, 'ids_mismatch'], [offsetsOk, 'offsets_mismatch'], [wordsOk, 'word_ids_mismatch']]) {
        if (!ok) { s[key]++; summary[key]++; }
      }
      if (shown.length < a.show) {
        const field = !idsOk ? 'input_ids' : !offsetsOk ? 'offsets' : 'word_ids';
        shown.push(describe(item, field, ours, theirs));
        console.log(JSON.stringify({ mismatch: shown[shown.length - 1] }));
      }
    }
    summary.tokens += theirs.input_ids.length;
    index++;
  }
  const status = await exited;
  fs.unlinkSync(input);
  if (status !== 0) throw new Error(`bertwork-cli tokenize exited with ${status}: ${stderr.trim().split('\n').pop()}`);
  if (index !== items.length) throw new Error(`bertwork-cli tokenize printed ${index} lines for ${items.length} inputs`);
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  a.work = a.work || fs.mkdtempSync(path.join(os.tmpdir(), 'tok-agreement-'));
  const started = process.hrtime.bigint();
  const names = a.sources || Object.keys(SOURCES);
  for (const n of names) if (!SOURCES[n]) throw new Error(`unknown source ${n} (known: ${Object.keys(SOURCES).join(', ')})`);
  const summary = { name: 'tokenizer-agreement', lines: 0, identical: 0, mismatched: 0, ids_mismatch: 0,
                    offsets_mismatch: 0, word_ids_mismatch: 0, tokens: 0, groups: 0, by_source: {},
                    tokenizers_package: 'tokenizers@' + require('tokenizers/package.json').version,
                    compared: 'input_ids, offsets (characters of the original line) and word ids, special tokens included',
                    per_source_limit: a.perSource || null };
  const groups = { uncased: [], chinese: [] };
  for (const name of names) {
    let lines = SOURCES[name].lines(a.assets);
    const available = lines.length;
    if (a.perSource > 0) lines = lines.slice(0, a.perSource);
    summary.by_source[name] = { available, lines: 0, identical: 0, mismatched: 0, ids_mismatch: 0, offsets_mismatch: 0,
                                word_ids_mismatch: 0 };
    lines.forEach((text, i) => groups[SOURCES[name].tokenizer].push({ source: name, line: i + 1, text }));
  }
  const shown = [];
  const vocab = path.join(a.uncasedDir, 'vocab.txt');
  if (groups.uncased.length) {
    await compareGroup(a, groups.uncased, Tokenizer.fromFile(path.join(a.uncasedDir, 'tokenizer.json')),
                       ['--vocab', vocab], summary, shown);
  }
  if (groups.chinese.length) {
    const chineseVocab = path.join(a.assets, 'vocab', 'bert-base-chinese', 'vocab.txt');
    await compareGroup(a, groups.chinese, Tokenizer.fromFile(chineseTokenizerJson(a)),
                       ['--vocab', chineseVocab, '--no-lower-case'], summary, shown);
  }
  delete summary.groups;
  summary.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
  console.log(JSON.stringify(summary));
  process.exit(summary.mismatched === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`tok_agreement.js: ${e.message || e}`);
  process.exit(2);
});
