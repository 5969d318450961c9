#include "displayeditors.h"

#include <QFrame>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

QString displayText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QCoreApplication::translate("wfo::forms::DisplayEditor", "Yes")
                              : QCoreApplication::translate("wfo::forms::DisplayEditor", "No");
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

// Border and background of a callout, by its variant.
QString calloutStyle(const QString &variant)
{
    const QString colour = variant == "danger"_L1 ? u"#c0392b"_s
        : variant == "warning"_L1                 ? u"#d68910"_s
        : variant == "success"_L1                 ? u"#1e8449"_s
                                                  : u"#2471a3"_s;
    // ".QFrame" styles the frame only, not the labels inside it.
    return u".QFrame { border: 1px solid %1; border-left: 4px solid %1; border-radius: 3px; }"_s
        .arg(colour);
}

} // namespace

DisplayEditor::DisplayEditor(const Field &field, const QString &objectName, QWidget *parent)
    : FieldEditor(field, objectName, parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (field.type() == FieldType::Hidden) {
        setVisible(false);
        return;
    }
    layout->addWidget(createContent());
}

bool DisplayEditor::wantsRowLabel() const
{
    return field().type() == FieldType::ReadOnly
        || (field().type() == FieldType::Summary && field().labelText() != field().name());
}

QWidget *DisplayEditor::createContent()
{
    const Field &f = field();
    switch (f.type()) {
    case FieldType::Divider: {
        auto *line = new QFrame(this);
        line->setFrameShape(QFrame::HLine);
        line->setFrameShadow(QFrame::Sunken);
        adopt(line);
        return line;
    }
    case FieldType::Markdown:
    case FieldType::Label: {
        auto *label = new QLabel(this);
        label->setWordWrap(true);
        label->setTextFormat(f.type() == FieldType::Markdown ? Qt::MarkdownText : Qt::PlainText);
        label->setText(f.contentText().isEmpty() ? f.labelText() : f.contentText());
        label->setOpenExternalLinks(true);
        label->setTextInteractionFlags(Qt::TextBrowserInteraction);
        adopt(label, {}, label->text());
        return label;
    }
    case FieldType::Callout: {
        auto *frame = new QFrame(this);
        frame->setStyleSheet(calloutStyle(f.variant()));
        auto *inner = new QVBoxLayout(frame);
        inner->setContentsMargins(10, 6, 10, 6);
        auto *header = new QLabel(u"<b>%1</b>"_s.arg(f.headerText().toHtmlEscaped()), frame);
        auto *message = new QLabel(f.contentText(), frame);
        message->setWordWrap(true);
        inner->addWidget(header);
        inner->addWidget(message);
        adopt(frame, {}, f.headerText());
        frame->setAccessibleDescription(f.contentText());
        return frame;
    }
    case FieldType::Summary: {
        const SummaryData &data = f.summaryData();
        auto *table = new QTableWidget(int(data.labels.size()), int(data.headers.size()), this);
        table->setHorizontalHeaderLabels(data.headers);
        table->setVerticalHeaderLabels(data.labels);
        for (qsizetype column = 0; column < data.columns.size() && column < data.headers.size();
             ++column) {
            const QStringList &cells = data.columns.at(column);
            for (qsizetype row = 0; row < cells.size() && row < data.labels.size(); ++row)
                table->setItem(int(row), int(column), new QTableWidgetItem(cells.at(row)));
        }
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionMode(QAbstractItemView::NoSelection);
        table->setFocusPolicy(Qt::NoFocus);
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->resizeRowsToContents();
        int height = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
        for (int row = 0; row < table->rowCount(); ++row)
            height += table->rowHeight(row);
        table->setFixedHeight(height);
        adopt(table);
        return table;
    }
    case FieldType::ReadOnly:
    default: {
        auto *edit = new QLineEdit(displayText(f.defaultValue().value_or(QJsonValue())), this);
        edit->setReadOnly(true);
        adopt(edit);
        return edit;
    }
    }
}

QJsonValue DisplayEditor::value() const
{
    if (field().type() == FieldType::ReadOnly)
        return field().defaultValue().value_or(QJsonValue());
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace wfo::forms
