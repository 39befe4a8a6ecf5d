// The Data page's Rows tab (DatasetRowsView over DatasetRowsModel) on a real store with the SST-2
// slices and a CoNLL-2003 slice: pages load on a worker thread as the table scrolls, the filters
// find what the files say (counted here from the files themselves), a token row's entities are
// the spans its tags mark, a row opens in the Playground, and a store refresh keeps the rows shown.
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "widgets/data/data_page.h"
#include "widgets/data/dataset_rows_model.h"
#include "widgets/data/dataset_rows_view.h"
#include "widgets/workbench/workspace.h"

#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QLineEdit>
#include <QtTest>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace bw;
using namespace bw::gui;

namespace {

const QString kFixtures = QStringLiteral(BW_FIXTURES_DIR);
const std::string kSst2Train = (kFixtures + QStringLiteral("/data/sst2_train_head300.tsv")).toStdString();
const std::string kSst2Dev = (kFixtures + QStringLiteral("/data/sst2_dev.tsv")).toStdString();
const std::string kConll = (kFixtures + QStringLiteral("/data/conll2003_valid_head300.txt")).toStdString();
constexpr int kWaitMs = 30000;

struct TsvRow {
    QString text, label;
};

// sentence<TAB>label with a header, read here rather than by the engine's reader.
std::vector<TsvRow> readTsv(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::vector<TsvRow> rows;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        rows.push_back({QString::fromStdString(line.substr(0, tab)).trimmed(), QString::fromStdString(line.substr(tab + 1)).trimmed()});
    }
    return rows;
}

struct ConllSentence {
    std::vector<std::string> words, tags;
};

std::vector<ConllSentence> readConll(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::vector<ConllSentence> sentences(1);
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \r") == std::string::npos) {
            if (!sentences.back().words.empty()) sentences.emplace_back();
            continue;
        }
        sentences.back().words.push_back(line.substr(0, line.find(' ')));
        sentences.back().tags.push_back(line.substr(line.rfind(' ') + 1));
    }
    if (sentences.back().words.empty()) sentences.pop_back();
    return sentences;
}

// The IOB2 spans of a sentence as "TYPE: words", joined by " · ", worked out here.
QString expectedEntities(const ConllSentence& s) {
    QStringList parts;
    for (size_t i = 0; i < s.tags.size();) {
        if (s.tags[i] == "O") {
            ++i;
            continue;
        }
        const std::string type = s.tags[i].substr(2);
        QStringList words{QString::fromStdString(s.words[i])};
        size_t j = i + 1;
        while (j < s.tags.size() && s.tags[j] == "I-" + type) words << QString::fromStdString(s.words[j++]);
        parts << QString::fromStdString(type) + QStringLiteral(": ") + words.join(QLatin1Char(' '));
        i = j;
    }
    return parts.join(QStringLiteral(" · "));
}

void importFile(const QString& store_path, const std::string& file, const std::string& name, const std::string& split,
                int tag_column = -1) {
    auto store = store::ExperimentStore::open(store_path.toStdString());
    store::ImportRequest request;
    request.input = file;
    request.name = name;
    request.split = split;
    request.mapping.tag_column = tag_column;
    store::importDataset(store, request);
}

bool waitLoaded(DatasetRowsModel* model) {
    return QTest::qWaitFor([&] { return !model->isLoading() && model->matchCount().has_value(); }, kWaitMs);
}

// The Data page on a store, with one dataset selected: its rows view.
struct RowsOf {
    Workspace workspace;
    std::unique_ptr<DataPage> page;
    DatasetRowsView* view = nullptr;

    bool open(const QString& store_path, const QString& dataset) {
        if (!workspace.openStore(store_path, nullptr)) return false;
        page = std::make_unique<DataPage>(workspace);
        view = page->rowsView();
        return page->selectDataset(dataset);
    }
};

}  // namespace

class TestDatasetRowsView : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString store_path_;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        store_path_ = dir_.filePath(QStringLiteral("rows.sqlite"));
        importFile(store_path_, kSst2Train, "sst2", "train");
        importFile(store_path_, kSst2Dev, "sst2", "validation");
        importFile(store_path_, kConll, "conll", "train");
        importFile(store_path_, kConll, "conll-pos", "train", 1);  // CoNLL-2003's second column: part of speech
    }

    void pagesLoadAsTheTableScrolls() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        DataPage page(workspace);
        page.resize(1400, 900);
        page.show();
        QVERIFY(page.selectDataset(QStringLiteral("sst2")));
        page.showRows(true);
        DatasetRowsView* view = page.rowsView();
        DatasetRowsModel* model = view->model();
        QCOMPARE(view->currentSplit(), QStringLiteral("train"));
        QVERIFY(waitLoaded(model));
        // The first page only: 300 rows are there, 200 are read.
        QCOMPARE(model->rowCount(), DatasetRowsModel::kPageSize);
        QVERIFY(!model->allLoaded());
        QCOMPARE(view->countText(), QStringLiteral("300 rows"));

        const std::vector<TsvRow> train = readTsv(kSst2Train);
        for (int row : {0, 1, 199}) {
            QCOMPARE(model->index(row, DatasetRowsModel::Number).data().toLongLong(), qlonglong(row));
            QCOMPARE(model->index(row, DatasetRowsModel::Text).data().toString(), train[row].text.simplified());
            QCOMPARE(model->index(row, DatasetRowsModel::Label).data().toString(), train[row].label);
            QCOMPARE(model->index(row, DatasetRowsModel::Line).data().toLongLong(), qlonglong(row + 2));
        }
        QVERIFY(view->table()->isColumnHidden(DatasetRowsModel::Pair));
        QVERIFY(view->table()->isColumnHidden(DatasetRowsModel::Document));

        // Scrolling to the end reads the rest.
        view->table()->scrollToBottom();
        QVERIFY(QTest::qWaitFor([&] { return model->allLoaded() && !model->isLoading(); }, kWaitMs));
        QCOMPARE(model->rowCount(), 300);
        QCOMPARE(model->index(299, DatasetRowsModel::Text).data().toString(), train[299].text.simplified());

        // A store refresh (a run ended, say) keeps what is shown.
        workspace.notifyStoreContentsChanged();
        QCoreApplication::processEvents();
        QCOMPARE(model->rowCount(), 300);
    }

    void filtersFindWhatTheFileSays() {
        RowsOf rows;
        QVERIFY(rows.open(store_path_, QStringLiteral("sst2")));
        DatasetRowsView* view = rows.view;
        DatasetRowsModel* model = view->model();
        QVERIFY(view->setSplit(QStringLiteral("validation")));
        QVERIFY(!view->setSplit(QStringLiteral("test")));
        const std::vector<TsvRow> dev = readTsv(kSst2Dev);

        view->setFilter(QStringLiteral("Funny"));
        QVERIFY(waitLoaded(model));
        std::vector<int> want;
        for (size_t i = 0; i < dev.size(); ++i)
            if (dev[i].text.contains(QStringLiteral("funny"), Qt::CaseInsensitive)) want.push_back(int(i));
        QVERIFY(want.size() > 5);
        QCOMPARE(view->countText(), QStringLiteral("%1 of 872 rows match").arg(want.size()));
        QCOMPARE(model->rowCount(), int(want.size()));
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->index(r, DatasetRowsModel::Number).data().toInt(), want[size_t(r)]);

        view->setFilter(QStringLiteral("funny"), QStringLiteral("1"));
        QVERIFY(waitLoaded(model));
        int positive = 0;
        for (const TsvRow& row : dev)
            positive += row.label == QLatin1String("1") && row.text.contains(QStringLiteral("funny"), Qt::CaseInsensitive);
        QCOMPARE(model->matchCount().value_or(-1), int64_t(positive));
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->index(r, DatasetRowsModel::Label).data().toString(), QStringLiteral("1"));

        // The selected row in full, and on to the Playground with its text.
        view->table()->selectRow(0);
        const int number = model->index(0, DatasetRowsModel::Number).data().toInt();
        const TsvRow& first = dev[size_t(number)];
        QVERIFY2(view->detailText().contains(first.text), qPrintable(view->detailText()));
        // Where it is, in the Errors page's words: the file's line (a header, then a row a line).
        QVERIFY2(view->detailText().contains(
                     QStringLiteral("Line %1 of the file (row %2 of the split)").arg(number + 2).arg(number)),
                 qPrintable(view->detailText()));
        QSignalSpy requested(&rows.workspace, &Workspace::textOnPageRequested);
        QPushButton* playground = nullptr;
        for (QPushButton* button : view->findChildren<QPushButton*>())
            if (button->text() == QLatin1String("Open in Playground")) playground = button;
        QVERIFY(playground && playground->isEnabled());
        QTest::mouseClick(playground, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).toString(), QStringLiteral("playground"));
        QCOMPARE(requested.first().at(1).toString().trimmed(), first.text);

        view->setFilter(QStringLiteral("no review says this"));
        QVERIFY(waitLoaded(model));
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(view->countText(), QStringLiteral("0 of 872 rows match"));

        // Another dataset starts with an empty search: the typed one was for these rows.
        QVERIFY(rows.page->selectDataset(QStringLiteral("conll")));
        QVERIFY(waitLoaded(model));
        QCOMPARE(view->findChild<QLineEdit*>(QStringLiteral("rowsSearch"))->text(), QString());
        QVERIFY(model->rowCount() > 0);
        QVERIFY2(!view->countText().contains(QStringLiteral("match")), qPrintable(view->countText()));
    }

    // Longest first: the rows the file's longest texts are on (characters counted here, ties in
    // file order), with a filter kept; back to the file's order.
    void rowsSortByLength() {
        RowsOf rows;
        QVERIFY(rows.open(store_path_, QStringLiteral("sst2")));
        DatasetRowsView* view = rows.view;
        DatasetRowsModel* model = view->model();
        QVERIFY(view->setSplit(QStringLiteral("validation")));
        std::vector<std::pair<qsizetype, int>> lengths;  // (characters, row)
        {
            std::ifstream in(kSst2Dev);
            std::string line;
            std::getline(in, line);
            for (int row = 0; std::getline(in, line); ++row)
                lengths.push_back({QString::fromStdString(line.substr(0, line.find('\t'))).toUcs4().size(), row});
        }
        std::stable_sort(lengths.begin(), lengths.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        auto* order = view->findChild<QComboBox*>(QStringLiteral("rowsOrderCombo"));
        QCOMPARE(order->currentText(), QStringLiteral("In file order"));
        view->setOrder(store::DatasetRowOrder::LongestFirst);
        QCOMPARE(order->currentText(), QStringLiteral("Longest first"));
        QVERIFY(waitLoaded(model));
        QCOMPARE(model->rowCount(), DatasetRowsModel::kPageSize);
        for (int r = 0; r < 5; ++r) {
            QCOMPARE(model->index(r, DatasetRowsModel::Number).data().toInt(), lengths[size_t(r)].second);
            QCOMPARE(model->index(r, DatasetRowsModel::Characters).data().toLongLong(), qlonglong(lengths[size_t(r)].first));
        }
        auto* table = view->findChild<QTableView*>();
        QVERIFY(!table->isColumnHidden(DatasetRowsModel::Characters));  // the number the rows are sorted by
        QCOMPARE(model->index(DatasetRowsModel::kPageSize - 1, DatasetRowsModel::Number).data().toInt(),
                 lengths[DatasetRowsModel::kPageSize - 1].second);

        view->setFilter({}, QStringLiteral("0"));  // the order stays
        QVERIFY(waitLoaded(model));
        const std::vector<TsvRow> dev = readTsv(kSst2Dev);
        int first_negative = -1;
        for (const auto& [length, row] : lengths)
            if (dev[size_t(row)].label == QLatin1String("0")) {
                first_negative = row;
                break;
            }
        QCOMPARE(model->index(0, DatasetRowsModel::Number).data().toInt(), first_negative);

        view->setOrder(store::DatasetRowOrder::Split);
        QVERIFY(waitLoaded(model));
        QVERIFY(model->index(0, DatasetRowsModel::Number).data().toInt() < model->index(1, DatasetRowsModel::Number).data().toInt());
        QVERIFY(table->isColumnHidden(DatasetRowsModel::Characters));
    }

    // Multi-label rows ("insult, toxic"): the label box offers each label alone, and one finds
    // every row that has it.
    void eachLabelOfMultiLabelRows() {
        const QString file = dir_.filePath(QStringLiteral("comments.tsv"));
        std::ofstream(file.toStdString()) << "text\tlabels\n"
                                             "you are a fool\ttoxic\n"
                                             "what an idiot\tinsult, toxic\n"
                                             "I will find you\tobscene,toxic,threat\n"
                                             "dimwit\tinsult\n";
        importFile(store_path_, file.toStdString(), "comments", "train");
        RowsOf rows;
        QVERIFY(rows.open(store_path_, QStringLiteral("comments")));
        DatasetRowsView* view = rows.view;
        auto* labels = view->findChild<QComboBox*>(QStringLiteral("rowsLabelCombo"));
        QStringList offered;
        for (int i = 0; i < labels->count(); ++i)
            if (!labels->itemData(i).toString().isEmpty()) offered << labels->itemData(i).toString();
        QCOMPARE(offered, QStringList({"insult", "obscene", "threat", "toxic", "insult, toxic", "obscene,toxic,threat"}));
        view->setFilter({}, QStringLiteral("toxic"));
        QVERIFY(waitLoaded(view->model()));
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(view->countText(), QStringLiteral("3 of 4 rows match"));
        view->setFilter({}, QStringLiteral("insult"));
        QVERIFY(waitLoaded(view->model()));
        QCOMPARE(view->model()->index(0, DatasetRowsModel::Number).data().toInt(), 1);
        QCOMPARE(view->model()->index(1, DatasetRowsModel::Number).data().toInt(), 3);
    }

    // A row's text read whole keeps its own spaces: AG News' title and description joined with "  | "
    // read as " | " in the rows pane (HTML collapsed them) and as "  | " in the Errors table.
    void theTextKeepsItsSpaces() {
        const QString file = dir_.filePath(QStringLiteral("joined.tsv"));
        std::ofstream(file.toStdString()) << "text\tlabel\n"
                                             "Wall Street ends higher  | Stocks rose on Friday\t3\n";
        importFile(store_path_, file.toStdString(), "joined", "train");
        RowsOf rows;
        QVERIFY(rows.open(store_path_, QStringLiteral("joined")));
        DatasetRowsView* view = rows.view;
        view->setFilter({});
        QVERIFY(waitLoaded(view->model()));
        view->table()->selectRow(0);
        QVERIFY2(view->detailText().contains(QStringLiteral("Wall Street ends higher  | Stocks rose on Friday")),
                 qPrintable(view->detailText()));
    }

    // Part-of-speech tags are no entity tags: the rows show them as they are (reading them as
    // entities once threw from the model's slot and ended the window).
    void tagsThatAreNotEntitiesAreShownAsTheyAre() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        DataPage page(workspace);
        QVERIFY(page.selectDataset(QStringLiteral("conll-pos")));
        DatasetRowsModel* model = page.rowsView()->model();
        page.rowsView()->setFilter({});
        QVERIFY(waitLoaded(model));
        QVERIFY(model->rowCount() > 0);
        // The first sentence's second column, read here.
        std::ifstream in(kConll);
        QStringList first_tags;
        for (std::string line; std::getline(in, line) && !line.empty();) {
            std::istringstream fields(line);
            std::string word, pos;
            fields >> word >> pos;
            first_tags << QString::fromStdString(pos);
        }
        QVERIFY(first_tags.contains(QStringLiteral("NNP")));
        QCOMPARE(model->index(0, DatasetRowsModel::Label).data().toString(), first_tags.join(' '));
    }

    void tokenRowsShowTheirEntities() {
        RowsOf rows;
        QVERIFY(rows.open(store_path_, QStringLiteral("conll")));
        DatasetRowsView* view = rows.view;
        DatasetRowsModel* model = view->model();
        QCOMPARE(model->headerData(DatasetRowsModel::Label, Qt::Horizontal).toString(), QStringLiteral("Entities"));
        auto* labels = view->findChild<QComboBox*>(QStringLiteral("rowsLabelCombo"));
        QVERIFY(labels->findData(QStringLiteral("B-MISC")) > 0);
        QCOMPARE(labels->findData(QStringLiteral("O")), -1);

        view->setFilter({}, QStringLiteral("B-MISC"));
        QVERIFY(waitLoaded(model));
        const std::vector<ConllSentence> sentences = readConll(kConll);
        std::vector<size_t> want;
        for (size_t i = 0; i < sentences.size(); ++i)
            for (const std::string& tag : sentences[i].tags)
                if (tag == "B-MISC") {
                    want.push_back(i);
                    break;
                }
        QCOMPARE(model->matchCount().value_or(-1), int64_t(want.size()));
        QCOMPARE(model->rowCount(), int(want.size()));
        for (int r = 0; r < model->rowCount(); ++r) {
            const ConllSentence& s = sentences[want[size_t(r)]];
            QCOMPARE(model->index(r, DatasetRowsModel::Label).data().toString(), expectedEntities(s));
            QVERIFY(model->index(r, DatasetRowsModel::Label).data().toString().contains(QStringLiteral("MISC: ")));
        }
        view->table()->selectRow(0);
        QVERIFY2(view->detailText().contains(QStringLiteral("B-MISC")), qPrintable(view->detailText()));

        if (const char* dir = std::getenv("BW_SCREENSHOT_DIR")) {
            rows.page->resize(1500, 900);
            rows.page->show();
            rows.page->showRows(true);
            view->setFilter(QStringLiteral("germany"));
            QVERIFY(waitLoaded(model));
            view->table()->selectRow(1);
            QTest::qWait(100);
            rows.page->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/data-rows.png"));
        }
    }
};

QTEST_MAIN(TestDatasetRowsView)
#include "test_dataset_rows_view.moc"
