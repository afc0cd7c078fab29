#include "ui/map/map_panel_controls.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/map/map_points.h"
#include "ui/map/map_renderer.h"

namespace bridgelc {

MapPanelControls::MapPanelControls(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    m_title = new QLabel(tr("Nothing to show yet."), this);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: #9a5b00;"));
    m_note->hide();
    layout->addWidget(m_note);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto* points = new QGroupBox(tr("Points"), this);
    auto* form = new QFormLayout(points);
    m_mode = new QComboBox(points);
    for (PointColorMode mode :
         {PointColorMode::TrueClass, PointColorMode::PredictedClass, PointColorMode::Correctness,
          PointColorMode::Confidence, PointColorMode::ClassProbability, PointColorMode::Dissimilarity})
        m_mode->addItem(mode == PointColorMode::ClassProbability ? tr("Probability of a class")
                        : mode == PointColorMode::Dissimilarity  ? tr("Dissimilarity (DI, applicability)")
                                                                 : MapRenderer::modeName(mode),
                        int(mode));
    // A long mode name must not widen the side panel.
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_mode->setMinimumContentsLength(16);
    form->addRow(tr("Colour by"), m_mode);
    m_probabilityClass = new QComboBox(points);
    m_probabilityClass->setEnabled(false);
    m_probabilityClass->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_probabilityClass->setMinimumContentsLength(16);
    form->addRow(tr("Class"), m_probabilityClass);
    m_testOnly = new QRadioButton(tr("Test points"), points);
    m_allPoints = new QRadioButton(tr("All points"), points);
    auto* which = new QButtonGroup(points);
    which->addButton(m_testOnly);
    which->addButton(m_allPoints);
    m_testOnly->setChecked(true);
    auto* whichRow = new QHBoxLayout;
    whichRow->addWidget(m_testOnly);
    whichRow->addWidget(m_allPoints);
    form->addRow(tr("Show"), whichRow);
    layout->addWidget(points);

    auto* classes = new QGroupBox(tr("Classes shown"), this);
    classes->setToolTip(
        tr("Untick classes to hide their points: by the predicted class when points are coloured by it, "
           "otherwise by the true class"));
    auto* classesLayout = new QVBoxLayout(classes);
    m_classes = new QListWidget(classes);
    m_classes->setUniformItemSizes(true);
    m_classes->setMaximumHeight(150);  // 25 crop types scroll here instead of pushing the panel down
    // Long class names scroll inside the list; they must not widen the side panel.
    m_classes->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_classes->setMinimumWidth(60);
    classesLayout->addWidget(m_classes);
    auto* classButtons = new QHBoxLayout;
    m_allClasses = new QPushButton(tr("All"), classes);
    m_noClasses = new QPushButton(tr("None"), classes);
    classButtons->addWidget(m_allClasses);
    classButtons->addWidget(m_noClasses);
    classButtons->addStretch(1);
    classesLayout->addLayout(classButtons);
    layout->addWidget(classes);

    auto* view = new QGroupBox(tr("View"), this);
    auto* grid = new QGridLayout(view);
    m_zoomToData = new QPushButton(tr("Zoom to data"), view);
    m_zoomToSelection = new QPushButton(tr("Zoom to selection"), view);
    m_home = new QPushButton(tr("Home (EU-27)"), view);
    m_clearSelection = new QPushButton(tr("Clear selection"), view);
    grid->addWidget(m_zoomToData, 0, 0);
    grid->addWidget(m_zoomToSelection, 0, 1);
    grid->addWidget(m_home, 1, 0);
    grid->addWidget(m_clearSelection, 1, 1);
    layout->addWidget(view);

    auto* layers = new QGroupBox(tr("Layers"), this);
    m_overlays = new QVBoxLayout(layers);
    m_regions = new QCheckBox(tr("Biogeographical regions"), layers);
    m_regions->setChecked(true);
    m_overlays->addWidget(m_regions);
    m_regionScores = new QCheckBox(tr("Scores of held-out regions"), layers);
    m_regionScores->setEnabled(false);
    m_regionScores->setToolTip(
        tr("Each region coloured by the weighted F1 of the saved leave-one-region-out "
           "runs that held it out"));
    m_overlays->addWidget(m_regionScores);
    m_outsideAoa = new QCheckBox(tr("Outside the area of applicability"), layers);
    m_outsideAoa->setEnabled(false);
    m_outsideAoa->setToolTip(tr("Open a run to see where its predictions can be trusted"));
    m_overlays->addWidget(m_outsideAoa);
    layout->addWidget(layers);

    m_counts = new QLabel(this);
    m_counts->setWordWrap(true);
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_counts);

    auto* pinned = new QGroupBox(tr("Clicked point"), this);
    auto* pinnedLayout = new QVBoxLayout(pinned);
    m_details = new QTableWidget(0, 2, pinned);
    m_details->setHorizontalHeaderLabels({tr("Value"), tr("")});
    m_details->horizontalHeader()->hide();
    m_details->verticalHeader()->hide();
    m_details->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_details->horizontalHeader()->setStretchLastSection(true);
    m_details->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_details->setWordWrap(false);
    pinnedLayout->addWidget(m_details);
    layout->addWidget(pinned, 1);
}

}  // namespace bridgelc
