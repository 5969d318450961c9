#pragma once
// The page an operator sees before a workflow without a form starts: what it runs on (the
// subscription), its target and the steps that will run, numbered from 1. A TERMINATE asks to
// type the subscription's description before Start is enabled, so that a click in the wrong
// row of a menu never ends a customer's service. Opened with open() (no nested event loop);
// accepted() means "start".

#include <QDialog>
#include <QString>
#include <QStringList>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace wfo::console {

class StartConfirmation final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartConfirmation)

public:
    struct Subject
    {
        QString workflow; // its name
        QString description; // translated
        QString target; // "TERMINATE", ...
        QStringList steps;
        QString subscriptionId;
        QString subscriptionDescription;
    };

    explicit StartConfirmation(const Subject &subject, QWidget *parent = nullptr);

    // Whether the operator has to type the subscription's description first.
    bool needsTypedConfirmation() const { return m_typed != nullptr; }
    QPushButton *startButton() const { return m_start; }

private:
    void updateStart();

    Subject m_subject;
    QLineEdit *m_typed = nullptr;
    QPushButton *m_start;
};

} // namespace wfo::console
