#include "apipanel.h"

#include "common/consolecontext.h"

#include "api/apiserver.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace wfo::console {

QString ApiPanel::serveKey()
{
    return u"api/serve"_s;
}

QString ApiPanel::portKey()
{
    return u"api/port"_s;
}

ApiPanel::ApiPanel(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_serve(new QCheckBox(tr("&Serve the REST API on this computer"), this))
    , m_port(new QSpinBox(this))
    , m_state(new QLabel(this))
{
    m_serve->setObjectName(u"serveApi"_s);
    m_serve->setToolTip(tr("Scripts and tools written for orchestrator-core's API reach this "
                           "console's engine at http://127.0.0.1:PORT/api/."));
    m_port->setObjectName(u"apiPort"_s);
    m_port->setAccessibleName(tr("API port"));
    m_port->setRange(1, 65535);
    m_port->setValue(QSettings().value(portKey(), 8080).toInt());
    m_state->setObjectName(u"apiState"_s);
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *hint = new QLabel(tr("Only this computer can reach it. Tokens: 'orchestratorctl tokens "
                               "create'. To serve other machines, use 'orchestratorctl serve' "
                               "with HTTPS."),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(m_serve);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("State:"), m_state);
    form->addRow(hint);

    m_serve->setChecked(QSettings().value(serveKey(), false).toBool());
    connect(m_serve, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(serveKey(), on);
        apply();
    });
    connect(m_port, &QSpinBox::editingFinished, this, [this] {
        QSettings().setValue(portKey(), m_port->value());
        if (m_server && m_server->port() != m_port->value())
            apply();
    });
    // After the window is decorated (the constraints are set), serve if it served last time.
    QTimer::singleShot(0, this, &ApiPanel::apply);
    showState();
}

ApiPanel::~ApiPanel() = default;

void ApiPanel::setConstraintSettings(const ConstraintSettings &settings)
{
    m_constraints = settings;
}

QString ApiPanel::baseUrl() const
{
    return m_server ? u"http://127.0.0.1:%1/api/"_s.arg(m_server->port()) : QString();
}

void ApiPanel::apply()
{
    stop();
    if (m_serve->isChecked())
        start();
    else
        showState();
}

void ApiPanel::start()
{
    api::ApiOptions options;
    options.port = quint16(m_port->value());
    options.localUser = m_context->actor();
    options.constraints = m_constraints;
    options.readThreads = 2;
    auto server = std::make_unique<api::ApiServer>(m_context->engine(), options);
    QString error;
    if (!server->listen(&error)) {
        // Not serving: say why where the operator looks, and keep the box as asked, so the
        // next start tries again (the port may be free by then).
        showState(error);
        return;
    }
    m_server = std::move(server);
    showState();
}

void ApiPanel::stop()
{
    m_server.reset();
}

void ApiPanel::showState(const QString &error)
{
    if (!error.isEmpty()) {
        m_state->setText(tr("Not serving: %1").arg(error));
        m_state->setStyleSheet(u"color: #b00020;"_s);
        return;
    }
    m_state->setStyleSheet(QString());
    m_state->setText(m_server ? tr("Serving %1").arg(baseUrl()) : tr("Off"));
}

} // namespace wfo::console
