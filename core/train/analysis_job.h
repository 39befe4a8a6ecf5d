#pragma once
// The error-analysis front door for the CLI and the GUI (no LibTorch types): a run's checkpoint
// predicts every row of a split of a stored dataset, and the predictions are kept in the store as
// an analysis of the run, with the metrics of that pass. core/train/error_analysis reads them.
#include "core/store/store_records.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace bw::train {

struct AnalysisRequest {
    std::filesystem::path db;
    int64_t run_id = 0;
    std::string checkpoint = "best";  // best | last | a step number
    std::string dataset;              // "" = the dataset the run trained on
    std::string split = "validation";
    // 0 = the run's own per_device_eval_batch_size: a token tagger's loss is averaged per batch (as
    // Hugging Face's Trainer does), so only the run's batch size gives its evaluations' loss.
    int64_t batch_size = 0;
    int64_t max_seq_length = 0;       // 0 = the run's own
    std::string device = "auto";      // auto | cpu | cuda | cuda:N
};

// How far the prediction is, and whether to give up (checked before each batch).
struct AnalysisProgress {
    std::function<void(int64_t rows_done, int64_t rows_total)> on_progress;
    const std::atomic<bool>* cancel = nullptr;
};

// Throws bw::Error for a run without the checkpoint, a model that is not a (token) classifier, a
// dataset or split that is missing or empty, or labels the model does not know, and when
// cancelled ("analysis cancelled"); stores nothing then.
store::AnalysisRecord analyseCheckpoint(const AnalysisRequest& request, const AnalysisProgress& progress = {});

}  // namespace bw::train
