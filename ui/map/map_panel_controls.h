#pragma once
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;
class QTableWidget;
class QVBoxLayout;

namespace bridgelc {

/// The Map tab's side panel: what is shown and whose it is, how points are coloured, which points, zoom
/// buttons, layer switches, counts and the pinned point's values. Widgets only; MapPanel wires them.
class MapPanelControls : public QWidget {
    Q_OBJECT
public:
    explicit MapPanelControls(QWidget* parent = nullptr);

    QLabel* title() const { return m_title; }
    QLabel* note() const { return m_note; }
    QLabel* status() const { return m_status; }
    QComboBox* mode() const { return m_mode; }
    QComboBox* probabilityClass() const { return m_probabilityClass; }
    QRadioButton* testOnly() const { return m_testOnly; }
    QRadioButton* allPoints() const { return m_allPoints; }
    QPushButton* zoomToData() const { return m_zoomToData; }
    QPushButton* zoomToSelection() const { return m_zoomToSelection; }
    QPushButton* home() const { return m_home; }
    QPushButton* clearSelection() const { return m_clearSelection; }
    /// The class filter: one checkable row per class (unchecked = hidden), and buttons to show all or none.
    QListWidget* classes() const { return m_classes; }
    QPushButton* allClasses() const { return m_allClasses; }
    QPushButton* noClasses() const { return m_noClasses; }
    QCheckBox* regions() const { return m_regions; }
    QCheckBox* regionScores() const { return m_regionScores; }
    /// Points outside the run's area of applicability drawn hollow (disabled, saying why, without one).
    QCheckBox* outsideAoa() const { return m_outsideAoa; }
    /// Where overlay switches go.
    QVBoxLayout* overlays() const { return m_overlays; }
    QLabel* counts() const { return m_counts; }
    QTableWidget* details() const { return m_details; }

private:
    QLabel *m_title, *m_note, *m_status, *m_counts;
    QComboBox *m_mode, *m_probabilityClass;
    QRadioButton *m_testOnly, *m_allPoints;
    QPushButton *m_zoomToData, *m_zoomToSelection, *m_home, *m_clearSelection, *m_allClasses, *m_noClasses;
    QListWidget* m_classes;
    QCheckBox *m_regions, *m_regionScores, *m_outsideAoa;
    QVBoxLayout* m_overlays;
    QTableWidget* m_details;
};

}  // namespace bridgelc
