#pragma once
// One imported training example, whatever file it came from. Sequence tasks use text / text_pair /
// label; token tasks (CoNLL) use words / tags; a pretraining corpus uses text with `document`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bw::data {

struct Example {
    std::string text;                      // the sentence (CoNLL: the words joined by single spaces)
    std::optional<std::string> text_pair;  // second sentence of a pair task
    std::string label;                     // label as written in the file ("" = none)
    std::vector<std::string> words;        // token tasks: one entry per word
    std::vector<std::string> tags;         // token tasks: one tag per word (B-PER, I-LOC, O, ...)
    int64_t document = 0;                  // plain-text corpora: index of the document (blank-line separated)
    uint64_t source_line = 0;              // 1-based line where the example starts in its file
};

}  // namespace bw::data
