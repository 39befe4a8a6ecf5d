#include "widgets/train/data_notes_text.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace bw::gui {

QString dataNotesText(const train::DataSizeNotes& notes) {
    const QLocale locale;
    QStringList paragraphs;
    // lupdate misses a message whose count is a cast: the counts are plain ints first.
    const int training_rows = static_cast<int>(notes.few_training_rows.value_or(0));
    const int validation_rows = static_cast<int>(notes.validation_rows);
    if (notes.few_training_rows)
        paragraphs << QCoreApplication::translate("DataNotes", "%n training row(s): on so few, fine-tuning varies much from one seed to "
                                           "another (BERT's authors restarted it several times on GLUE's smaller "
                                           "tasks). Train a few seeds before trusting a difference between runs.",
                                           "", training_rows);
    if (notes.validation_margin_points)
        paragraphs << QCoreApplication::translate("DataNotes", "%n validation row(s): an accuracy measured on them is known to within "
                                           "±%1 points (95%), so runs closer than that cannot be told apart.",
                                           "", validation_rows)
                          .arg(locale.toString(*notes.validation_margin_points, 'f', 1));
    if (!notes.rare_labels.empty()) {
        QStringList labels;
        for (const train::LabelCount& l : notes.rare_labels)
            labels << QStringLiteral("%1 (%2)").arg(QString::fromStdString(l.label), locale.toString(static_cast<qlonglong>(l.rows)));
        paragraphs << QCoreApplication::translate("DataNotes", "Labels with fewer than %1 training rows: %2. The model will hardly ever predict them.")
                          .arg(train::DataSizeNotes::kRareLabelRows)
                          .arg(labels.join(QStringLiteral(", ")));
    }
    QStringList html;
    for (const QString& p : paragraphs) html << p.toHtmlEscaped();
    return html.join(QStringLiteral("<br>"));
}

}  // namespace bw::gui
