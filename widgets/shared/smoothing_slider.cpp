#include "widgets/shared/smoothing_slider.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

#include <cmath>

namespace bw::gui {
namespace {

constexpr int kSteps = 99;  // the slider's 0..99 is a weight of 0.00..0.99
constexpr int kTensorBoardDefault = 60;

}  // namespace

SmoothingSlider::SmoothingSlider(QWidget* parent) : QWidget(parent), slider_(new QSlider(Qt::Horizontal)), value_(new QLabel) {
    slider_->setObjectName("smoothingSlider");
    slider_->setRange(0, kSteps);
    slider_->setValue(kTensorBoardDefault);
    slider_->setMaximumWidth(220);
    slider_->setToolTip(
        tr("Exponential moving average of the train curves, as TensorBoard's smoothing; "
           "the raw curve stays faint behind."));
    value_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.00")));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Smoothing:")));
    layout->addWidget(slider_);
    layout->addWidget(value_);
    const auto show_value = [this] { value_->setText(QString::number(weight(), 'f', 2)); };
    show_value();
    connect(slider_, &QSlider::valueChanged, this, [this, show_value] {
        show_value();
        emit weightChanged(weight());
    });
}

double SmoothingSlider::weight() const { return slider_->value() / 100.0; }

void SmoothingSlider::setWeight(double weight) { slider_->setValue(static_cast<int>(std::lround(weight * 100))); }

}  // namespace bw::gui
