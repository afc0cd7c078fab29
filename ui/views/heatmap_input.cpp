// HeatmapWidget, input half: clicks, hover, keyboard, Ctrl+wheel zoom and tooltips.
#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>

#include "ui/views/heatmap_widget.h"

namespace bridgelc {

void HeatmapWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    const auto cell = cellAt(event->position().toPoint());
    if (cell.first < 0) return;
    setSelectedCell(cell.first, cell.second);
    Q_EMIT cellActivated(cell.first, cell.second);
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent* event) {
    const auto cell = cellAt(event->position().toPoint());
    if (cell.first != m_hoverTrue || cell.second != m_hoverPred) {
        m_hoverTrue = cell.first;
        m_hoverPred = cell.second;
        setCursor(cell.first >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void HeatmapWidget::leaveEvent(QEvent* event) {
    m_hoverTrue = m_hoverPred = -1;
    update();
    QWidget::leaveEvent(event);
}

void HeatmapWidget::keyPressEvent(QKeyEvent* event) {
    const int n = classes();
    if (n == 0) return QWidget::keyPressEvent(event);
    if (event->modifiers() & Qt::ControlModifier) {
        switch (event->key()) {
            case Qt::Key_Plus:
            case Qt::Key_Equal:
                return zoomIn();
            case Qt::Key_Minus:
                return zoomOut();
            case Qt::Key_0:
                return zoomToFit();
            default:
                break;
        }
    }
    // Arrows move on the screen, in display order.
    int r = m_selTrue >= 0 ? m_position[m_selTrue] : 0;
    int c = m_selPred >= 0 ? m_position[m_selPred] : 0;
    switch (event->key()) {
        case Qt::Key_Left:
            c = std::max(0, c - 1);
            break;
        case Qt::Key_Right:
            c = std::min(n - 1, c + 1);
            break;
        case Qt::Key_Up:
            r = std::max(0, r - 1);
            break;
        case Qt::Key_Down:
            r = std::min(n - 1, r + 1);
            break;
        case Qt::Key_Home:
            r = c = 0;
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
            break;
        default:
            return QWidget::keyPressEvent(event);
    }
    setSelectedCell(m_order[r], m_order[c]);
    Q_EMIT cellActivated(m_order[r], m_order[c]);
}

void HeatmapWidget::wheelEvent(QWheelEvent* event) {
    // Ctrl+wheel zooms, as in browsers and QGIS's layouts; the plain wheel scrolls the scroll area.
    if (!(event->modifiers() & Qt::ControlModifier) || classes() == 0) return QWidget::wheelEvent(event);
    const int steps = event->angleDelta().y();
    if (steps > 0) zoomIn();
    if (steps < 0) zoomOut();
    event->accept();
}

bool HeatmapWidget::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto cell = cellAt(help->pos());
        const int label = cell.first < 0 ? labelAt(help->pos()) : -1;
        if (cell.first >= 0) {
            QToolTip::showText(help->globalPos(), tooltipFor(cell.first, cell.second), this,
                               cellRect(cell.first, cell.second));
        } else if (label >= 0) {
            QToolTip::showText(help->globalPos(), labelTooltip(label), this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

}  // namespace bridgelc
