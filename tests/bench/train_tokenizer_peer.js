// The Hugging Face side of train_tokenizer_compare.sh, through tokenizers' Node binding (Rust inside).
//
//   node train_tokenizer_peer.js train OUT_DIR CORPUS...
//       Trains a WordPiece model on BertNormalizer + BertPreTokenizer words with Tokenizer.train, which
//       in the Node binding always uses the default WordPieceTrainer (vocab_size 30000, min_frequency 0,
//       no alphabet limit, no special tokens: the binding exposes no trainer options). Writes
//       OUT_DIR/tokenizer.json and OUT_DIR/vocab.txt (its tokens in id order). Prints
//       {"seconds": training alone, "vocab_size"}.
//
//   node train_tokenizer_peer.js tokens-per-word HELD_OUT NAME=VOCAB_TXT...
//       For each vocab.txt: a BERT tokenizer (BertNormalizer lower-casing, BertPreTokenizer, WordPiece
//       with [UNK]) encodes every held-out line without special tokens. Prints one line per
//       vocabulary: {"vocab", "size", "words", "tokens", "tokens_per_word", "unk_per_word"}. Words are
//       the pre-tokenizer's words (distinct word ids), as BERT counts them.
//
//   node train_tokenizer_peer.js agree TOKENIZER_JSON HELD_OUT OUR_IDS_JSONL
//       Loads our tokenizer.json with Tokenizer.fromFile and compares its ids (special tokens added)
//       with bertwork-cli tokenize's, line by line. Prints {"lines", "identical", "first_mismatch"}.
//
// Needs require('tokenizers') to resolve (train_tokenizer_compare.sh sets NODE_PATH).
'use strict';
const { Tokenizer, WordPiece, bertNormalizer, bertPreTokenizer } = require('tokenizers');
const fs = require('fs');
const path = require('path');

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const BATCH = 1024;

function textLines(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function train(outDir, corpus) {
  const tok = new Tokenizer(WordPiece.empty());
  tok.setNormalizer(bertNormalizer());
  tok.setPreTokenizer(bertPreTokenizer());
  const start = process.hrtime.bigint();
  tok.train(corpus);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  fs.mkdirSync(outDir, { recursive: true });
  tok.save(path.join(outDir, 'tokenizer.json'));
  const tokens = [];
  for (const [token, id] of Object.entries(tok.getVocab(false))) tokens[id] = token;
  fs.writeFileSync(path.join(outDir, 'vocab.txt'), tokens.join('\n') + '\n');
  console.log(JSON.stringify({ seconds, vocab_size: tokens.length }));
}

async function tokensPerWord(heldOut, vocabs) {
  const lines = textLines(heldOut);
  for (const spec of vocabs) {
    const [name, file] = spec.split('=');
    let tokens = textLines(file);
    // A vocabulary without the special tokens (tokenizers' own training here) gets them in front.
    if (!tokens.includes('[UNK]')) tokens = [...SPECIALS, ...tokens];
    const withSpecials = path.join(path.dirname(file), `${path.basename(file, '.txt')}.for-tokens-per-word.txt`);
    fs.writeFileSync(withSpecials, tokens.join('\n') + '\n');
    const model = await WordPiece.fromFile(withSpecials, { unkToken: '[UNK]' });
    const tok = new Tokenizer(model);
    tok.setNormalizer(bertNormalizer());
    tok.setPreTokenizer(bertPreTokenizer());
    const unk = tok.tokenToId('[UNK]');
    let words = 0, count = 0, unks = 0;
    for (let i = 0; i < lines.length; i += BATCH) {
      for (const e of await tok.encodeBatch(lines.slice(i, i + BATCH), { addSpecialTokens: false })) {
        const ids = e.getIds();
        count += ids.length;
        unks += ids.filter((id) => id === unk).length;
        words += new Set(e.getWordIds().filter((w) => w !== undefined && w !== null)).size;
      }
    }
    fs.unlinkSync(withSpecials);
    console.log(JSON.stringify({ vocab: name, size: tokens.length, words, tokens: count,
                                 tokens_per_word: count / words, unk_per_word: unks / words }));
  }
}

async function agree(tokenizerJson, heldOut, ourIds) {
  const tok = Tokenizer.fromFile(tokenizerJson);
  const lines = textLines(heldOut);
  const ours = textLines(ourIds).map((l) => JSON.parse(l).input_ids);
  if (ours.length !== lines.length) throw new Error(`${ourIds}: ${ours.length} lines for ${lines.length} texts`);
  let identical = 0, firstMismatch = null;
  for (let i = 0; i < lines.length; i += BATCH) {
    const encodings = await tok.encodeBatch(lines.slice(i, i + BATCH), { addSpecialTokens: true });
    encodings.forEach((e, k) => {
      const theirs = e.getIds(), mine = ours[i + k];
      if (theirs.length === mine.length && theirs.every((v, j) => v === mine[j])) identical++;
      else if (firstMismatch === null) firstMismatch = { line: i + k + 1, ours: mine.slice(0, 20), theirs: theirs.slice(0, 20) };
    });
  }
  console.log(JSON.stringify({ lines: lines.length, identical, first_mismatch: firstMismatch,
                               vocab_size: tok.getVocabSize(true) }));
}

(async () => {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'train' && args.length >= 2) train(args[0], args.slice(1));
  else if (mode === 'tokens-per-word' && args.length >= 2) await tokensPerWord(args[0], args.slice(1));
  else if (mode === 'agree' && args.length === 3) await agree(...args);
  else {
    console.error('usage: node train_tokenizer_peer.js train OUT_DIR CORPUS... | tokens-per-word HELD_OUT NAME=VOCAB_TXT... |' +
                  ' agree TOKENIZER_JSON HELD_OUT OUR_IDS_JSONL');
    process.exit(2);
  }
})().catch((e) => {
  console.error(`train_tokenizer_peer.js: ${e.message}`);
  process.exit(1);
});
