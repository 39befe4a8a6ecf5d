#pragma once
// Try the model: what it is (architecture, size, labels, load report), what it predicts for a text
// when it has a classification head, and how it fills [MASK] when it has a masked-LM head. A model
// a run of the workspace trained on sentence pairs asks for the second sentence.
#include "widgets/shared/model_page.h"
#include "widgets/workbench/page_state.h"

#include <memory>

class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTextBrowser;
class QTreeView;

namespace bw::gui {

class ProbabilityChart;
class StoreConnection;

class PlaygroundPage : public ModelPage, public PageState {
    Q_OBJECT
public:
    PlaygroundPage(Workspace& workspace, QWidget* parent = nullptr);
    ~PlaygroundPage() override;

    // The texts typed (to classify, its pair, to fill) and top-k; the answers come again on a click.
    QVariantMap viewState() const override;
    void restoreViewState(const QVariantMap& state) override;

    void classify(const QString& text, const QString& text_pair = {});
    void fillMask(const QString& text, int top_k);

    ProbabilityChart* probabilityChart() const { return chart_; }
    QString predictionText() const;
    QStandardItemModel* maskResults() const { return mask_results_; }
    QString maskNote() const;  // under the masks: why none was filled, or that the text was cut
    QStandardItemModel* tokenLabels() const { return token_model_; }  // a tagger's: token, label, probability
    QString summaryText() const;
    bool canClassify() const;
    bool canFillMask() const;
    // Whether a run of the workspace trained the model on sentence pairs; the warning shown while
    // its second sentence is empty ("" when none is).
    bool readsPairs() const { return !pair_run_.isEmpty(); }
    QString pairWarning() const;
    // What the page says when the model's limit cut the text ("" when it did not).
    QString truncationNote() const;

protected:
    void modelLoaded(const std::shared_ptr<const analysis::BertPipeline>& pipeline) override;

private:
    QGroupBox* buildClassifyBox();
    QGroupBox* buildFillMaskBox();
    void runClassification();
    void runFillMask();
    QString pairRunOf(const analysis::BertPipeline& pipeline);  // "#4 “mrpc-base”", or "" when not a pair model
    void updatePairWarning();
    void showTruncation(bool truncated, size_t tokens);

    std::shared_ptr<const analysis::BertPipeline> pipeline_;
    std::unique_ptr<StoreConnection> store_;
    QString pair_run_;  // the run that trained the model on pairs, as named in the warning
    QTextBrowser* summary_;
    QGroupBox* classify_box_;
    QPlainTextEdit* text_;
    QLineEdit* pair_;
    QLabel* pair_warning_;
    QLabel* prediction_;
    QPushButton* classify_button_;
    QLabel* truncation_note_;
    ProbabilityChart* chart_;
    QTreeView* token_labels_;
    QStandardItemModel* token_model_;
    QGroupBox* mask_box_;
    QLineEdit* mask_text_;
    QSpinBox* top_k_;
    QLabel* mask_problem_;
    QStandardItemModel* mask_results_;
    QTreeView* mask_view_;
    QLabel* no_head_;
};

}  // namespace bw::gui
