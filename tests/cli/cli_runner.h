#pragma once
// Runs bertwork-cli (BW_CLI_PATH) as a script would, for the CLI tests: its exit code, stdout as
// JSON lines, and the one-line error contract on stderr.
#include "../core/test_support.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QtTest>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace bw::clitest {

struct Run {
    int exit_code = -1;
    std::string out, err;

    std::vector<nlohmann::json> lines() const {
        std::vector<nlohmann::json> result;
        std::istringstream in(out);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) result.push_back(nlohmann::json::parse(line));
        return result;
    }
};

// A child that does not start, or is still running at the timeout, fails the test with a message
// (QProcess would otherwise report exit code 0 and whatever output came so far).
inline Run cli(const QStringList& args, int timeout_ms = 120000,
               const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(BW_CLI_PATH, args);
    const QString command = "bertwork-cli " + args.join(' ');
    if (!p.waitForStarted(30000)) {
        QTest::qFail(qPrintable(command + ": did not start: " + p.errorString()), __FILE__, __LINE__);
        return {-1, "", "did not start"};
    }
    if (!p.waitForFinished(timeout_ms)) {
        p.kill();
        p.waitForFinished(5000);
        QTest::qFail(qPrintable(command + QString(": still running after %1 s; killed").arg(timeout_ms / 1000)),
                     __FILE__, __LINE__);
        return {-1, p.readAllStandardOutput().toStdString(), "timed out"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput().toStdString(),
            p.readAllStandardError().toStdString()};
}

// A fixture path as a command-line argument.
inline QString fixture(const char* relative) { return QString::fromStdString(test::fixture(relative).string()); }

// Exit status 1, nothing on stdout, and one "bertwork-cli: error: ..." line containing `fragment`.
inline void expectFailure(const QStringList& args, const char* fragment) {
    const Run r = cli(args);
    QVERIFY2(r.exit_code == 1, qPrintable(args.join(' ') + " exited " + QString::number(r.exit_code)));
    QVERIFY(r.out.empty());
    QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);  // one line
    QVERIFY2(r.err.find("bertwork-cli: error: ") == 0, r.err.c_str());
    QVERIFY2(r.err.find(fragment) != std::string::npos, r.err.c_str());
}

}  // namespace bw::clitest
