// The Runs page on a large store (issue 17 §4), a real widget on the offscreen platform:
//   QT_QPA_PLATFORM=offscreen bench_runs_page PATH [--repeats R]
// times opening the workspace, opening the page (table filled, newest run's curves drawn), sorting
// by each kind of column, refreshing (every run read again), polling (what the page does every 2 s
// while a run trains: the running runs read again), and selecting
// one run and 20 runs (curves, settings and evaluations compared). PATH: a store bench_store_load made.
// stdout: one JSON line per measurement (store_load_timing.h).
#include "core/store/experiment_store.h"
#include "tests/bench/store_load_timing.h"
#include "widgets/runs/runs_page.h"
#include "widgets/runs/runs_table_model.h"
#include "widgets/workbench/workspace.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QTableView>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

using namespace bw;
using namespace bw::gui;

namespace {

// The page has drawn what the calls before changed.
void settle() { QApplication::processEvents(); }

QList<qint64> spreadIds(const QAbstractItemModel* table, int count) {
    QList<qint64> ids;
    const int rows = table->rowCount();
    for (int k = 0; k < count && k < rows; ++k)
        ids << table->index(k * rows / count, RunsTableModel::Id).data().toLongLong();
    return ids;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2 || !std::filesystem::exists(args[1].toStdString())) {
        std::cerr << "usage: bench_runs_page STORE [--repeats R]  (a store made by bench_store_load)\n";
        return 2;
    }
    const QString path = args[1];
    const int repeats = args.size() > 3 && args[2] == QLatin1String("--repeats") ? std::max(1, args[3].toInt()) : 3;

    Workspace workspace;
    QString error;
    bench::Timings ms = bench::timeMs(1, [&] {
        if (!workspace.openStore(path, &error)) throw std::runtime_error(error.toStdString());
    });
    bench::printTiming("workspace-open", ms, 0, {{"note", "verifies every page (PRAGMA quick_check)"}});

    std::unique_ptr<RunsPage> page;
    ms = bench::timeMs(repeats, [&] {
        page.reset();
        page = std::make_unique<RunsPage>(workspace);
        page->resize(1400, 900);
        page->show();
        settle();
    });
    const QAbstractItemModel* table = page->runsTable();
    bench::printTiming("runs-page-open", ms, 1000, {{"rows", table->rowCount()}});

    auto* view = page->findChild<QTableView*>(QStringLiteral("runsTable"));
    const std::vector<std::pair<const char*, int>> columns = {{"name", RunsTableModel::Name},
                                                              {"best-metric", RunsTableModel::BestMetric},
                                                              {"duration", RunsTableModel::Duration},
                                                              {"status", RunsTableModel::Status}};
    for (const auto& [name, column] : columns) {
        Qt::SortOrder order = Qt::AscendingOrder;
        ms = bench::timeMs(repeats, [&, column = column] {
            view->sortByColumn(column, order);
            order = order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
            settle();
        });
        bench::printTiming(std::string("runs-page-sort-") + name, ms, 1000);
    }
    view->sortByColumn(RunsTableModel::Id, Qt::DescendingOrder);

    ms = bench::timeMs(repeats, [&] {
        page->refresh();
        settle();
    });
    bench::printTiming("runs-page-refresh", ms, 0, {{"note", "every run read again (runs added, renamed or ended, as the store watcher announces)"}});

    // What the window's store watcher reads after another process committed (every 2 s at most while
    // anything writes): the digest of every listing.
    {
        store::ExperimentStore store = store::ExperimentStore::open(path.toStdString());
        ms = bench::timeMs(repeats, [&] { store.listingsDigest(); });
        bench::printTiming("store-watcher-digest", ms, 0, {{"note", "read after another connection's commit"}});
    }

    // What the timer does every 2 s while a run trains: the running runs alone. The newest run is
    // marked running by this process (so that no one finds it dead), then given its status back.
    const int64_t newest = table->index(0, RunsTableModel::Id).data().toLongLong();
    std::optional<store::RunStatus> newest_status;
    {
        store::ExperimentStore store = store::ExperimentStore::open(path.toStdString());
        newest_status = store.getRun(newest)->status;
        store.markRunning(newest);
    }
    page->refresh();
    settle();
    if (!page->isPolling()) throw std::runtime_error("the page does not poll a running run");
    ms = bench::timeMs(repeats, [&] {
        page->poll();
        settle();
    });
    bench::printTiming("runs-page-poll", ms, 0, {{"running_run", newest}, {"note", "polled every 2 s while a run trains"}});
    if (*newest_status != store::RunStatus::Running)
        store::ExperimentStore::open(path.toStdString()).finishRun(newest, *newest_status);
    page->refresh();
    settle();

    const QList<qint64> twenty = spreadIds(table, 20);
    const QList<qint64> one = spreadIds(table, 2).mid(1, 1);  // a run from the middle of the store
    ms = bench::timeMs(repeats, [&] {
        page->selectRuns({});
        settle();
        page->selectRuns(one);
        settle();
    });
    bench::printTiming("runs-page-select-1", ms, 200, {{"runs", one.size()}});
    ms = bench::timeMs(repeats, [&] {
        page->selectRuns({});
        settle();
        page->selectRuns(twenty);
        settle();
    });
    bench::printTiming("runs-page-select-20", ms, 1000, {{"runs", twenty.size()}});
    return 0;
}
