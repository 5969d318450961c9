#include "formgallery.h"

#include "formdialog.h"
#include "pickerprovider.h"

#include "forms/core/gallery.h"

#include <QJsonDocument>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace wfo::forms {

FormDialog *createFormGalleryDialog(PickerProvider *provider, QWidget *parent)
{
    StaticPickerProvider *sample = nullptr;
    if (!provider) {
        sample = StaticPickerProvider::createSample();
        provider = sample;
    }
    auto *dialog = new FormDialog(synchronousEvaluator(galleryGenerator()), provider, parent);
    dialog->setObjectName(u"formGallery"_s);
    if (sample)
        sample->setParent(dialog);
    dialog->resize(760, 720);
    return dialog;
}

FormDialog *showFormGallery(QWidget *parent, PickerProvider *provider)
{
    FormDialog *dialog = createFormGalleryDialog(provider, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::accepted, dialog, [dialog] {
        QMessageBox box(QMessageBox::Information,
                        QCoreApplication::translate("wfo::forms::Gallery", "Form gallery"),
                        QCoreApplication::translate("wfo::forms::Gallery",
                                                    "The form was submitted. The answers are "
                                                    "under Show Details."),
                        QMessageBox::Ok, dialog->parentWidget());
        box.setDetailedText(QString::fromUtf8(QJsonDocument(dialog->userInputs()).toJson()));
        box.exec();
    });
    dialog->show();
    return dialog;
}

} // namespace wfo::forms
