#include "widgets/data/dataset_rows_model.h"

#include "core/metrics/entity_extraction.h"
#include "core/store/experiment_store.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"
#include "widgets/store/store_connection.h"

#include <utility>

namespace bw::gui {

namespace {

constexpr int kShownCharacters = 400;  // of a long text in its cell; the row's detail shows it whole

QString oneLine(const std::string& text) {
    QString shown = QString::fromStdString(text);
    if (shown.size() > kShownCharacters) shown = shown.left(kShownCharacters) + QChar(0x2026);
    return shown.simplified();
}

}  // namespace

// Only one page (or count) is read at a time, so one worker thread after another uses the
// connection, never two at once, as an ExperimentStore asks.
struct DatasetRowsModel::Reader {
    std::optional<store::ExperimentStore> store;

    store::ExperimentStore& open(const QString& path) {
        if (!store || store->path() != path.toStdString()) {
            store.reset();
            store = openWorkspaceStore(path.toStdString());
        }
        return *store;
    }
};

// The row's entities ("PER: John Smith · LOC: Paris"); tags that are not entity tags (part of speech
// "NN VBZ", a column chosen by mistake) are shown as they are: they once threw from this model's
// slot, and the exception ended the window.
QString entitiesText(const data::Example& row) {
    std::vector<metrics::Entity> entities;
    try {
        entities = metrics::extractEntities(row.tags);
    } catch (const std::exception&) {
        QStringList tags;
        for (const std::string& tag : row.tags) tags << QString::fromStdString(tag);
        return tags.join(QLatin1Char(' '));
    }
    QStringList parts;
    for (const metrics::Entity& entity : entities) {
        QStringList words;
        for (size_t i = entity.start; i < entity.end && i < row.words.size(); ++i)
            words << QString::fromStdString(row.words[i]);
        parts << QStringLiteral("%1: %2").arg(QString::fromStdString(entity.type), words.join(QLatin1Char(' ')));
    }
    return parts.join(QStringLiteral(" · "));
}

DatasetRowsModel::DatasetRowsModel(QObject* parent)
    : QAbstractTableModel(parent), page_task_(new BackgroundTask(this)), count_task_(new BackgroundTask(this)),
      page_reader_(std::make_shared<Reader>()), count_reader_(std::make_shared<Reader>()) {}

DatasetRowsModel::~DatasetRowsModel() = default;

void DatasetRowsModel::setQuery(DatasetRowsQuery query) {
    beginResetModel();
    query_ = std::move(query);
    ++generation_;
    rows_.clear();
    entities_.clear();
    cursor_ = {};
    at_end_ = query_.dataset_id == 0 || query_.split.isEmpty() || query_.store_path.isEmpty();
    match_count_.reset();
    endResetModel();
    emit countChanged();
    if (at_end_) {
        emit pageLoaded();
        return;
    }
    readPage();
    readCount();
}

void DatasetRowsModel::readPage() {
    if (at_end_ || page_task_->isRunning()) return;  // a running read starts the next one when it ends
    struct Result {
        store::DatasetRowPage page;
        QString error;
    };
    auto result = std::make_shared<Result>();
    page_task_->start(
        [query = query_, cursor = cursor_, reader = page_reader_, result] {
            try {
                result->page = reader->open(query.store_path)
                                   .findRows(query.dataset_id, query.split.toStdString(), query.filter, cursor, kPageSize,
                                             query.order);
            } catch (const std::exception& e) {
                reader->store.reset();  // the next read opens the file again
                result->error = errorText(e);
            }
        },
        [this, result, generation = generation_] {
            if (generation != generation_) {  // read for an earlier query
                if (rows_.empty()) readPage();
                return;
            }
            if (!result->error.isEmpty()) {
                at_end_ = true;
                emit failed(result->error);
                emit pageLoaded();
                return;
            }
            store::DatasetRowPage& page = result->page;
            cursor_ = page.next;
            at_end_ = page.at_end;
            if (!page.rows.empty()) {
                const int first = static_cast<int>(rows_.size());
                beginInsertRows({}, first, first + static_cast<int>(page.rows.size()) - 1);
                for (store::BrowsedRow& row : page.rows) {
                    entities_.push_back(row.example.tags.empty() ? QString() : entitiesText(row.example));
                    rows_.push_back(std::move(row));
                }
                endInsertRows();
            }
            emit pageLoaded();
        });
}

void DatasetRowsModel::readCount() {
    if (count_task_->isRunning()) return;
    struct Result {
        int64_t count = 0;
        QString error;
    };
    auto result = std::make_shared<Result>();
    count_task_->start(
        [query = query_, reader = count_reader_, result] {
            try {
                result->count =
                    reader->open(query.store_path).countRows(query.dataset_id, query.split.toStdString(), query.filter);
            } catch (const std::exception& e) {
                reader->store.reset();
                result->error = errorText(e);
            }
        },
        [this, result, generation = generation_] {
            if (generation != generation_) {
                if (!match_count_ && query_.dataset_id != 0) readCount();
                return;
            }
            if (!result->error.isEmpty()) {
                emit failed(result->error);
                return;
            }
            match_count_ = result->count;
            emit countChanged();
        });
}

const store::BrowsedRow* DatasetRowsModel::rowAt(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size()) ? &rows_[static_cast<size_t>(row)] : nullptr;
}

bool DatasetRowsModel::isLoading() const { return page_task_->isRunning() || count_task_->isRunning(); }

int DatasetRowsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int DatasetRowsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DatasetRowsModel::data(const QModelIndex& index, int role) const {
    const store::BrowsedRow* row = rowAt(index.row());
    if (!row) return {};
    const data::Example& e = row->example;
    if (role == Qt::TextAlignmentRole && (index.column() == Number || index.column() == Line ||
                                          index.column() == Document || index.column() == Characters))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Number: return QVariant::fromValue<qlonglong>(row->number);
    case Line: return e.source_line > 0 ? QVariant::fromValue<qulonglong>(e.source_line) : QVariant();
    case Document: return QVariant::fromValue<qlonglong>(e.document);
    case Text: return oneLine(e.text);
    case Pair: return e.text_pair ? oneLine(*e.text_pair) : QString();
    case Label: return e.tags.empty() ? QString::fromStdString(e.label) : entities_[static_cast<size_t>(index.row())];
    case Characters:  // code points, as SQLite's length() that sorts them
        return QVariant::fromValue<qlonglong>(QString::fromStdString(e.text).toUcs4().size() +
                                              (e.text_pair ? QString::fromStdString(*e.text_pair).toUcs4().size() : 0));
    default: return {};
    }
}

QVariant DatasetRowsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Number: return tr("Row");
    case Line: return tr("Line");
    case Document: return tr("Document");
    case Text: return tr("Text");
    case Pair: return tr("Second text");
    case Label: return query_.task_kind == QLatin1String("token") ? tr("Entities") : tr("Label");
    case Characters: return tr("Characters");
    default: return {};
    }
}

bool DatasetRowsModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !at_end_ && !page_task_->isRunning();
}

void DatasetRowsModel::fetchMore(const QModelIndex& parent) {
    if (!parent.isValid()) readPage();
}

}  // namespace bw::gui
