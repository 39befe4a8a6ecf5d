#pragma once
// Try the model: what it is (architecture, size, labels, load report), what it predicts for a text
// when it has a classification head, and how it fills [MASK] when it has a masked-LM head.
#include "widgets/shared/model_page.h"

class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStandardItemModel;
class QTextBrowser;
class QTreeView;

namespace bw::gui {

class ProbabilityChart;

class PlaygroundPage : public ModelPage {
    Q_OBJECT
public:
    PlaygroundPage(Workspace& workspace, QWidget* parent = nullptr);

    void classify(const QString& text, const QString& text_pair = {});
    void fillMask(const QString& text, int top_k);

    ProbabilityChart* probabilityChart() const { return chart_; }
    QString predictionText() const;
    QStandardItemModel* maskResults() const { return mask_results_; }
    QString summaryText() const;
    bool canClassify() const;
    bool canFillMask() const;

protected:
    void modelLoaded(const std::shared_ptr<const analysis::BertPipeline>& pipeline) override;

private:
    QGroupBox* buildClassifyBox();
    QGroupBox* buildFillMaskBox();
    void runClassification();
    void runFillMask();

    std::shared_ptr<const analysis::BertPipeline> pipeline_;
    QTextBrowser* summary_;
    QGroupBox* classify_box_;
    QPlainTextEdit* text_;
    QLineEdit* pair_;
    QLabel* prediction_;
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
