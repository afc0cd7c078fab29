#pragma once
#include <QFrame>
#include <QStringList>

class QLabel;

namespace bridgelc {

/// The line above a result view saying whose result it is (model, scenario, seed, dataset), with the plain
/// warnings that belong to it right there (a tiny test part, a single class, another dataset than the open
/// one) — where the numbers are read, not in a log.
class ResultBanner : public QFrame {
    Q_OBJECT
public:
    explicit ResultBanner(QWidget* parent = nullptr);

    /// Shows `whose` and, highlighted below it, each warning.
    void setResult(const QString& whose, const QStringList& warnings);
    /// No result: a quiet hint instead.
    void clear(const QString& hint);

    QString whose() const;
    const QStringList& warnings() const { return m_warnings; }

private:
    QLabel* m_whose;
    QLabel* m_warningText;
    QStringList m_warnings;
};

}  // namespace bridgelc
