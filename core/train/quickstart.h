#pragma once
// The quick start: the bundled model (kBundledModelResource, resource_paths.h) fine-tuned for one epoch
// on the bundled SST-2 slice (resources/datasets/sst2). Shared by `bertwork-cli quickstart` and
// the GUI's first start, so both mean the same settings and the same data.
#include "core/store/store_records.h"
#include "core/train/training_args.h"

#include <filesystem>
#include <string>

namespace bw::train {

inline constexpr const char* kQuickstartDataset = "sst2-quickstart";

struct QuickstartData {
    std::filesystem::path train_file;       // SST-2 slice (sentence, label)
    std::filesystem::path validation_file;  // SST-2 dev
};

// Each throws bw::Error naming what is missing and where it was looked for.
std::filesystem::path findBundledModel();
QuickstartData findQuickstartData();

// Imports the SST-2 slice (train + validation) into the store as kQuickstartDataset unless it is
// there already; returns the stored dataset.
store::DatasetRecord ensureQuickstartDataset(const std::filesystem::path& db, const QuickstartData& data);

// The settings of the README's fine-tune: one epoch, batch 32, max length 64, evaluation and a
// checkpoint at the end of the epoch.
TrainingArguments quickstartArguments();

}  // namespace bw::train
