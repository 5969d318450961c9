#pragma once
// Editors typed into: one-line text (also numbers and the IP, VLAN and UUID formats, with input
// validators), long text, and date/time pickers.

#include "fieldeditor.h"

#include <QValidator>

class QCheckBox;
class QDateTimeEdit;
class QLineEdit;
class QPlainTextEdit;

namespace wfo::forms {

// Rejects characters that can never belong to the format; the field's own validation gives
// the precise message when the value is submitted.
class WFO_FORMWIDGETS_EXPORT FormatValidator final : public QValidator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormatValidator)

public:
    FormatValidator(FieldType type, QObject *parent);
    State validate(QString &input, int &position) const override;

private:
    FieldType m_type;
};

class LineEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineEditor)

public:
    LineEditor(const Field &field, const QString &objectName, QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;

private:
    QLineEdit *m_edit;
};

class LongTextEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LongTextEditor)

public:
    LongTextEditor(const Field &field, const QString &objectName, QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;

private:
    QPlainTextEdit *m_edit;
};

// A timestamp (seconds since the epoch) or an ISO date; optional ones can be left unset.
class DateTimeEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateTimeEditor)

public:
    DateTimeEditor(const Field &field, const QString &objectName, QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;

private:
    QCheckBox *m_set = nullptr;
    QDateTimeEdit *m_edit;
};

} // namespace wfo::forms
