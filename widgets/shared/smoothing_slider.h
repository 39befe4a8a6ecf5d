#pragma once
// "Smoothing: [slider] 0.60": the weight of TensorBoard's EMA smoothing (0–0.99) over train curves,
// shared by the Train page's charts and the Runs page's comparison.
#include <QWidget>

class QLabel;
class QSlider;

namespace bw::gui {

class SmoothingSlider : public QWidget {
    Q_OBJECT
public:
    explicit SmoothingSlider(QWidget* parent = nullptr);

    double weight() const;
    void setWeight(double weight);  // rounded to the slider's hundredths

signals:
    void weightChanged(double weight);

private:
    QSlider* slider_;
    QLabel* value_;
};

}  // namespace bw::gui
