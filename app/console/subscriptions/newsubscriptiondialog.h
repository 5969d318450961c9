#pragma once
// The first page of the new subscription wizard: the operator picks a product (loaded on the
// query pool); "Next" hands over to the product's create workflow, whose form continues in a
// FormDialog (WorkflowLauncher) and whose new process then opens and runs live.

#include <QDialog>
#include <QJsonArray>

class QLabel;
class QListWidget;
class QPushButton;

namespace wfo::console {

class ConsoleContext;

class NewSubscriptionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewSubscriptionDialog)

public:
    explicit NewSubscriptionDialog(ConsoleContext *context, QWidget *parent = nullptr);

    QListWidget *productList() const { return m_products; }
    // Selects the product with this name; returns whether it was there.
    bool selectProduct(const QString &name);

public slots:
    void accept() override;

signals:
    void productsLoaded();

private:
    ConsoleContext *m_context;
    QListWidget *m_products;
    QLabel *m_message;
    QPushButton *m_next;
};

} // namespace wfo::console
