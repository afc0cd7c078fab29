#pragma once
#include <QFont>
#include <QString>
#include <QStringList>

class QPaintDevice;

namespace bridgelc {

/// `text` broken into lines no wider than `width` pixels on `device` (at word boundaries, inside a word only
/// when one word alone is wider, e.g. a long file name): map furniture wraps, it never cuts a title or
/// credit.
QStringList wrapText(const QString& text, const QFont& font, QPaintDevice* device, qreal width);

}  // namespace bridgelc
