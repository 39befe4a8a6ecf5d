#include "widgets/shared/dataset_kind_text.h"

#include "core/train/task_catalogue.h"

#include <QCoreApplication>

namespace bw::gui {

QString datasetKindTitle(const store::DatasetRecord& dataset) {
    // The context is the wizard's, where these words were first translated.
    const char* context = "TrainingSetupText";
    const std::string& kind = dataset.task_kind;
    if (kind == "sequence")
        return train::hasTextPairs(dataset) ? QCoreApplication::translate(context, "labelled sentence pairs")
                                            : QCoreApplication::translate(context, "labelled sentences");
    if (kind == "token") return QCoreApplication::translate(context, "tagged words");
    if (kind == "corpus") return QCoreApplication::translate(context, "plain text");
    return QString::fromStdString(kind);
}

}  // namespace bw::gui
