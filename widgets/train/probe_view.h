#pragma once
// What a masked-LM or pretraining run has learned so far, in words: a fixed probe sentence with a
// [MASK], and the top-k predictions of the latest checkpoint, loaded with analysis::BertPipeline
// on a worker thread after each checkpoint, with the top prediction of the earlier ones below.
#include "core/analysis/bert_pipeline.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace bw::gui {

class BackgroundTask;
class ProbabilityChart;

class ProbeView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kTopK = 5;

    explicit ProbeView(QWidget* parent = nullptr);

    // Fills the sentence's mask with the checkpoint's predictions; a checkpoint that arrives while
    // another is loading replaces it.
    void probe(const QString& checkpoint_dir, qint64 step);
    // Forgets the predictions and the history, also those of a checkpoint still loading (another
    // run is shown: its results must not land in this one's history).
    void clear();
    bool isLoading() const;

    QString sentence() const;
    void setSentence(const QString& text);
    // The predictions shown (of the last checkpoint probed), best first.
    const std::vector<analysis::MaskCandidate>& candidates() const { return candidates_; }

signals:
    void updated();

private:
    struct Request {
        QString checkpoint;
        qint64 step = 0;
        quint64 generation = 0;  // of clear() calls: a result for a view cleared since is dropped
    };

    void startNext();
    void showResult(const Request& request, std::shared_ptr<const analysis::BertPipeline> pipeline,
                    const std::vector<analysis::MaskFill>& fills, const QString& error);

    BackgroundTask* task_;
    quint64 generation_ = 0;
    std::optional<Request> waiting_;                          // the newest checkpoint not probed yet
    Request shown_;                                           // the checkpoint the predictions are of
    std::shared_ptr<const analysis::BertPipeline> pipeline_;  // of shown_: the sentence can change
    std::vector<analysis::MaskCandidate> candidates_;

    QLineEdit* sentence_;
    QLabel* source_;
    ProbabilityChart* chart_;
    QListWidget* history_;
};

}  // namespace bw::gui
