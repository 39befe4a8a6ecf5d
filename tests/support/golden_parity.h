#pragma once
// The golden outputs of Hugging Face's original BERT code (tests/fixtures/golden) against ours, run
// on any device. Qt-free, so that the Qt tests (test_model_parity) and the GPU check
// (tests/device/device_check) compare the same things the same way.
#include <filesystem>
#include <map>
#include <string>

namespace bw::test {

struct GoldenParity {
    size_t cases = 0;
    std::string mismatch;                   // the first token, id or top-5 id that differs; "" when none
    std::map<std::string, double> max_error;  // per output ("logits", "hidden", ...): the largest |ours - golden|

    double worst() const;
};

// `golden`: "seqcls" (logits, hidden states, pooler, attentions) or "pretraining" (hidden states,
// pooler, NSP logits, masked-LM top-5 ids and logits), with the model read from `model_dir`.
GoldenParity compareWithGolden(const std::string& golden, const std::filesystem::path& model_dir,
                               const std::filesystem::path& expected_outputs, const std::string& device);

}  // namespace bw::test
