// WordPiece throughput of Hugging Face tokenizers (Rust) through its Node binding: the peer of
// compare.sh's tokenize-* lines, measured as ../shared/peer/node/tok_bench_rust.js measures its
// encodeBatch_1024 figure (every non-empty line of the corpus, batches of 1024 lines,
// addSpecialTokens false, one untimed pass first), with the binding's own cost made visible:
//
//   with_ids:    await encodeBatch(batch), then getIds() of every encoding (what tok_bench_rust.js
//                times): the ids are copied from Rust into JavaScript arrays;
//   no_readback: await encodeBatch(batch) alone: the encodings are made in Rust and wrapped, nothing
//                is read back. This is the same work as bench_tokenizer's (ours leaves its encodings
//                in C++ memory), so compare.sh takes this figure for the ratio.
// The two are timed alternately, REPEATS times each; what remains of the binding in no_readback
// (handing the strings to Rust, the promise, the wrappers) cannot be taken out from Node.
//
// usage: [TOKENIZERS_PARALLELISM=false] node tok_peer.js TOKENIZER_JSON CORPUS [REPEATS]
// TOKENIZERS_PARALLELISM=false keeps encodeBatch on one thread; else Rayon uses RAYON_NUM_THREADS.
// Prints one JSON line (MB = 10^6 bytes of UTF-8 text, the newline counted, as bench_tokenizer counts).
'use strict';
const { Tokenizer } = require('tokenizers');
const fs = require('fs');

const [tokenizerJson, corpus, repeatsArg] = process.argv.slice(2);
if (!tokenizerJson || !corpus) {
  console.error('usage: node tok_peer.js TOKENIZER_JSON CORPUS [REPEATS]');
  process.exit(2);
}
const repeats = Math.max(1, +(repeatsArg || 3));
const BATCH = 1024;

const median = (values) => {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function pass(tok, lines, readIds) {
  let tokens = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i += BATCH) {
    const encodings = await tok.encodeBatch(lines.slice(i, i + BATCH), { addSpecialTokens: false });
    if (readIds) for (const e of encodings) tokens += e.getIds().length;
    else tokens += encodings.length;  // touches the array only, not the encodings
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, tokens };
}

(async () => {
  const tok = Tokenizer.fromFile(tokenizerJson);
  const lines = fs.readFileSync(corpus, 'utf8').split('\n').filter((l) => l.length);
  const bytes = lines.reduce((sum, l) => sum + Buffer.byteLength(l, 'utf8') + 1, 0);
  const warm = await pass(tok, lines, true);  // untimed, as tok_bench_rust.js's first pass
  const withIds = [], noReadback = [];
  for (let r = 0; r < repeats; r++) {
    withIds.push((await pass(tok, lines, true)).seconds);
    noReadback.push((await pass(tok, lines, false)).seconds);
  }
  const mbps = (seconds) => bytes / 1e6 / seconds;
  const tWith = median(withIds), tNo = median(noReadback);
  console.log(JSON.stringify({
    bench: 'tokenizers-node (Rust)', pkg: 'tokenizers@' + require('tokenizers/package.json').version,
    corpus_bytes: bytes, lines: lines.length, tokens: warm.tokens, batch: BATCH, repeats,
    TOKENIZERS_PARALLELISM: process.env.TOKENIZERS_PARALLELISM || '(unset)',
    with_ids: { secs: withIds, MB_per_s_median: mbps(tWith), MB_per_s_min: mbps(Math.max(...withIds)),
                MB_per_s_max: mbps(Math.min(...withIds)), tok_per_s_median: warm.tokens / tWith },
    no_readback: { secs: noReadback, MB_per_s_median: mbps(tNo), MB_per_s_min: mbps(Math.max(...noReadback)),
                   MB_per_s_max: mbps(Math.min(...noReadback)), tok_per_s_median: warm.tokens / tNo },
    // Share of the with_ids time spent reading the ids back into JavaScript.
    readback_share: 1 - tNo / tWith,
  }));
})().catch((e) => {
  console.error(`tok_peer.js: ${e.message || e}`);
  process.exit(1);
});
