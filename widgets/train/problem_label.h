#pragma once
// The sentence that says why something cannot go on (an invalid setting, an engine error), in the
// error colour, hidden while there is nothing to say. Its object name is "problemLabel".
#include <QLabel>

namespace bw::gui {

class ProblemLabel : public QLabel {
    Q_OBJECT
public:
    explicit ProblemLabel(QWidget* parent = nullptr);

    // Shows `text`, or hides the label when it is empty.
    void setProblem(const QString& text);
};

}  // namespace bw::gui
