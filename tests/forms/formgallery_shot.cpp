// Renders the form gallery and the example wizard into PNG files for the documentation:
//   formgallery_shot <output directory>
// Run it under Xvfb (or QT_QPA_PLATFORM=offscreen) from the build tree.
#include "forms/core/gallery.h"
#include "forms/widgets/fieldeditor.h"
#include "forms/widgets/formdialog.h"
#include "forms/widgets/formgallery.h"
#include "forms/widgets/formpagewidget.h"
#include "forms/widgets/pickerprovider.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPixmap>
#include <QRadioButton>

using namespace Qt::StringLiterals;
using namespace wfo::forms;

namespace {

void settle(int ms = 200)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool save(QWidget *widget, const QString &path)
{
    const bool ok = widget->grab().save(path);
    qInfo("%s %s", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QDir out(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath());
    bool ok = true;

    // The gallery page at its full height, outside the dialog's scroll area.
    {
        std::unique_ptr<StaticPickerProvider> provider(StaticPickerProvider::createSample());
        FormPageWidget page(galleryPage(), provider.get());
        page.resize(720, page.sizeHint().height());
        page.show();
        settle();
        page.setValues(QJsonObject {{u"hostname"_s, u"ams1-rt1"_s},
                                    {u"port_count"_s, 24},
                                    {u"role"_s, u"edge"_s},
                                    {u"features"_s, QJsonArray {u"bfd"_s, u"lldp"_s}},
                                    {u"regions"_s, QJsonArray {u"nl"_s, u"de"_s}},
                                    {u"dns_servers"_s, QJsonArray {u"192.0.2.53"_s}},
                                    {u"loopback"_s, u"192.0.2.1"_s},
                                    {u"vlans"_s, u"100-199,300"_s},
                                    {u"product_id"_s, galleryProductId()}});
        page.showErrors({{QJsonArray {u"bandwidth"_s}, u"Enter a number."_s, u"float_parsing"_s}});
        page.resize(720, page.sizeHint().height());
        settle();
        ok = save(&page, out.filePath(u"forms-gallery.png"_s)) && ok;
    }

    // The wizard: page 1 with an error, then page 2 after going on.
    {
        FormDialog dialog(synchronousEvaluator(exampleWizardGenerator()));
        dialog.resize(640, 420);
        dialog.show();
        settle();
        auto *name = dialog.findChild<QLineEdit *>(u"node_name"_s);
        auto *site = dialog.findChild<QRadioButton *>(u"site_ams1"_s);
        auto *loopback = dialog.findChild<QLineEdit *>(u"loopback"_s);
        if (!name || !site || !loopback)
            return 1;
        name->setText(u"rt1"_s);
        site->setChecked(true);
        loopback->setText(u"192.0.2.1"_s);
        dialog.next();
        settle();
        ok = save(&dialog, out.filePath(u"forms-wizard-error.png"_s)) && ok;
        name->setText(u"ams1-rt1"_s);
        dialog.next();
        settle();
        ok = save(&dialog, out.filePath(u"forms-wizard-page2.png"_s)) && ok;
    }
    return ok ? 0 : 1;
}
