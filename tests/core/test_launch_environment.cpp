// The torchrun environment a data-parallel rank reads: none of it is a single process, all of it
// is a rank, and anything in between or out of range is a clear error naming the variable.
#include "core/runtime/error.h"
#include "core/train/distributed/launch_environment.h"

#include <QtTest>

#include <map>

using namespace bw::train::distributed;

namespace {

std::optional<LaunchEnvironment> parse(const std::map<std::string, std::string>& variables) {
    return parseLaunchEnvironment([&](const char* name) -> std::optional<std::string> {
        const auto it = variables.find(name);
        return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
}

std::map<std::string, std::string> torchrunRank1() {
    return {{"RANK", "1"},           {"WORLD_SIZE", "2"},           {"LOCAL_RANK", "1"},
            {"LOCAL_WORLD_SIZE", "2"}, {"MASTER_ADDR", "127.0.0.1"}, {"MASTER_PORT", "29500"}};
}

// The error message of parsing `variables`, or "" when it parses.
std::string errorOf(const std::map<std::string, std::string>& variables) {
    try {
        parse(variables);
    } catch (const bw::Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

class TestLaunchEnvironment : public QObject {
    Q_OBJECT
private slots:
    void nothingSetIsASingleProcess() { QVERIFY(!parse({}).has_value()); }

    void torchrunsVariablesMakeARank() {
        const auto env = parse(torchrunRank1());
        QVERIFY(env.has_value());
        QCOMPARE(env->rank, 1);
        QCOMPARE(env->world_size, 2);
        QCOMPARE(env->local_rank, 1);
        QCOMPARE(env->local_world_size, 2);
        QCOMPARE(env->master_addr, std::string("127.0.0.1"));
        QCOMPARE(env->master_port, uint16_t(29500));
        QVERIFY(!env->isLeader());
    }

    void localVariablesDefaultToTheGlobalOnes() {
        auto variables = torchrunRank1();
        variables.erase("LOCAL_RANK");
        variables.erase("LOCAL_WORLD_SIZE");
        const auto env = parse(variables);
        QCOMPARE(env->local_rank, 1);
        QCOMPARE(env->local_world_size, 2);
    }

    void theLauncherGivesEveryRankAWholeEnvironment() {
        std::map<std::string, std::string> variables;
        for (const auto& [name, value] : localRankVariables(0, 3, 41000)) variables[name] = value;
        const auto env = parse(variables);
        QCOMPARE(env->rank, 0);
        QCOMPARE(env->world_size, 3);
        QCOMPARE(env->master_port, uint16_t(41000));
        QVERIFY(env->isLeader());
    }

    void mistakesAreNamed_data() {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");  // "" = left out
        QTest::addColumn<QString>("message");
        QTest::newRow("rank not below world") << "RANK" << "2" << "RANK 2 is not below WORLD_SIZE 2";
        QTest::newRow("no port") << "MASTER_PORT" << "" << "MASTER_PORT is not set";
        QTest::newRow("no address") << "MASTER_ADDR" << "" << "MASTER_ADDR is not set";
        QTest::newRow("no world size") << "WORLD_SIZE" << "" << "WORLD_SIZE is not set";
        QTest::newRow("port not a number") << "MASTER_PORT" << "http" << "MASTER_PORT='http' is not a whole number";
        QTest::newRow("port out of range") << "MASTER_PORT" << "70000" << "MASTER_PORT='70000' is out of range";
        QTest::newRow("negative rank") << "RANK" << "-1" << "RANK='-1' is not a whole number";
        QTest::newRow("world size zero") << "WORLD_SIZE" << "0" << "WORLD_SIZE='0' is out of range";
        QTest::newRow("local rank too big") << "LOCAL_RANK" << "2" << "LOCAL_RANK 2 is not below LOCAL_WORLD_SIZE 2";
    }
    void mistakesAreNamed() {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, message);
        auto variables = torchrunRank1();
        if (value.isEmpty()) variables.erase(variable.toStdString());
        else variables[variable.toStdString()] = value.toStdString();
        const std::string error = errorOf(variables);
        QVERIFY2(error.find(message.toStdString()) != std::string::npos, error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestLaunchEnvironment)
#include "test_launch_environment.moc"
