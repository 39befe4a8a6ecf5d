// ONNX Runtime (onnxruntime-node, CPU) inference on an exported BERT classifier: the ONNX Runtime
// peer of compare.sh's infer-*-ort and latency-*-ort lines.
//
// It measures what ../shared/peer/node/ort_bench.js measures, the same way (that script is read-only,
// so this one adds what the comparison needs):
//   * session: intraOpNumThreads THREADS, interOpNumThreads 1, graphOptimizationLevel 'all', the CPU
//     execution provider (ONNX Runtime's best CPU setting: every graph fusion it knows);
//   * a check: the logits of MODEL.check.json's ids (export_onnx.py writes them) against PyTorch's;
//   * input: batch B x 128 tokens, ids 1000 + (i * 7919) % 29000, attention mask all ones, token
//     types 0; two untimed runs, then REPEATS repeats of STEPS runs each, the mean ms per run of
//     each repeat; batch 32 (sequences/s) and batch 1 (latency, ms).
// What it adds:
//   * --save-optimized FILE: a second session, with optimizedModelFilePath, writes the graph ONNX
//     Runtime actually runs after its optimizations, so that compare.sh can count the fused
//     Attention / SkipLayerNormalization / BiasGelu nodes (onnx_op_counts.py). The timed session
//     does not write anything.
//   * --only batch32|latency: time one of the two; --dump-only: write the optimized graph, time nothing.
//
// usage: node ort_peer.js MODEL.onnx [--threads N] [--batch-steps N] [--latency-steps N] [--repeats N]
//                         [--seq N] [--save-optimized FILE [--dump-only]] [--only batch32|latency] [--no-check]
// Prints one JSON line (times in ms, rates in sequences/s; *_median over the repeats).
'use strict';
const ort = require('onnxruntime-node');
const fs = require('fs');

function parseArgs(argv) {
  const a = { model: null, threads: 2, batchSteps: 3, latencySteps: 20, repeats: 3, seq: 128,
              saveOptimized: null, dumpOnly: false, only: null, check: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--threads') a.threads = +value();
    else if (flag === '--batch-steps') a.batchSteps = +value();
    else if (flag === '--latency-steps') a.latencySteps = +value();
    else if (flag === '--repeats') a.repeats = +value();
    else if (flag === '--seq') a.seq = +value();
    else if (flag === '--save-optimized') a.saveOptimized = value();
    else if (flag === '--only') a.only = value();
    else if (flag === '--no-check') a.check = false;
    else if (flag === '--dump-only') a.dumpOnly = true;
    else if (flag.startsWith('--')) throw new Error(`unknown option ${flag}`);
    else if (a.model === null) a.model = flag;
    else throw new Error(`unexpected argument ${flag}`);
  }
  if (!a.model) throw new Error('usage: node ort_peer.js MODEL.onnx [--threads N] [--batch-steps N] '
    + '[--latency-steps N] [--repeats N] [--seq N] [--save-optimized FILE [--dump-only]] [--only batch32|latency] [--no-check]');
  if (a.dumpOnly && !a.saveOptimized) throw new Error('--dump-only needs --save-optimized FILE');
  if (a.only !== null && a.only !== 'batch32' && a.only !== 'latency') throw new Error('--only takes batch32 or latency');
  return a;
}

function median(values) {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// input_ids, attention_mask and token_type_ids of a batch of B x S, as ort_bench.js makes them.
function feeds(B, S, ids) {
  const n = B * S;
  const inputIds = new BigInt64Array(n), mask = new BigInt64Array(n).fill(1n), types = new BigInt64Array(n);
  for (let i = 0; i < n; i++) inputIds[i] = ids ? BigInt(ids[i]) : BigInt(1000 + ((i * 7919) % 29000));
  return { input_ids: new ort.Tensor('int64', inputIds, [B, S]),
           attention_mask: new ort.Tensor('int64', mask, [B, S]),
           token_type_ids: new ort.Tensor('int64', types, [B, S]) };
}

function sessionOptions(threads) {
  return { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all',
           executionProviders: ['cpu'] };
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const out = { bench: 'onnxruntime-node', model: a.model, threads: a.threads, seq: a.seq,
                ort_version: require('onnxruntime-node/package.json').version,
                session: { ...sessionOptions(a.threads) } };

  if (a.saveOptimized) {
    // Optimizing again costs only the load time; the timed session below stays untouched.
    const t0 = Date.now();
    const dump = await ort.InferenceSession.create(a.model, { ...sessionOptions(a.threads),
                                                              optimizedModelFilePath: a.saveOptimized });
    if (dump.release) await dump.release();
    out.optimized_model = a.saveOptimized;
    out.optimized_model_ms = Date.now() - t0;
    if (a.dumpOnly) {
      console.log(JSON.stringify(out));
      return;
    }
  }

  const t0 = Date.now();
  const session = await ort.InferenceSession.create(a.model, sessionOptions(a.threads));
  out.load_ms = Date.now() - t0;

  const checkFile = a.model + '.check.json';
  if (a.check && fs.existsSync(checkFile)) {
    const check = JSON.parse(fs.readFileSync(checkFile, 'utf8'));
    const B = check.input_ids.length, S = check.input_ids[0].length;
    const result = await session.run(feeds(B, S, check.input_ids.flat()));
    const got = Array.from(result.logits.data), want = check.logits.flat();
    out.max_abs_diff_vs_torch = Math.max(...got.map((v, i) => Math.abs(v - want[i])));
  }

  async function time(B, steps) {
    const f = feeds(B, a.seq);
    await session.run(f);
    await session.run(f);
    const ms = [];
    for (let r = 0; r < a.repeats; r++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < steps; i++) await session.run(f);
      ms.push(Number(process.hrtime.bigint() - start) / 1e6 / steps);
    }
    return ms;
  }
  if (a.only !== 'latency') {
    const b = await time(32, a.batchSteps);
    out.batch32_ms = b;
    out.batch32_seq_per_s_median = 32000 / median(b);
    out.batch32_seq_per_s_min = 32000 / Math.max(...b);
    out.batch32_seq_per_s_max = 32000 / Math.min(...b);
  }
  if (a.only !== 'batch32') {
    const l = await time(1, a.latencySteps);
    out.latency_ms = l;
    out.latency_ms_median = median(l);
  }
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(`ort_peer.js: ${e.message || e}`);
  process.exit(1);
});
