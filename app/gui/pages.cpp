#include "app/gui/pages.h"

#include "widgets/attention/attention_page.h"
#include "widgets/data/data_page.h"
#include "widgets/errors/error_analysis_page.h"
#include "widgets/export/export_page.h"
#include "widgets/playground/playground_page.h"
#include "widgets/runs/runs_page.h"
#include "widgets/tokenizer/tokenizer_page.h"
#include "widgets/train/train_page.h"
#include "widgets/workbench/themed_icon.h"

#include <QCoreApplication>

namespace bw::gui {
namespace {

struct Pages {
    Q_DECLARE_TR_FUNCTIONS(Pages)
};

template <typename Page>
PageInfo pageInfo(const QString& id, const QString& title, const QPalette& palette) {
    return {id, title, themedIcon(QStringLiteral(":/icons/%1.svg").arg(id), palette),
            [](Workspace& workspace, QWidget* parent) -> QWidget* { return new Page(workspace, parent); }};
}

}  // namespace

QList<PageInfo> workbenchPages(const QPalette& palette) {
    QList<PageInfo> pages;
    pages << pageInfo<DataPage>(QStringLiteral("data"), Pages::tr("Data"), palette);
    pages << pageInfo<TokenizerPage>(QStringLiteral("tokenizer"), Pages::tr("Tokenizer"), palette);
    pages << pageInfo<TrainPage>(QStringLiteral("train"), Pages::tr("Train"), palette);
    pages << pageInfo<RunsPage>(QStringLiteral("runs"), Pages::tr("Runs"), palette);
    pages << pageInfo<ErrorAnalysisPage>(QStringLiteral("errors"), Pages::tr("Errors"), palette);
    pages << pageInfo<AttentionPage>(QStringLiteral("attention"), Pages::tr("Attention"), palette);
    pages << pageInfo<PlaygroundPage>(QStringLiteral("playground"), Pages::tr("Playground"), palette);
    pages << pageInfo<ExportPage>(QStringLiteral("export"), Pages::tr("Export"), palette);
    return pages;
}

}  // namespace bw::gui
