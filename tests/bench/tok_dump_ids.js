// Hugging Face tokenizers' (Rust) ids for every non-empty line of a corpus, written as
// bench_tokenizer --dump-ids writes ours (space-separated ids, one line per input line, no special
// tokens), so that compare.sh can check that both give the very same ids.
// usage: node tok_dump_ids.js TOKENIZER_JSON CORPUS OUT   (prints {"lines": N, "tokens": T})
const { Tokenizer } = require('tokenizers');
const fs = require('fs');

const [tokenizerJson, corpus, out] = process.argv.slice(2);
(async () => {
  const tok = Tokenizer.fromFile(tokenizerJson);
  const lines = fs.readFileSync(corpus, 'utf8').split('\n').filter((l) => l.length);
  const fd = fs.openSync(out, 'w');
  let tokens = 0;
  for (let i = 0; i < lines.length; i += 1024) {
    const encodings = await tok.encodeBatch(lines.slice(i, i + 1024), { addSpecialTokens: false });
    const ids = encodings.map((e) => e.getIds());
    for (const x of ids) tokens += x.length;
    fs.writeSync(fd, ids.map((x) => x.join(' ')).join('\n') + '\n');
  }
  fs.closeSync(fd);
  console.log(JSON.stringify({ lines: lines.length, tokens }));
})();
