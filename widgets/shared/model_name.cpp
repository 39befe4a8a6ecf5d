#include "widgets/shared/model_name.h"

#include "core/train/model_origin.h"

#include <QCoreApplication>
#include <QDir>

namespace bw::gui {

QString modelName(const QString& dir) {
    return QString::fromStdString(train::modelFolderName(QDir::cleanPath(dir).toStdString()));
}

QString checkpointMarks(bool best, bool last) {
    QStringList marks;
    if (best) marks << QCoreApplication::translate("bw::gui::ModelName", "best");
    if (last) marks << QCoreApplication::translate("bw::gui::ModelName", "last");
    // The list separator in the window's language ("最佳，最新" in Chinese).
    return marks.join(QCoreApplication::translate("bw::gui::ModelName", ", "));
}

QString checkpointMarks(const train::CheckpointChoice& checkpoint) {
    // "best" where an evaluation chose it: without one, Best falls back to the last checkpoint,
    // which is then only the last.
    return checkpointMarks(checkpoint.is_best && checkpoint.checkpoint.is_best, checkpoint.is_last);
}

QString modelTitle(const QString& dir, const std::optional<train::CheckpointOfModel>& checkpoint) {
    if (!checkpoint) return modelName(dir);
    const QString marks = checkpointMarks(checkpoint->checkpoint);
    const QString step =
        QCoreApplication::translate("bw::gui::ModelName", "step %1").arg(checkpoint->checkpoint.checkpoint.step);
    return QCoreApplication::translate("bw::gui::ModelName", "run %1 “%2” · %3")
        .arg(checkpoint->run.id)
        .arg(QString::fromStdString(checkpoint->run.name),
             marks.isEmpty() ? step : QStringLiteral("%1 (%2)").arg(step, marks));
}

}  // namespace bw::gui
