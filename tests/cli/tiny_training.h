#pragma once
// A training setup small enough to run dozens of times in one test: a 1,000-piece vocabulary
// trained on the SST-2 slice, a 2-layer BERT of width 32 without dropout (so that a resumed run can
// be compared bit for bit with an uninterrupted one) and a store holding the slice as `sst2` (train
// split only: no evaluation at the end).
#include "cli_runner.h"

#include <QDir>
#include <QString>
#include <QStringList>

#include <fstream>

namespace bw::clitest {

struct TinyTraining {
    QString db, vocab, config;

    // Writes the vocabulary, the config and the store under `dir`; the store in its own folder, so
    // that a test can fail the store's writes and not the checkpoints' (or the other way round).
    void prepare(const QString& dir) {
        QDir().mkpath(dir + "/store");
        db = dir + "/store/runs.db";
        config = dir + "/tiny.json";
        std::ofstream(config.toStdString()) << R"({"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2,
            "intermediate_size": 64, "max_position_embeddings": 64, "hidden_dropout_prob": 0,
            "attention_probs_dropout_prob": 0})";
        const Run tokenizer = cli({"train-tokenizer", "--corpus", fixture("data/sst2_train_head2000.tsv"), "--vocab-size",
                                   "1000", "--output", dir + "/tokenizer"});
        QVERIFY2(tokenizer.exit_code == 0, tokenizer.err.c_str());
        vocab = dir + "/tokenizer/vocab.txt";
        const Run imported = cli({"import", "--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head2000.tsv")});
        QVERIFY2(imported.exit_code == 0, imported.err.c_str());
    }

    // Checkpoints every `save_steps`, a loss point every step.
    QStringList trainArgs(const QString& output_dir, int max_steps, int save_steps) const {
        return {"train", "--db", db, "--init-config", config, "--vocab", vocab, "--task", "sequence-classification",
                "--dataset", "sst2", "--output-dir", output_dir, "--per-device-train-batch-size", "16",
                "--learning-rate", "1e-3", "--warmup-ratio", "0.1", "--max-seq-length", "32", "--seed", "3",
                "--max-steps", QString::number(max_steps), "--save-steps", QString::number(save_steps),
                "--logging-steps", "1", "--evaluation-strategy", "no"};
    }
};

}  // namespace bw::clitest
