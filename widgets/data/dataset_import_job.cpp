#include "widgets/data/dataset_import_job.h"

#include "core/data/record_reader.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/bad_rows_text.h"
#include "widgets/shared/error_text.h"

#include <memory>

namespace bw::gui {

namespace {

// What the worker leaves for the GUI thread.
struct ImportOutcome {
    std::optional<store::ImportSummary> summary;
    bool cancelled = false;
    QString error;
};

}  // namespace

DatasetImportJob::DatasetImportJob(QObject* parent) : QObject(parent), task_(new BackgroundTask(this)) {}

bool DatasetImportJob::isRunning() const { return task_->isRunning(); }

void DatasetImportJob::cancel() { task_->requestCancel(); }

bool DatasetImportJob::start(const QString& store_path, store::ImportRequest request) {
    if (task_->isRunning()) return false;
    auto outcome = std::make_shared<ImportOutcome>();
    request.cancel = task_->cancelFlag();
    request.progress = [this, last = -1](uint64_t done, uint64_t total) mutable {
        const int percent = total ? static_cast<int>(done * 100 / total) : 0;
        if (percent == last) return;
        last = percent;
        task_->post([this, percent] { emit progress(percent); });
    };
    const std::string path = store_path.toStdString();
    auto work = [outcome, path, request = std::move(request)] {
        try {
            auto store = store::ExperimentStore::open(path);
            outcome->summary = store::importDataset(store, request);
        } catch (const data::ImportCancelled&) {
            outcome->cancelled = true;
        } catch (const data::BadRowError& e) {  // past the rows the dialog previewed
            outcome->error = errorText(e) + QLatin1Char('\n') + skipBadRowsAdvice();
        } catch (const std::exception& e) {
            outcome->error = errorText(e);
        }
    };
    return task_->start(std::move(work), [this, outcome] {
        if (outcome->summary) emit succeeded(*outcome->summary);
        else if (outcome->cancelled) emit cancelled();
        else emit failed(outcome->error);
    });
}

}  // namespace bw::gui
