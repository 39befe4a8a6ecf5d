// FastDropout must behave like torch::nn::Dropout: drop each element with probability p,
// independently, scale the rest by 1 / (1 - p), pass the gradient through the same mask, do
// nothing in eval mode, and repeat itself under torch::manual_seed.
#include "core/model/fast_dropout.h"

#include <QtTest>

using namespace bw;

class TestFastDropout : public QObject {
    Q_OBJECT
private slots:
    void dropsAtTheRateAndScalesTheRest() {
        model::FastDropout dropout(0.1);
        dropout->train();
        const torch::Tensor x = torch::rand({1000, 1001}) + 1.0;  // no zeros of its own
        const torch::Tensor y = dropout(x);
        const torch::Tensor dropped = y == 0;
        const double rate = dropped.to(torch::kFloat64).mean().item<double>();
        QVERIFY2(std::abs(rate - 0.1) < 0.002, qPrintable(QString::number(rate)));  // ~7 sigma on 1M draws
        const torch::Tensor kept = ~dropped;
        QVERIFY(torch::allclose(y.masked_select(kept), x.masked_select(kept) / 0.9));
        // Neighbours share a 64-bit draw: they must still be independent (both dropped ~ p^2).
        const torch::Tensor flat = dropped.reshape({-1});
        const double both = (flat.slice(0, 0, -1, 2) & flat.slice(0, 1, flat.size(0), 2)).to(torch::kFloat64).mean().item<double>();
        QVERIFY2(std::abs(both - 0.01) < 0.001, qPrintable(QString::number(both)));
        // Rows are not all alike: the mask is not one pattern repeated.
        QVERIFY(!dropped[0].equal(dropped[1]));
    }

    void gradientFollowsTheMask() {
        model::FastDropout dropout(0.25);
        dropout->train();
        const torch::Tensor x = (torch::rand({37, 53}) + 1.0).requires_grad_(true);
        const torch::Tensor y = dropout(x);
        const torch::Tensor g = torch::randn({37, 53});
        y.backward(g);
        QVERIFY(torch::allclose(x.grad(), g * (y != 0).to(torch::kFloat32) / 0.75));
    }

    void nonContiguousInput() {
        model::FastDropout dropout(0.5);
        dropout->train();
        const torch::Tensor x = (torch::rand({64, 32}) + 1.0).t();
        const torch::Tensor y = dropout(x);
        QCOMPARE(y.sizes(), x.sizes());
        const torch::Tensor kept = y != 0;
        QVERIFY(torch::allclose(y.masked_select(kept), x.masked_select(kept) * 2.0));
    }

    void evalModeAndEdgeProbabilities() {
        const torch::Tensor x = torch::rand({10, 10}) + 1.0;
        model::FastDropout dropout(0.3);
        dropout->eval();
        QVERIFY(dropout(x).equal(x));
        QVERIFY(model::fastDropout(x, 0.0, true).equal(x));
        QVERIFY(model::fastDropout(x, 1.0, true).equal(torch::zeros_like(x)));
        QVERIFY_THROWS_EXCEPTION(std::exception, model::FastDropout(1.5));
    }

    void repeatableUnderManualSeed() {
        const torch::Tensor x = torch::ones({4096});
        torch::manual_seed(42);
        const torch::Tensor first = model::fastDropout(x, 0.5, true);
        const torch::Tensor second = model::fastDropout(x, 0.5, true);
        torch::manual_seed(42);
        QVERIFY(model::fastDropout(x, 0.5, true).equal(first));
        QVERIFY(!second.equal(first));
    }
};

QTEST_APPLESS_MAIN(TestFastDropout)
#include "test_fast_dropout.moc"
