#pragma once
// Customer, product and subscription pickers of forms, answered from the repositories on the
// query pool: products from the catalogue, subscriptions by the search syntax (filtered by the
// field's products, tags and statuses), customers from the customer ids in use (plus what the
// operator typed, since customers live in a CRM we do not hold).

#include "forms/widgets/pickerprovider.h"

#include <QObject>

namespace wfo::console {

class ConsoleContext;

class RepositoryPickerProvider final : public QObject, public forms::PickerProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepositoryPickerProvider)

public:
    explicit RepositoryPickerProvider(ConsoleContext *context, QObject *parent = nullptr);

    void lookup(const forms::PickerQuery &query, const forms::PickerReply &reply) override;

private:
    ConsoleContext *m_context;
};

} // namespace wfo::console
