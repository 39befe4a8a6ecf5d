#include "widgets/shared/model_summary_html.h"

#include "core/analysis/bert_pipeline.h"

#include <QCoreApplication>
#include <QLocale>

namespace bw::gui {
namespace {

struct ModelSummaryText {
    Q_DECLARE_TR_FUNCTIONS(ModelSummaryText)
};

QString row(const QString& name, const QString& value) {
    return QStringLiteral("<tr><td style='padding-right:12px'>%1</td><td>%2</td></tr>").arg(name, value);
}

QString configValue(const nlohmann::json& config, const char* key) {
    const auto it = config.find(key);
    if (it == config.end()) return QStringLiteral("–");
    return QString::fromStdString(it->is_string() ? it->get<std::string>() : it->dump());
}

QString nameList(const std::vector<std::string>& names) {
    QStringList escaped;
    for (const std::string& name : names) escaped << QString::fromStdString(name).toHtmlEscaped();
    return escaped.join(QStringLiteral("<br>"));
}

// A model without a classification head has no labels to show: config.json's LABEL_0, LABEL_1 are
// Hugging Face's defaults, not classes. Each "id = label" stays on one line (B-EVENT broke at its hyphen).
QString labels(const nlohmann::json& config, const std::string& task) {
    if (task != "sequence-classification" && task != "token-classification")
        return ModelSummaryText::tr("none: no classification head");
    const auto it = config.find("id2label");
    if (it == config.end() || !it->is_object() || it->empty()) return ModelSummaryText::tr("none");
    QStringList out;
    for (const auto& [id, label] : it->items())
        out << QStringLiteral("<span style='white-space:nowrap'>%1 = %2</span>")
                   .arg(QString::fromStdString(id),
                        QString::fromStdString(label.is_string() ? label.get<std::string>() : label.dump()).toHtmlEscaped());
    return out.join(QStringLiteral(", "));
}

// A count from config.json with thousands separators ("30,522"), as the rest of the window shows them.
QString countValue(const nlohmann::json& config, const char* key) {
    const auto it = config.find(key);
    return it != config.end() && it->is_number_integer() ? QLocale().toString(it->get<qlonglong>()) : configValue(config, key);
}

QString reportHtml(const io::LoadReport& report) {
    QString html;
    const auto section = [&](const QString& title, const std::vector<std::string>& names) {
        if (!names.empty()) html += row(title, nameList(names));
    };
    html += row(ModelSummaryText::tr("Weights"), nameList(report.weight_files));
    if (!report.stored_dtype.empty()) html += row(ModelSummaryText::tr("Stored as"), QString::fromStdString(report.stored_dtype));
    section(ModelSummaryText::tr("Missing"), report.missing);
    section(ModelSummaryText::tr("Unexpected"), report.unexpected);
    std::vector<std::string> mismatched;
    for (const io::ShapeMismatch& m : report.mismatched) mismatched.push_back(m.name);
    section(ModelSummaryText::tr("Shape mismatch"), mismatched);
    section(ModelSummaryText::tr("Newly initialised"), report.newly_initialized);
    section(ModelSummaryText::tr("Renamed"), report.renamed);
    return html;
}

}  // namespace

QString modelSummaryHtml(const analysis::ModelSummary& summary) {
    const nlohmann::json& c = summary.config;
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(QString::fromStdString(summary.architecture).toHtmlEscaped());
    html += row(ModelSummaryText::tr("Folder"), QString::fromStdString(summary.directory).toHtmlEscaped());
    html += row(ModelSummaryText::tr("Task"), QString::fromStdString(summary.task));
    html += row(ModelSummaryText::tr("Parameters"), QLocale().toString(static_cast<qlonglong>(summary.parameters)));
    html += row(ModelSummaryText::tr("Layers × heads"),
                QStringLiteral("%1 × %2").arg(configValue(c, "num_hidden_layers"), configValue(c, "num_attention_heads")));
    html += row(ModelSummaryText::tr("Hidden / feed-forward size"),
                QStringLiteral("%1 / %2").arg(configValue(c, "hidden_size"), configValue(c, "intermediate_size")));
    html += row(ModelSummaryText::tr("Vocabulary"), countValue(c, "vocab_size"));
    html += row(ModelSummaryText::tr("Max length"), QString::number(summary.max_length));
    html += row(ModelSummaryText::tr("Labels"), labels(c, summary.task));
    const QString device = QString::fromStdString(summary.device_name).toHtmlEscaped();
    html += row(ModelSummaryText::tr("Runs on"), summary.precision == "int8"
                                                     ? ModelSummaryText::tr("%1, int8 (dynamic quantization)").arg(device)
                                                     : device);
    // One table for both parts, so that their columns line up.
    html += QStringLiteral("<tr><td colspan='2'><h4>%1</h4></td></tr>")
                .arg(summary.report.clean() ? ModelSummaryText::tr("Loaded cleanly") : ModelSummaryText::tr("Load report"));
    html += reportHtml(summary.report) + QStringLiteral("</table>");
    return html;
}

}  // namespace bw::gui
