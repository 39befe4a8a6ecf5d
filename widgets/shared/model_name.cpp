#include "widgets/shared/model_name.h"

#include "core/train/model_origin.h"

#include <QCoreApplication>
#include <QDir>

namespace bw::gui {

QString modelName(const QString& dir) {
    return QString::fromStdString(train::modelFolderName(QDir::cleanPath(dir).toStdString()));
}

QString checkpointMarks(const train::CheckpointChoice& checkpoint) {
    QStringList marks;
    // "best" where an evaluation chose it: without one, Best falls back to the last checkpoint,
    // which is then only the last.
    if (checkpoint.is_best && checkpoint.checkpoint.is_best)
        marks << QCoreApplication::translate("bw::gui::ModelName", "best");
    if (checkpoint.is_last) marks << QCoreApplication::translate("bw::gui::ModelName", "last");
    return marks.join(QStringLiteral(", "));
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
