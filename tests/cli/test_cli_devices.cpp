// Where a run trains, from the command line: --device and --bf16 on the CPU (the run records its
// device and precision), and clear errors, with nothing stored, for a GPU this machine lacks or
// fp16 on the CPU; inspect lists the devices a run could use.
#include "cli_runner.h"

#include "core/runtime/compute_device.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using nlohmann::json;
using namespace bw::clitest;

class TestCliDevices : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString db_, config_;

    QStringList trainArgs(const QString& out, const QStringList& extra) {
        return QStringList{"train", "--db", db_, "--init-config", config_, "--vocab",
                           fixture("vocab/bert-base-uncased/vocab.txt"), "--task", "sequence-classification",
                           "--dataset", "sst2", "--output-dir", out, "--per-device-train-batch-size", "16",
                           "--max-steps", "6", "--logging-steps", "2", "--max-seq-length", "32", "--save-strategy",
                           "no", "--evaluation-strategy", "no"} + extra;
    }

    size_t runCount() { return cli({"runs", "--db", db_, "list"}).lines().size(); }

private slots:
    void initTestCase() {
        db_ = tmp_.filePath("runs.db");
        config_ = tmp_.filePath("small.json");
        std::ofstream(config_.toStdString()) << R"({"hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2,
                                                    "intermediate_size": 64, "max_position_embeddings": 64})";
        QCOMPARE(cli({"import", "--db", db_, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")}).exit_code, 0);
    }

    void bf16OnTheCpuIsRecorded() {
        const Run r = cli(trainArgs(tmp_.filePath("bf16"), {"--device", "cpu", "--bf16"}));
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        QVERIFY2(r.err.find(" started on cpu: CPU (") != std::string::npos && r.err.find(" in bf16") != std::string::npos,
                 r.err.c_str());
        const int64_t run = r.lines().back()["run_id"].get<int64_t>();
        const json config = cli({"runs", "--db", db_, "show", QString::number(run)}).lines().at(0)["config"];
        QCOMPARE(config["compute"]["device"], json("cpu"));
        QCOMPARE(config["compute"]["precision"], json("bf16"));
        QCOMPARE(config["training_args"]["bf16"], json(true));
        QCOMPARE(config["training_args"]["device"], json("cpu"));
        const auto losses = cli({"runs", "--db", db_, "metrics", QString::number(run), "--name", "train/loss"}).lines();
        QCOMPARE(losses.size(), size_t{3});
        for (const json& point : losses) QVERIFY(std::isfinite(point["value"].get<double>()));
    }

    void impossibleDevicesAreRefusedBeforeAnythingIsStored() {
        if (bw::cudaAvailable()) QSKIP("this machine has a GPU");
        const size_t before = runCount();
        expectFailure(trainArgs(tmp_.filePath("gpu"), {"--device", "cuda"}), "device cuda asked for");
        expectFailure(trainArgs(tmp_.filePath("gpu1"), {"--device", "cuda:1"}), "device cuda:1 asked for");
        expectFailure(trainArgs(tmp_.filePath("fp16"), {"--fp16"}), "fp16 mixed precision needs a CUDA GPU");
        expectFailure(trainArgs(tmp_.filePath("typo"), {"--device", "gpu"}), "device must be auto, cpu, cuda or cuda:N");
        expectFailure(trainArgs(tmp_.filePath("both"), {"--use-cpu", "--device", "cuda"}), "use_cpu asks for the CPU");
        QCOMPARE(runCount(), before);
        expectFailure({"inspect", "--model", fixture("golden/seqcls"), "--device", "cuda"}, "device cuda asked for");
        expectFailure({"evaluate", "--model", fixture("golden/seqcls"), "--db", db_, "--dataset", "sst2", "--device", "cuda"},
                      "device cuda asked for");
    }

    void inspectNamesTheDevices() {
        const json info = cli({"inspect", "--model", fixture("golden/seqcls"), "--device", "cpu"}).lines().at(0);
        QCOMPARE(info["compute"]["device"], json("cpu"));
        QVERIFY(info["compute"]["devices"].is_array());
        QCOMPARE(info["compute"]["devices"][0]["device"], json("cpu"));
        QCOMPARE(info["compute"]["devices"].size(), bw::availableComputeDevices().size());
    }
};

QTEST_GUILESS_MAIN(TestCliDevices)
#include "test_cli_devices.moc"
