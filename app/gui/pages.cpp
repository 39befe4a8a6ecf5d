#include "app/gui/pages.h"

#include "widgets/attention/attention_page.h"
#include "widgets/export/export_page.h"
#include "widgets/playground/playground_page.h"
#include "widgets/tokenizer/tokenizer_page.h"
#include "widgets/workbench/themed_icon.h"

#include <QCoreApplication>

// Pages written in parallel join the window as soon as their header exists.
#if __has_include("widgets/data/data_page.h")
#include "widgets/data/data_page.h"
#define BW_HAVE_DATA_PAGE 1
#endif
#if __has_include("widgets/train/train_page.h")
#include "widgets/train/train_page.h"
#define BW_HAVE_TRAIN_PAGE 1
#endif
#if __has_include("widgets/runs/runs_page.h")
#include "widgets/runs/runs_page.h"
#define BW_HAVE_RUNS_PAGE 1
#endif

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
#ifdef BW_HAVE_DATA_PAGE
    pages << pageInfo<DataPage>(QStringLiteral("data"), Pages::tr("Data"), palette);
#endif
    pages << pageInfo<TokenizerPage>(QStringLiteral("tokenizer"), Pages::tr("Tokenizer"), palette);
#ifdef BW_HAVE_TRAIN_PAGE
    pages << pageInfo<TrainPage>(QStringLiteral("train"), Pages::tr("Train"), palette);
#endif
#ifdef BW_HAVE_RUNS_PAGE
    pages << pageInfo<RunsPage>(QStringLiteral("runs"), Pages::tr("Runs"), palette);
#endif
    pages << pageInfo<AttentionPage>(QStringLiteral("attention"), Pages::tr("Attention"), palette);
    pages << pageInfo<PlaygroundPage>(QStringLiteral("playground"), Pages::tr("Playground"), palette);
    pages << pageInfo<ExportPage>(QStringLiteral("export"), Pages::tr("Export"), palette);
    return pages;
}

}  // namespace bw::gui
