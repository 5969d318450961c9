#pragma once
// Elements shown for reading: labels, dividers, markdown, callouts, summary tables, read-only
// values and hidden values (which show nothing but still answer their value).

#include "fieldeditor.h"

namespace wfo::forms {

class DisplayEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DisplayEditor)

public:
    DisplayEditor(const Field &field, const QString &objectName, QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &) override { }
    bool collectsInput() const override { return field().type() == FieldType::ReadOnly; }
    bool wantsRowLabel() const override;

private:
    QWidget *createContent();
};

} // namespace wfo::forms
