#pragma once
// Editors chosen from: a yes/no check box, a single choice (radio buttons for up to three
// choices, a drop-down above), a multi-choice (check boxes for up to five, a checkable list
// above) and the accept checklist that must be ticked completely.

#include "fieldeditor.h"

#include <QList>

class QAbstractButton;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QListWidget;

namespace wfo::forms {

class BooleanEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BooleanEditor)

public:
    BooleanEditor(const Field &field, const QString &objectName, QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;
    bool wantsRowLabel() const override { return false; }

private:
    QCheckBox *m_box;
};

class ChoiceEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChoiceEditor)

public:
    static constexpr int maxRadioButtons = 3;

    ChoiceEditor(const Field &field, const QString &objectName, QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;

private:
    QButtonGroup *m_group = nullptr;
    QList<QAbstractButton *> m_buttons;
    QComboBox *m_combo = nullptr;
};

class MultiChoiceEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MultiChoiceEditor)

public:
    static constexpr int maxCheckBoxes = 5;

    MultiChoiceEditor(const Field &field, const QString &objectName, QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;

private:
    QList<QCheckBox *> m_boxes;
    QListWidget *m_list = nullptr;
};

// Answers "ACCEPTED" once every item is ticked, "INCOMPLETE" before.
class AcceptEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AcceptEditor)

public:
    AcceptEditor(const Field &field, const QString &objectName, QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;

private:
    QList<QCheckBox *> m_boxes;
};

} // namespace wfo::forms
