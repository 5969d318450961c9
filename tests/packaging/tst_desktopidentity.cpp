// The console's desktop identity: the desktop file name that matches the installed .desktop
// entry, and a window icon at every size even where no icon theme has it.
#include "desktopidentity.h"

#include <QGuiApplication>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDesktopIdentity final : public QObject
{
    Q_OBJECT

private slots:
    void desktopFileName();
    void iconSizes_data();
    void iconSizes();
};

void TestDesktopIdentity::desktopFileName()
{
    QVERIFY(QGuiApplication::windowIcon().isNull());
    wfo::setDesktopIdentity();
    QCOMPARE(QGuiApplication::desktopFileName(),
             u"org.orchestratorconsole.OrchestratorConsole"_s);
    QVERIFY(!QGuiApplication::windowIcon().isNull());
}

void TestDesktopIdentity::iconSizes_data()
{
    QTest::addColumn<int>("size");
    for (const int size : { 32, 48, 64, 128, 256 })
        QTest::addRow("%d", size) << size;
}

void TestDesktopIdentity::iconSizes()
{
    QFETCH(int, size);
    const QIcon icon = wfo::applicationIcon();
    QVERIFY(icon.availableSizes().contains(QSize(size, size)));
    const QImage image = icon.pixmap(QSize(size, size)).toImage();
    QCOMPARE(image.size(), QSize(size, size));
    // The tile is opaque in the middle and transparent in the rounded corner.
    QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255);
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
}

QTEST_MAIN(TestDesktopIdentity)
#include "tst_desktopidentity.moc"
