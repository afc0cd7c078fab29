#pragma once
#include <QDialog>
#include <QStringList>

#include "ui/jobs/metatypes.h"

class QCheckBox;
class QLabel;
class QListWidget;

class QPushButton;

namespace bridgelc {

/// Asks which models and scenarios "Run all" covers and shows how many runs that makes.
class RunAllDialog : public QDialog {
    Q_OBJECT
public:
    RunAllDialog(const DatasetPtr& dataset, QWidget* parent = nullptr);

    QStringList models() const;  ///< registry names of the ticked models
    bool extrap() const;
    bool loro() const;

private:
    void updateCount();

    DatasetPtr m_dataset;
    QListWidget* m_models;
    QCheckBox* m_extrap;
    QCheckBox* m_loro;
    QLabel* m_count;
    QPushButton* m_runButton = nullptr;
};

}  // namespace bridgelc
