#include "widgets/train/model_inspection.h"

#include "core/analysis/bert_pipeline.h"
#include "core/model/bert_config.h"
#include "core/text/bert_tokenizer.h"
#include "core/train/quickstart.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/model_summary_html.h"
#include "widgets/train/html_table_row.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>

namespace bw::gui {
namespace {

struct ModelInspection {
    Q_DECLARE_TR_FUNCTIONS(ModelInspection)
};

// A fresh model exists only as a config: its size, and the vocabulary its embeddings will have.
QString scratchSummaryHtml(const std::string& size, const model::BertConfig& config,
                           const text::BertTokenizer& tokenizer, const std::string& vocab) {
    const QLocale locale;
    QString html =
        QStringLiteral("<h3>%1</h3><table>")
            .arg(ModelInspection::tr("New BERT (%1), randomly initialised").arg(QString::fromStdString(size)));
    html += htmlTableRow(ModelInspection::tr("Layers × heads"),
                         QStringLiteral("%1 × %2").arg(config.num_hidden_layers).arg(config.num_attention_heads));
    html += htmlTableRow(ModelInspection::tr("Hidden / feed-forward size"),
                         QStringLiteral("%1 / %2").arg(config.hidden_size).arg(config.intermediate_size));
    html += htmlTableRow(ModelInspection::tr("Max positions"), QString::number(config.max_position_embeddings));
    html += htmlTableRow(ModelInspection::tr("Vocabulary"),
                         ModelInspection::tr("%1 tokens from %2 (%3)")
                             .arg(locale.toString(static_cast<qulonglong>(tokenizer.vocab().size())),
                                  QString::fromStdString(vocab).toHtmlEscaped(),
                                  tokenizer.options().do_lower_case ? ModelInspection::tr("lower-cased")
                                                                    : ModelInspection::tr("cased")));
    html += QStringLiteral("</table>");
    return html;
}

}  // namespace

QString bundledModelDir(QString* error) {
    try {
        return QString::fromStdString(train::findBundledModel().string());
    } catch (const std::exception& e) {
        if (error) *error = errorText(e);
        return {};
    }
}

ModelFacts inspectBaseModel(const TrainingSetup& setup) {
    ModelFacts facts;
    try {
        if (setup.model_kind == BaseModelKind::Scratch) {
            const model::BertConfig config = model::BertConfig::preset(setup.scratch_size);
            const text::BertTokenizer tokenizer = text::BertTokenizer::fromVocabulary(setup.vocab);
            facts.summary_html = scratchSummaryHtml(setup.scratch_size, config, tokenizer, setup.vocab);
            facts.max_positions = config.max_position_embeddings;
            facts.vocab_file = setup.vocab;
            facts.has_mask_token = tokenizer.maskId() >= 0;
        } else {
            const QFileInfo dir(QString::fromStdString(setup.model_dir));
            if (!dir.isDir()) {
                facts.error = dir.exists() ? ModelInspection::tr("%1 is not a folder").arg(dir.filePath())
                                           : ModelInspection::tr("%1 does not exist").arg(dir.filePath());
                return facts;
            }
            const auto pipeline = analysis::BertPipeline::open(setup.model_dir);
            const analysis::ModelSummary& summary = pipeline->summary();
            facts.summary_html = modelSummaryHtml(summary);
            facts.max_positions = summary.config.value("max_position_embeddings", int64_t{512});
            facts.tokenizer_dir = setup.model_dir;
            facts.has_mask_token = pipeline->tokenizer().maskId() >= 0;
        }
        facts.usable = true;
    } catch (const std::exception& e) {
        facts.error = errorText(e);
    }
    return facts;
}

}  // namespace bw::gui
