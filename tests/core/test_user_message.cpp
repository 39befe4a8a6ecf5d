// What the CLI and the window show of an exception (core/runtime/user_message.h): a real LibTorch
// error shows its message on one line (LibTorch may append a C++ backtrace below it, which the
// second case stands for); any other exception its first line; a bw::Error every line it has.
#include "core/runtime/user_message.h"

#include <QtTest>
#include <torch/torch.h>

class TestUserMessage : public QObject {
    Q_OBJECT
private slots:
    void libTorchErrorsLoseTheirBacktrace() {
        try {
            (void)torch::ones({2, 3}).view({4});
            QFAIL("LibTorch accepted an impossible view");
        } catch (const std::exception& e) {
            const std::string full = e.what(), shown = bw::userMessage(e);
            QVERIFY2(shown.find('\n') == std::string::npos, shown.c_str());
            QVERIFY2(shown.find("shape '[4]' is invalid for input of size 6") != std::string::npos, shown.c_str());
            QCOMPARE(full.rfind(shown, 0), size_t{0});
        }
    }

    void engineErrorsStayWhole() {
        const bw::Error error("model/config.json: the load report:\nmissing keys: classifier.weight");
        QCOMPARE(bw::userMessage(error), std::string(error.what()));
        const std::runtime_error other("first line\nsecond line");
        QCOMPARE(bw::userMessage(other), std::string("first line"));
    }
};

QTEST_GUILESS_MAIN(TestUserMessage)
#include "test_user_message.moc"
