#pragma once
// The two questions an operator answers before changing the course of a process: "Reset to
// step…" (which step, with a warning that names the steps rewound and says that their external
// effects are not undone) and "Skip step…" (a reason is required). Both are window-modal,
// opened with open() (no nested event loop), delete themselves when closed, and name their
// widgets so that tests can fill them in.

#include "processactions.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace wfo::console {

class ResetDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResetDialog)

public:
    // `preselected`: the workflow index of the step to offer first (-1: the earliest step the
    // process stopped at).
    ResetDialog(const QList<ResetTarget> &targets, int preselected, QWidget *parent = nullptr);

    int chosenStep() const; // the workflow index
    QString chosenStepName() const;
    QComboBox *stepChoice() const { return m_step; }
    QLabel *warning() const { return m_warning; }

private:
    void updateWarning();

    QList<ResetTarget> m_targets;
    QComboBox *m_step;
    QLabel *m_warning;
    QPushButton *m_confirm;
};

class SkipDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SkipDialog)

public:
    // `step`: the name of the step that is skipped; `error`: why it failed.
    SkipDialog(const QString &step, const QString &error, QWidget *parent = nullptr);

    QString reason() const;
    QPlainTextEdit *reasonEdit() const { return m_reason; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    void updateConfirm();

    QPlainTextEdit *m_reason;
    QPushButton *m_confirm;
};

} // namespace wfo::console
