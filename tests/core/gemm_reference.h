#pragma once
// Shared by the packed-GEMM tests (test_packed_linear, test_int8_inference): what a Linear followed
// by its epilogue computes, in float64, written here and not taken from core, and the rows of
// epilogues and row counts both tests run through.
#include "core/model/packed_linear.h"

#include <QtTest>

#include <utility>
#include <vector>

namespace bw::test {

// y [.., N] in float64 after the epilogue; residual [.., N] for AddResidual.
inline torch::Tensor withEpilogue(const torch::Tensor& y, model::GemmEpilogue epilogue, const torch::Tensor& residual) {
    using model::GemmEpilogue;
    switch (epilogue) {
        case GemmEpilogue::None: return y;
        case GemmEpilogue::Gelu: return torch::gelu(y);
        case GemmEpilogue::GeluTanh: return torch::gelu(y, "tanh");
        case GemmEpilogue::Relu: return torch::relu(y);
        case GemmEpilogue::Silu: return torch::silu(y);
        case GemmEpilogue::AddResidual: return y + residual.to(torch::kFloat64);
    }
    return y;
}

inline double maxError(const torch::Tensor& a, const torch::Tensor& b) {
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

// QTest data: columns "epilogue" (int) and "rows" (qint64), every epilogue at 1, 7, 128 and 301 rows.
inline void addEpilogueAndRowCountRows() {
    using model::GemmEpilogue;
    QTest::addColumn<int>("epilogue");
    QTest::addColumn<qint64>("rows");
    for (const auto& [name, e] : std::vector<std::pair<const char*, GemmEpilogue>>{
             {"bias", GemmEpilogue::None}, {"gelu", GemmEpilogue::Gelu}, {"gelu_tanh", GemmEpilogue::GeluTanh},
             {"relu", GemmEpilogue::Relu}, {"silu", GemmEpilogue::Silu}, {"residual", GemmEpilogue::AddResidual}})
        for (const qint64 rows : {qint64{1}, qint64{7}, qint64{128}, qint64{301}})
            QTest::newRow(qPrintable(QString("%1, %2 rows").arg(name).arg(rows))) << int(e) << rows;
}

}  // namespace bw::test
