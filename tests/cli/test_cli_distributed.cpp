// Data-parallel training as a user runs it, with real processes and real Gloo over the loopback:
// two ranks (--nproc-per-node 2, per-device batch B) train exactly what one process trains at
// batch 2B (every logged figure and the final metrics, for classification with gradient
// accumulation and a last batch that leaves one rank empty-handed, token classification with class
// weights, and pretraining); torchrun's
// ranks train as the CLI's own; a rank killed with SIGKILL stops the other at
// once, leaves the store whole and the run interrupted, and the run resumes on two ranks to the
// same curve and metrics as an uninterrupted one; bad torchrun environments are clear errors.
#include "cli_runner.h"

#include "core/store/experiment_store.h"

#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

using bw::clitest::cli;
using bw::clitest::fixture;
using nlohmann::json;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// The first `rows` data lines of a TSV fixture, with its header.
void writeHead(const std::string& from, const QString& to, int rows) {
    std::ifstream in(from);
    std::ofstream out(to.toStdString());
    std::string line;
    for (int i = 0; i <= rows && std::getline(in, line); ++i) out << line << '\n';
}

// name -> step -> value of every curve of a run, throughput left out (it is no result).
std::map<std::string, std::map<int64_t, double>> curves(const QString& db, int64_t run) {
    std::map<std::string, std::map<int64_t, double>> by_name;
    for (const json& p : cli({"runs", "--db", db, "metrics", QString::number(run)}).lines()) {
        const std::string name = p["name"].get<std::string>();
        if (name == "train/sequences_per_second") continue;
        by_name[name][p["step"].get<int64_t>()] = p["value"].get<double>();
    }
    return by_name;
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-5 * std::max(1.0, std::abs(a)); }

// Every curve point and every final metric of two runs agree to 1e-5 (relative above 1).
void expectSameTraining(const QString& db, const json& one, const json& two) {
    const auto a = curves(db, one["run_id"].get<int64_t>()), b = curves(db, two["run_id"].get<int64_t>());
    QVERIFY(a.count("train/loss") && a.at("train/loss").size() >= 10);
    QCOMPARE(a.size(), b.size());
    for (const auto& [name, points] : a) {
        QVERIFY2(b.count(name), name.c_str());
        QCOMPARE(points.size(), b.at(name).size());
        for (const auto& [step, value] : points) {
            QVERIFY2(b.at(name).count(step), (name + " step " + std::to_string(step)).c_str());
            const double other = b.at(name).at(step);
            QVERIFY2(close(value, other), (name + " at step " + std::to_string(step) + ": one process " +
                                           std::to_string(value) + ", two ranks " + std::to_string(other)).c_str());
        }
    }
    // The model learnt something: the comparison is not between two flat lines.
    const auto& loss = a.at("train/loss");
    QVERIFY(std::abs(loss.begin()->second - loss.rbegin()->second) > 1e-3);
    QCOMPARE(one["global_step"], two["global_step"]);
    QCOMPARE(one["metrics"].size(), two["metrics"].size());
    for (const auto& [name, value] : one["metrics"].items())
        QVERIFY2(close(value.get<double>(), two["metrics"][name].get<double>()), name.c_str());
}

// bertwork-cli with extra environment variables.
bw::clitest::Run cliWithEnvironment(const QStringList& args, const std::map<QString, QString>& variables) {
    QProcess p;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto& [name, value] : variables) environment.insert(name, value);
    p.setProcessEnvironment(environment);
    p.start(BW_CLI_PATH, args);
    if (!p.waitForStarted(30000) || !p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        return {-1, "", "did not finish"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput().toStdString(),
            p.readAllStandardError().toStdString()};
}

// A port nothing listens on now (the kernel's pick for port 0 on the loopback).
int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// The child of `parent` whose environment says RANK=`rank`; 0 when there is none (yet).
pid_t rankProcess(pid_t parent, int rank) {
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        std::getline(stat, line);
        const size_t close_paren = line.rfind(')');
        if (close_paren == std::string::npos) continue;
        std::istringstream fields(line.substr(close_paren + 2));
        std::string state;
        long ppid = 0;
        fields >> state >> ppid;
        if (ppid != parent) continue;
        std::ifstream environ(entry.path() / "environ", std::ios::binary);
        const std::string all((std::istreambuf_iterator<char>(environ)), std::istreambuf_iterator<char>());
        if (all.find(std::string("RANK=") + std::to_string(rank) + '\0') == 0 ||
            all.find(std::string("\0RANK=", 6) + std::to_string(rank) + '\0') != std::string::npos)
            return static_cast<pid_t>(std::stol(name));
    }
    return 0;
}

}  // namespace

class TestCliDistributed : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString db_, config_;

    // A tiny model without dropout, so that the ranks' slices see the same network as the one process.
    QStringList trainArgs(const QString& task, const QString& out, int per_device_batch, const QStringList& extra) {
        const QString batch = QString::number(per_device_batch);
        return QStringList{"train", "--db", db_, "--init-config", config_, "--vocab",
                           fixture("vocab/bert-base-uncased/vocab.txt"), "--task", task, "--output-dir", out,
                           "--per-device-train-batch-size", batch, "--per-device-eval-batch-size", batch,
                           "--learning-rate", "2e-3", "--warmup-ratio", "0.1", "--weight-decay", "0.01",
                           "--max-seq-length", "48", "--seed", "5", "--logging-steps", "1"} + extra;
    }

private slots:
    void initTestCase() {
        db_ = tmp_.filePath("runs.db");
        config_ = tmp_.filePath("tiny.json");
        std::ofstream(config_.toStdString())
            << R"({"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64,
                  "max_position_embeddings": 64, "hidden_dropout_prob": 0, "attention_probs_dropout_prob": 0})";
        // 161 rows: batches of 16 leave a last batch of one row, which rank 1 has no part of.
        writeHead(fixture("data/sst2_train_head300.tsv").toStdString(), tmp_.filePath("train.tsv"), 161);
        writeHead(fixture("data/sst2_dev.tsv").toStdString(), tmp_.filePath("dev.tsv"), 75);
        writeHead(fixture("data/sst2_train_head2000.tsv").toStdString(), tmp_.filePath("long.tsv"), 2000);
        QCOMPARE(cli({"import", "--db", db_, "--name", "sst2", "--input", tmp_.filePath("train.tsv")}).exit_code, 0);
        QCOMPARE(cli({"import", "--db", db_, "--name", "sst2", "--input", tmp_.filePath("dev.tsv"), "--split", "validation"}).exit_code, 0);
        QCOMPARE(cli({"import", "--db", db_, "--name", "long", "--input", tmp_.filePath("long.tsv")}).exit_code, 0);
        QCOMPARE(cli({"import", "--db", db_, "--name", "long", "--input", tmp_.filePath("dev.tsv"), "--split", "validation"}).exit_code, 0);
    }

    void classificationOnTwoRanksEqualsOneProcess() {
        // Two micro-batches a step: the gradients are reduced once a step; the last step is the one-row batch alone.
        const QStringList extra{"--dataset", "sst2", "--num-train-epochs", "2", "--evaluation-strategy", "epoch",
                                "--gradient-accumulation-steps", "2"};
        const auto one = cli(trainArgs("sequence-classification", tmp_.filePath("cls1"), 16, extra));
        QVERIFY2(one.exit_code == 0, one.err.c_str());
        // Buckets of 64 KB: many of them, started in turn as backward fills them (25 MB would hold the whole model).
        const auto two = cliWithEnvironment(trainArgs("sequence-classification", tmp_.filePath("cls2"), 8, extra + QStringList{"--nproc-per-node", "2"}),
                                            {{"BERTWORK_DDP_BUCKET_KB", "64"}});
        QVERIFY2(two.exit_code == 0, two.err.c_str());
        QCOMPARE(two.lines().size(), size_t(1));  // rank 0 alone prints the result
        expectSameTraining(db_, one.lines().back(), two.lines().back());
        // The run records its job; rank 0 alone wrote checkpoints (into the one output directory).
        const json shown = cli({"runs", "--db", db_, "show", QString::number(two.lines().back()["run_id"].get<int64_t>())}).lines().at(0);
        QCOMPARE(shown["config"]["distributed"], json({{"backend", "gloo"}, {"world_size", 2}}));
        QVERIFY(fs::exists(fs::path(tmp_.filePath("cls2").toStdString()) / "checkpoint-12" / "model.safetensors"));
    }

    void pretrainingOnTwoRanksEqualsOneProcess() {
        const QStringList extra{"--corpus", fixture("data/wikitext2_test_head120.txt"), "--corpus-validation-fraction", "0.2",
                                "--num-train-epochs", "3", "--evaluation-strategy", "epoch"};
        const auto one = cli(trainArgs("pretraining", tmp_.filePath("pt1"), 8, extra));
        QVERIFY2(one.exit_code == 0, one.err.c_str());
        const auto two = cli(trainArgs("pretraining", tmp_.filePath("pt2"), 4, extra + QStringList{"--nproc-per-node", "2"}));
        QVERIFY2(two.exit_code == 0, two.err.c_str());
        expectSameTraining(db_, one.lines().back(), two.lines().back());
        QVERIFY(curves(db_, one.lines().back()["run_id"].get<int64_t>()).count("train/mlm_accuracy"));
    }

    void killedRankStopsTheJobAndTheRunResumes() {
        const QStringList extra{"--dataset", "long", "--max-steps", "60", "--save-steps", "20",
                                "--evaluation-strategy", "no", "--nproc-per-node", "2"};
        // The run as it goes uninterrupted.
        const auto whole = cli(trainArgs("sequence-classification", tmp_.filePath("whole"), 4, extra));
        QVERIFY2(whole.exit_code == 0, whole.err.c_str());

        // The same run, rank 1 killed once the first checkpoint is on disk.
        QProcess launcher;
        launcher.start(BW_CLI_PATH, trainArgs("sequence-classification", tmp_.filePath("killed"), 4, extra));
        QVERIFY(launcher.waitForStarted());
        const fs::path out = tmp_.filePath("killed").toStdString();
        for (int i = 0; i < 3000 && !fs::exists(out / "checkpoint-20"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        QVERIFY(fs::exists(out / "checkpoint-20"));
        const pid_t rank1 = rankProcess(static_cast<pid_t>(launcher.processId()), 1);
        QVERIFY(rank1 > 0);
        ::kill(rank1, SIGKILL);
        const auto killed_at = Clock::now();
        QVERIFY(launcher.waitForFinished(60000));
        const double seconds = std::chrono::duration<double>(Clock::now() - killed_at).count();
        QVERIFY2(seconds < 60, qPrintable(QString("the job took %1 s to stop").arg(seconds)));
        qInfo("the job stopped %.2f s after rank 1 was killed", seconds);
        QVERIFY(launcher.exitStatus() == QProcess::NormalExit && launcher.exitCode() != 0);
        const std::string err = launcher.readAllStandardError().toStdString();
        QVERIFY2(err.find("rank 1 of 2 was killed by signal 9") != std::string::npos, err.c_str());
        QVERIFY2(err.find("rank 0 of 2 lost the job") != std::string::npos, err.c_str());

        // The store is whole and the run interrupted, not failed.
        bw::store::StoreOptions checking = bw::store::StoreOptions::existingOnly();
        checking.verify_integrity = true;
        int64_t run = 0;
        {
            bw::store::ExperimentStore store = bw::store::ExperimentStore::open(db_.toStdString(), checking);
            const auto runs = store.listRuns();
            run = runs.front().id;
            QCOMPARE(std::string(bw::store::runStatusName(runs.front().status)), std::string("interrupted"));
            QVERIFY2(runs.front().error_message.find("lost the job") != std::string::npos, runs.front().error_message.c_str());
        }
        const QString id = QString::number(run);

        // One process cannot resume a two-rank run; two ranks do, to the uninterrupted run's end.
        bw::clitest::expectFailure({"resume", "--db", db_, "--run", id}, "was trained on 2 ranks");
        const auto resumed = cli({"resume", "--db", db_, "--run", id, "--nproc-per-node", "2"});
        QVERIFY2(resumed.exit_code == 0, resumed.err.c_str());
        const json result = resumed.lines().back();
        QCOMPARE(result["status"].get<std::string>(), std::string("completed"));
        QCOMPARE(result["global_step"].get<int64_t>(), int64_t(60));
        const auto a = curves(db_, whole.lines().back()["run_id"].get<int64_t>()), b = curves(db_, run);
        QCOMPARE(a.at("train/loss").size(), size_t(60));
        for (const auto& [name, points] : a)
            for (const auto& [step, value] : points)
                QVERIFY2(b.at(name).count(step) && close(value, b.at(name).at(step)),
                         (name + " at step " + std::to_string(step)).c_str());
        const json whole_metrics = whole.lines().back()["metrics"];  // a named copy: items() outlives no temporary
        for (const auto& [name, value] : whole_metrics.items())
            QVERIFY2(close(value.get<double>(), result["metrics"][name].get<double>()), name.c_str());
    }

    // Token labels weighted by class: a rank's share of the loss is its share of the labelled tokens' weights.
    void tokenClassificationWithClassWeightsOnTwoRanksEqualsOneProcess() {
        for (const auto& [file, split] : {std::pair{"data/conll2003_train_head1000.txt", "train"},
                                          std::pair{"data/conll2003_valid_head300.txt", "validation"}})
            QCOMPARE(cli({"import", "--db", db_, "--name", "conll", "--input", fixture(file), "--split", split}).exit_code, 0);
        const QStringList extra{"--dataset", "conll", "--max-steps", "16", "--evaluation-strategy", "steps",
                                "--eval-steps", "8", "--save-steps", "8", "--class-weights", "balanced"};
        const auto one = cli(trainArgs("token-classification", tmp_.filePath("tok1"), 8, extra));
        QVERIFY2(one.exit_code == 0, one.err.c_str());
        const auto two = cli(trainArgs("token-classification", tmp_.filePath("tok2"), 4, extra + QStringList{"--nproc-per-node", "2"}));
        QVERIFY2(two.exit_code == 0, two.err.c_str());
        expectSameTraining(db_, one.lines().back(), two.lines().back());
    }

    // torchrun's agent serves the rendezvous store itself; its ranks train as bertwork-cli's own do.
    void torchrunRanksTrainAsLocalRanks() {
        const QString torchrun = QStandardPaths::findExecutable("torchrun");
        if (torchrun.isEmpty()) QSKIP("torchrun is not installed");
        const QStringList args = trainArgs("sequence-classification", tmp_.filePath("tr1"), 8,
                                           {"--dataset", "sst2", "--max-steps", "12", "--evaluation-strategy", "steps", "--eval-steps", "12",
                                            "--save-steps", "12"});
        const auto own = cli(args + QStringList{"--nproc-per-node", "2"});
        QVERIFY2(own.exit_code == 0, own.err.c_str());
        QProcess p;
        // --redirects/--tee 2 (stderr to a log and the console): Debian's torchrun 1.13 under Python 3.11
        // cannot parse its own default "0" (an IntFlag change).
        p.start(torchrun, QStringList{"--nproc_per_node", "2", "--master_port", QString::number(freePort()), "--redirects", "2",
                                      "--tee", "2", "--no_python",
                                      BW_CLI_PATH, "--threads", "1"} + args.mid(0, args.indexOf("--output-dir") + 1) +
                              QStringList{tmp_.filePath("tr2")} + args.mid(args.indexOf("--output-dir") + 2));
        QVERIFY(p.waitForStarted() && p.waitForFinished(120000));
        const std::string out = p.readAllStandardOutput().toStdString(), err = p.readAllStandardError().toStdString();
        QVERIFY2(p.exitCode() == 0, err.c_str());
        const std::vector<nlohmann::json> lines = bw::clitest::Run{0, out, err}.lines();  // rank 0's result alone
        QCOMPARE(lines.size(), size_t(1));
        const json result = lines.back();
        expectSameTraining(db_, own.lines().back(), result);
    }

    void torchrunEnvironmentMistakesAreClear() {
        const QStringList args = trainArgs("sequence-classification", tmp_.filePath("bad"), 8, {"--dataset", "sst2", "--max-steps", "1"});
        const auto beyond = cliWithEnvironment(args, {{"RANK", "2"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "127.0.0.1"}, {"MASTER_PORT", "29999"}});
        QCOMPARE(beyond.exit_code, 1);
        QVERIFY2(beyond.err.find("RANK 2 is not below WORLD_SIZE 2") != std::string::npos, beyond.err.c_str());
        const auto no_port = cliWithEnvironment(args, {{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "127.0.0.1"}});
        QCOMPARE(no_port.exit_code, 1);
        QVERIFY2(no_port.err.find("MASTER_PORT is not set") != std::string::npos, no_port.err.c_str());
        const auto nested = cliWithEnvironment(args + QStringList{"--nproc-per-node", "2"},
                                               {{"RANK", "0"}, {"WORLD_SIZE", "1"}, {"MASTER_ADDR", "127.0.0.1"}, {"MASTER_PORT", "29999"}});
        QCOMPARE(nested.exit_code, 1);
        QVERIFY2(nested.err.find("already is a rank") != std::string::npos, nested.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCliDistributed)
#include "test_cli_distributed.moc"
