#pragma once
// Attention inspector: run a sentence (or pair) through the model and look at the attention of one
// head, the average of a layer's heads, or the rollout through the layers; hide [CLS]/[SEP];
// compare with a second model; save the picture.
#include "widgets/attention/attention_math.h"
#include "widgets/shared/model_page.h"
#include "widgets/workbench/page_state.h"

#include <QStringList>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSpinBox;

namespace bw::gui {

class AttentionHeatmap;
class HeadGrid;
class ModelPickerDialog;

class AttentionPage : public ModelPage, public PageState {
    Q_OBJECT
public:
    AttentionPage(Workspace& workspace, QWidget* parent = nullptr);

    // The texts, the view (mode, layer, head), hidden special tokens and the model compared with.
    QVariantMap viewState() const override;
    void restoreViewState(const QVariantMap& state) override;

    // Runs the model on the text (and second text) and shows the result.
    void setInputs(const QString& text, const QString& text_pair = {});
    void setView(const AttentionView& view);
    void setHideSpecialTokens(bool hide);
    // A second model to compare with ("" stops comparing); the heatmap shows this model − that one.
    void setComparisonModel(const QString& dir);
    // "Model…": the window's model picker, open (it closes itself and sets the comparison model).
    ModelPickerDialog* chooseComparisonModel();

    const AttentionStack& attention() const { return stack_; }
    AttentionHeatmap* heatmap() const { return heatmap_; }
    HeadGrid* headGrid() const { return grid_; }
    QString problem() const;  // the line that says what went wrong, empty when all is well
    QString note() const;     // says when the text was cut to the model's length, else empty
    // What the heatmap shows, above it and in a saved image: the view, the model (and the one it is
    // compared with), whether [CLS]/[SEP] are hidden.
    QString viewTitle() const;

protected:
    void modelLoaded(const std::shared_ptr<const analysis::BertPipeline>& pipeline) override;

private:
    QWidget* buildControls();
    void run();
    void redraw();
    void saveImage();
    AttentionView currentView() const;
    void setProblem(const QString& text);

    std::shared_ptr<const analysis::BertPipeline> pipeline_;
    std::shared_ptr<const analysis::BertPipeline> other_;  // the comparison model
    QString other_dir_;
    QString other_error_;  // why the comparison model failed to load
    QString run_error_;    // why the model failed on the text
    AttentionStack stack_;
    AttentionStack other_stack_;
    QStringList tokens_;
    QStringList other_tokens_;
    std::vector<bool> keep_;  // tokens shown (all, or all but the special ones)
    std::vector<bool> special_;
    std::vector<int> segments_;  // per token: 0 sentence A, 1 sentence B
    bool truncated_ = false;  // the model saw only the text's first max_length tokens
    std::optional<AttentionView> pending_view_;  // restored before the model had loaded: set once it has

    QLineEdit* text_;
    QLineEdit* pair_;
    QComboBox* mode_;
    QSpinBox* layer_;
    QSpinBox* head_;
    QCheckBox* hide_specials_;
    QCheckBox* compare_;
    QLabel* other_label_;
    QLabel* problem_;
    QLabel* note_;
    AttentionHeatmap* heatmap_;
    HeadGrid* grid_;
    QScrollArea* heads_scroll_;
};

}  // namespace bw::gui
