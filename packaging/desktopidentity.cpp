#include "desktopidentity.h"

#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace wfo {

QIcon applicationIcon()
{
    QIcon builtIn;
    for (const int size : { 32, 48, 64, 128, 256 })
        builtIn.addFile(u":/wfo/icons/%1-%2.png"_s.arg(QLatin1StringView(desktopId)).arg(size),
                        QSize(size, size));
    return QIcon::fromTheme(QLatin1StringView(desktopId), builtIn);
}

void setDesktopIdentity()
{
    QGuiApplication::setDesktopFileName(QLatin1StringView(desktopId));
    QGuiApplication::setWindowIcon(applicationIcon());
}

} // namespace wfo
