#pragma once
// Holding out part of a train split for validation, as scikit-learn's stratified train_test_split:
// at import (`import --validation-fraction`, which reads the file twice) and afterwards, on a
// dataset already stored without a validation split (the Data page, the wizard, `hold-out`).
#include "core/data/example.h"
#include "core/store/experiment_store.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bw::store {

// Which rows of a train split to hold out: stratified by label for a sequence task; whole documents
// of a corpus that has several, so next-sentence pairs never straddle the two splits; otherwise rows.
// Collected on a first pass over the rows, a few bytes a row, so that the rows themselves are never
// all in memory.
class ValidationHoldOut {
public:
    explicit ValidationHoldOut(std::string task_kind) : task_kind_(std::move(task_kind)) {}

    void add(const std::vector<data::Example>& rows);
    // One flag per row added, in order: true = validation. Throws when none is held out; `where`
    // names the file or dataset in that error.
    std::vector<bool> flags(double fraction, uint64_t seed, const std::string& where) const;

private:
    inline static const std::string kNoLabel;
    std::string task_kind_;
    std::map<std::string, uint32_t> label_ids_;  // in order of first appearance
    std::vector<uint32_t> label_of_row_;
    std::vector<int64_t> document_of_row_;       // a corpus only
};

struct HoldOutRequest {
    int64_t dataset = 0;
    double fraction = 0.1;  // of the train rows, in (0, 1)
    uint64_t seed = 42;
    const std::atomic<bool>* cancel = nullptr;  // set it to stop; throws data::ImportCancelled
};

struct HoldOutSummary {
    int64_t train_rows = 0;       // left in train (returnToTrain: now in train)
    int64_t validation_rows = 0;  // held out (returnToTrain: returned)
};

// Whether holdOutValidation can split the dataset: it has train rows to split and no validation rows.
bool canHoldOutValidation(const DatasetRecord& dataset);

// Moves a stratified `fraction` of the dataset's train rows into a new validation split, keeping
// their order, text and file lines; the label set stays (it is the whole train split's). Staged as
// an import is: readers see the old train split until one short write publishes both, and a failure
// or cancel leaves the dataset as it was. Refused: a dataset with validation rows already, without
// train rows, or that an import is adding to.
HoldOutSummary holdOutValidation(ExperimentStore& store, const HoldOutRequest& request);

// Undoes a hold-out, or folds any other split into train: the split's rows join the train rows, in the
// file's order when both came from one file (a held-out split keeps each row's line), else after them,
// and the split is gone. Staged as holdOutValidation is, published with the split's removal in one
// write; a failure or cancel leaves the dataset as it was. The split's rows are read whole (a held-out
// share), the train rows a chunk at a time. Returns the rows now in train and the rows that moved.
HoldOutSummary returnToTrain(ExperimentStore& store, int64_t dataset, const std::string& split,
                             const std::atomic<bool>* cancel = nullptr);
// Whether returnToTrain can take the split back: it is not train, it has rows, and train has rows.
bool canReturnToTrain(const DatasetRecord& dataset, const std::string& split);

}  // namespace bw::store
