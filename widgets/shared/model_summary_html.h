#pragma once
// The model summary as HTML for a QTextBrowser: architecture, size, labels and the load report.
#include <QString>

namespace bw::analysis {
struct ModelSummary;
}

namespace bw::gui {

QString modelSummaryHtml(const analysis::ModelSummary& summary);

}  // namespace bw::gui
