#include "confirm.h"

#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace wfo::console {

QMessageBox *askConfirmation(QWidget *parent, const QString &objectName, const QString &title,
                             const QString &text, const QString &acceptText,
                             const std::function<void()> &onAccept)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *accept = box->addButton(acceptText, QMessageBox::AcceptRole);
    accept->setObjectName(u"confirmButton"_s);
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    box->setDefaultButton(cancel);
    QObject::connect(box, &QMessageBox::buttonClicked, box,
                     [accept, onAccept](QAbstractButton *button) {
                         if (button == accept && onAccept)
                             onAccept();
                     });
    box->open();
    return box;
}

void showInformation(QWidget *parent, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
    box->setObjectName(u"informationMessage"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void showError(QWidget *parent, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setObjectName(u"errorMessage"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace wfo::console
