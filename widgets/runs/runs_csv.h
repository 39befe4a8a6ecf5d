#pragma once
// The runs table and their curves as CSV rows, for spreadsheets and scripts: numbers stay numbers
// (the best metric's name and value in columns of their own, the duration in seconds) and each run
// carries its main hyperparameters; curves are in long format, one row per run, metric and step.
#include "core/store/store_records.h"
#include "widgets/runs/run_summary.h"

#include <QString>
#include <QStringList>

namespace bw::gui {

QStringList runsCsvHeader();
QStringList runsCsvRow(const RunSummary& summary);  // in runsCsvHeader()'s order

QStringList curvesCsvHeader();
QStringList curvesCsvRow(qint64 run_id, const QString& run_label, const store::MetricPoint& point);

}  // namespace bw::gui
