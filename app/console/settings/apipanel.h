#pragma once
// Settings → REST API: this console serves the API (docs/api.md) from its own engine, off by
// default. It listens on the loopback address only; serving other machines is the business of
// `orchestratorctl serve` with HTTPS. Whether it serves and on which port are kept in
// QSettings and apply again at the next start.

#include "domain/constraintsettings.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace wfo::api {
class ApiServer;
}

namespace wfo::console {

class ConsoleContext;

class ApiPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiPanel)

public:
    explicit ApiPanel(ConsoleContext *context, QWidget *parent = nullptr);
    ~ApiPanel() override;

    // QSettings keys.
    static QString serveKey();
    static QString portKey();

    // The installation's workflow constraints, for the subscription routes.
    void setConstraintSettings(const ConstraintSettings &settings);
    // Where it serves, empty when it does not.
    QString baseUrl() const;
    api::ApiServer *server() const { return m_server.get(); }

private:
    void apply();
    void start();
    void stop();
    void showState(const QString &error = {});

    ConsoleContext *m_context;
    ConstraintSettings m_constraints;
    QCheckBox *m_serve;
    QSpinBox *m_port;
    QLabel *m_state;
    std::unique_ptr<api::ApiServer> m_server;
};

} // namespace wfo::console
